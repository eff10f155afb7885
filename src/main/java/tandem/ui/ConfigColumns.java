package tandem.ui;

import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import tandem.core.config.ConfigRow;
import tandem.ui.ConfigurationViewModel.Kind;

/** The columns of each configuration table; every one sorts, numbers by value and text naturally. */
final class ConfigColumns {
    private ConfigColumns() {}

    static List<TableColumn<ConfigRow, ?>> of(Kind kind) {
        return switch (kind) {
            case SUBNETS -> List.of(
                    col("Subnet", ConfigRow.Subnet.class, ConfigRow.Subnet::subnet, 150),
                    col("ID", ConfigRow.Subnet.class, s -> number(s.id()), 50),
                    col("Shared network", ConfigRow.Subnet.class, ConfigRow.Subnet::sharedNetwork, 110),
                    utilization(),
                    col("Leased", ConfigRow.Subnet.class, ConfigRow.Subnet::assigned, 70),
                    col("Addresses", ConfigRow.Subnet.class, ConfigRow.Subnet::addresses, 80),
                    col("Pools", ConfigRow.Subnet.class, ConfigRow.Subnet::pools, 50),
                    col("Reservations", ConfigRow.Subnet.class, ConfigRow.Subnet::reservations, 90),
                    col("Comment", ConfigRow.Subnet.class, ConfigRow.Subnet::comment, 150));
            case POOLS -> List.of(
                    col("Subnet", ConfigRow.Pool.class, ConfigRow.Pool::subnet, 150),
                    col("Range", ConfigRow.Pool.class, ConfigRow.Pool::range, 230),
                    col("Detail", ConfigRow.Pool.class, ConfigRow.Pool::detail, 160));
            case RESERVATIONS -> List.of(
                    col("Subnet", ConfigRow.Reservation.class, ConfigRow.Reservation::subnet, 140),
                    col("Identifier", ConfigRow.Reservation.class, ConfigRow.Reservation::identifier, 230),
                    col("Address", ConfigRow.Reservation.class, ConfigRow.Reservation::address, 140),
                    col("Host name", ConfigRow.Reservation.class, ConfigRow.Reservation::hostname, 130),
                    col("Name", ConfigRow.Reservation.class, ConfigRow.Reservation::name, 100));
            case OPTIONS -> List.of(
                    col("Level", ConfigRow.Option.class, ConfigRow.Option::level, 170),
                    col("Option", ConfigRow.Option.class, ConfigRow.Option::name, 150),
                    col("Code", ConfigRow.Option.class, ConfigRow.Option::code, 50),
                    col("Value", ConfigRow.Option.class, ConfigRow.Option::data, 220));
            case SHARED_NETWORKS -> List.of(
                    col("Name", ConfigRow.SharedNetwork.class, ConfigRow.SharedNetwork::name, 150),
                    col("Subnets", ConfigRow.SharedNetwork.class, n -> String.join(", ", n.subnets()), 300),
                    col("Detail", ConfigRow.SharedNetwork.class, ConfigRow.SharedNetwork::detail, 150));
            case CLIENT_CLASSES -> List.of(
                    col("Name", ConfigRow.ClientClass.class, ConfigRow.ClientClass::name, 150),
                    col("Test", ConfigRow.ClientClass.class, ConfigRow.ClientClass::test, 300),
                    col("Detail", ConfigRow.ClientClass.class, ConfigRow.ClientClass::detail, 150));
        };
    }

    /** A subnet id sorts as a number when it is one (Kea, dhcpd), as text otherwise (a Windows scope id). */
    private static Object number(String id) {
        if (id == null) return null;
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return id;
        }
    }

    private static <R extends ConfigRow> TableColumn<ConfigRow, Object> col(String title, Class<R> type,
                                                                           Function<R, Object> value, double width) {
        TableColumn<ConfigRow, Object> c = new TableColumn<>(title);
        c.setId("col-" + title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(type.isInstance(cell.getValue())
                ? value.apply(type.cast(cell.getValue())) : null));
        c.setComparator(NaturalOrder.CELLS);
        c.setCellFactory(col -> new TableCell<>() {
            @Override protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                String text = empty || item == null ? null : item.toString();
                setText(text);
                setAlignment(item instanceof Number ? Pos.CENTER_RIGHT : Pos.CENTER_LEFT);
                // a long value may be cut at the column's edge; the tooltip always has all of it
                setTooltip(text == null || text.length() < 16 ? null : new Tooltip(text));
            }
        });
        TableColumns.fitHeader(c, width);
        return c;
    }

    /** A small bar and the percentage leased; a dash when the server did not say what is leased. */
    private static TableColumn<ConfigRow, Object> utilization() {
        TableColumn<ConfigRow, Object> c = new TableColumn<>("Utilization");
        c.setId("col-utilization");
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(
                cell.getValue() instanceof ConfigRow.Subnet s ? s.utilization() : null));
        c.setComparator(NaturalOrder.CELLS);
        c.setCellFactory(col -> new TableCell<>() {
            private final ProgressBar bar = new ProgressBar();
            private final Label percent = new Label();
            private final HBox box = new HBox(6, bar, percent);

            {
                bar.getStyleClass().add("utilization-bar");
                bar.setPrefWidth(60);
                bar.setMaxHeight(10);
                percent.getStyleClass().add("utilization-percent");
                box.setAlignment(Pos.CENTER_LEFT);
            }

            @Override protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                if (empty) {
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                if (!(item instanceof Double u)) {
                    setGraphic(null);
                    setText("—");
                    setTooltip(new Tooltip("The server did not say how many addresses are leased"));
                    return;
                }
                bar.setProgress(u);
                bar.getStyleClass().removeAll("utilization-high", "utilization-full");
                if (u >= 0.95) bar.getStyleClass().add("utilization-full");
                else if (u >= 0.8) bar.getStyleClass().add("utilization-high");
                percent.setText(Math.round(u * 100) + " %");
                setGraphic(box);
                setTooltip(null);
            }
        });
        TableColumns.fitHeader(c, 120);
        return c;
    }
}
