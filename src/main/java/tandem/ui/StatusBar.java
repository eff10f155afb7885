package tandem.ui;

import java.util.Map;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import tandem.core.RelationshipStatus;

/** The console's status bar. */
final class StatusBar {
    private StatusBar() {}

    /**
     * A count, clicked or pressed (Enter, Space), narrows the tree to its status; the counts stay those of every
     * relationship.
     */
    private static void filters(Label count, MainViewModel vm, Object status, String label) {
        Runnable filter = () -> vm.filterProperty().set(vm.filterProperty().get().withStatus(status));
        count.getStyleClass().add("clickable");
        count.setCursor(javafx.scene.Cursor.HAND);
        count.setFocusTraversable(true);
        count.setAccessibleRole(javafx.scene.AccessibleRole.BUTTON);
        count.setAccessibleText(count.getText() + ": show only these relationships in the tree");
        if (count.getTooltip() == null) count.setTooltip(new Tooltip("Show only the relationships in status " + label + " in the tree"));
        count.setOnMouseClicked(e -> filter.run());
        count.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER || e.getCode() == javafx.scene.input.KeyCode.SPACE) {
                filter.run();
                e.consume();
            }
        });
    }

    /** Last poll, the latest message, and how many relationships are in each status. */
    static Node build(MainViewModel vm) {
        Label lastPoll = new Label();
        lastPoll.setId("lastPoll");
        lastPoll.textProperty().bind(vm.lastPollProperty());
        Label message = new Label();
        message.setId("statusMessage");
        message.textProperty().bind(vm.messageProperty());
        vm.messageKindProperty().addListener((o, was, now) -> {
            message.getStyleClass().removeIf(c -> c.startsWith("message-"));
            message.getStyleClass().add(now.styleClass());
        });
        Label team = new Label();
        team.setId("teamStatus");
        team.textProperty().bind(vm.teamProperty());
        team.visibleProperty().bind(vm.teamProperty().isNotEmpty());
        team.managedProperty().bind(team.visibleProperty());
        HBox counts = new HBox(12);
        counts.setId("statusCounts");
        counts.setAlignment(Pos.CENTER_RIGHT);
        Runnable showCounts = () -> {
            counts.getChildren().clear();
            Map<RelationshipStatus, Integer> n = vm.countsProperty().get();
            for (RelationshipStatus s : RelationshipStatus.values()) {
                Label l = new Label(count(n.getOrDefault(s, 0)) + " " + s.label(), StatusIcons.relationship(s, false, 14));
                l.setId("count-" + StatusIcons.styleClass(s));
                l.getStyleClass().add("status-count");
                filters(l, vm, s, s.label());
                counts.getChildren().add(l);
            }
            int unconfirmed = vm.unconfirmedProperty().get();
            if (unconfirmed > 0) {
                Label l = new Label(count(unconfirmed) + " unconfirmed", SvgIcon.node(SvgIcon.STALE, 14));
                l.setId("count-unconfirmed");
                l.getStyleClass().addAll("status-count", "dim");
                filters(l, vm, TreeFilter.NOT_CONFIRMED, "not confirmed yet");
                l.setTooltip(new Tooltip("Last-known states no poll has confirmed since the console started;"
                        + " click to show them in the tree"));
                counts.getChildren().add(l);
            }
        };
        vm.countsProperty().addListener((o, was, now) -> showCounts.run());
        vm.unconfirmedProperty().addListener((o, was, now) -> showCounts.run());
        showCounts.run();
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(14, lastPoll, new Separator(Orientation.VERTICAL), team, message, gap, counts);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    /** "10,000": thousands of relationships are read at a glance. */
    static String count(int n) { return String.format(java.util.Locale.ROOT, "%,d", n); }
}
