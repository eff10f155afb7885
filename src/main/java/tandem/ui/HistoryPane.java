package tandem.ui;

import static tandem.ui.TableColumns.column;
import static tandem.ui.TableColumns.fitHeader;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import tandem.core.StatusEvent;

/** The lower pane of the console: the status history. */
final class HistoryPane {
    private HistoryPane() {}

    /** The status history: every change of a relationship's status, newest first. */
    static Node build(MainViewModel vm) {
        TableView<StatusEvent> eventTable = new TableView<>();
        eventTable.setId("eventTable");
        eventTable.setPlaceholder(new Label("No status changes recorded yet"));
        TableColumn<StatusEvent, String> time = column("Time", e -> vm.dateTime(e.at()), 150);
        TableColumn<StatusEvent, String> rel = column("Relationship", StatusEvent::relationship, 170);
        TableColumn<StatusEvent, StatusEvent> change = new TableColumn<>("Change");
        change.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        change.setCellFactory(c -> new TableCell<>() {
            /** The event the row's nodes show: events arriving above shift the rows, most keep theirs. */
            private StatusEvent shown;

            @Override protected void updateItem(StatusEvent e, boolean empty) {
                super.updateItem(e, empty);
                setText(null);
                if (empty || e == null) {
                    shown = null;
                    setGraphic(null);
                    return;
                }
                if (e == shown && getGraphic() != null) return;
                shown = e;
                HBox box = new HBox(4);
                box.setAlignment(Pos.CENTER_LEFT);
                if (e.from() != null) {
                    box.getChildren().addAll(StatusIcons.relationship(e.from(), false, 13), new Label(e.from().label()));
                } else {
                    Label first = new Label("first seen");
                    first.getStyleClass().add("dim");
                    box.getChildren().add(first);
                }
                Label arrow = new Label("→");
                arrow.getStyleClass().add("dim");
                box.getChildren().addAll(arrow, StatusIcons.relationship(e.to(), false, 13), new Label(e.to().label()));
                setGraphic(box);
            }
        });
        fitHeader(change, 230);
        TableColumn<StatusEvent, String> reason = column("Reason", StatusEvent::reason, 600);
        eventTable.getColumns().addAll(List.of(time, rel, change, reason));
        eventTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        eventTable.setItems(vm.events());
        Label heading = new Label("Status history");
        heading.getStyleClass().add("pane-heading");
        VBox box = new VBox(heading, eventTable);
        VBox.setVgrow(eventTable, Priority.ALWAYS);
        box.getStyleClass().add("event-pane");
        box.setMinHeight(110);
        return box;
    }
}
