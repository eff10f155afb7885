package tandem.ui;

import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
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
        c.setCellFactory(col -> TableColumns.tooltipWhenLong(new TableCell<>() {
            @Override protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.toString());
                Pos align = item instanceof Number ? Pos.CENTER_RIGHT : Pos.CENTER_LEFT;
                if (getAlignment() != align) setAlignment(align);
            }
        }, 16));
        TableColumns.fitHeader(c, width);
        return c;
    }

    private static final PseudoClass HIGH = PseudoClass.getPseudoClass("high");
    private static final PseudoClass FULL = PseudoClass.getPseudoClass("full");

    /**
     * A small bar and the percentage leased; a dash when the server did not say what is leased. The bar is two plain
     * regions rather than a progress bar: a table shows dozens of them at once, and a progress bar's skin and styling
     * cost several times as much to make and draw.
     */
    private static TableColumn<ConfigRow, Object> utilization() {
        TableColumn<ConfigRow, Object> c = new TableColumn<>("Utilization");
        c.setId("col-utilization");
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(
                cell.getValue() instanceof ConfigRow.Subnet s ? s.utilization() : null));
        c.setComparator(NaturalOrder.CELLS);
        c.setCellFactory(col -> new TableCell<>() {
            private final Region fill = new Region();
            private final StackPane bar = new StackPane(fill);

            {
                getStyleClass().add("utilization-cell");
                bar.getStyleClass().add("utilization-bar");
                fill.getStyleClass().add("utilization-fill");
                bar.setAlignment(Pos.CENTER_LEFT);
                bar.setMinSize(BAR, 10);
                bar.setMaxSize(BAR, 10);
                bar.setPrefSize(BAR, 10);
                fill.setMaxWidth(Region.USE_PREF_SIZE);
                setGraphicTextGap(6);
                addEventHandler(javafx.scene.input.MouseEvent.MOUSE_ENTERED, e -> setTooltip(
                        "—".equals(getText()) ? new Tooltip("The server did not say how many addresses are leased") : null));
            }

            @Override protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                if (empty) {
                    setText(null);
                    setGraphic(null);
                } else if (item instanceof Double u) {
                    fill.setPrefWidth(Math.max(0, Math.min(1, u)) * BAR);
                    fill.pseudoClassStateChanged(FULL, u >= 0.95);
                    fill.pseudoClassStateChanged(HIGH, u >= 0.8 && u < 0.95);
                    setText(Math.round(u * 100) + " %");
                    setGraphic(bar);
                } else {
                    setText("—");
                    setGraphic(null);
                }
            }
        });
        TableColumns.fitHeader(c, 120);
        return c;
    }

    private static final double BAR = 60;
}
