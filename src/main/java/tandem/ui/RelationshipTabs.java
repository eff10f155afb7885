package tandem.ui;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The right-hand side of the window: the relationship's details, then its other tabs. Only the tab that is showing
 * is told about the selection, so a tab that reads from servers does so only when someone looks at it.
 */
final class RelationshipTabs {
    private final TabPane pane = new TabPane();
    private final List<RelationshipTab> tabs;
    private String relationship;

    RelationshipTabs(Node details, List<RelationshipTab> tabs) {
        this.tabs = List.copyOf(tabs);
        pane.setId("relationshipTabs");
        pane.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Tab overview = new Tab("Details", details);
        overview.setId("detailsTab");
        pane.getTabs().add(overview);
        for (RelationshipTab t : this.tabs) {
            Tab tab = new Tab(t.title(), t.node());
            tab.setId(t.id());
            tab.setUserData(t);
            pane.getTabs().add(tab);
        }
        pane.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> showCurrent());
    }

    Node node() { return pane; }

    TabPane pane() { return pane; }

    /** The relationship selected in the tree changed (null: none). */
    void show(String relationshipName) {
        if (java.util.Objects.equals(relationship, relationshipName)) return;
        relationship = relationshipName;
        showCurrent();
    }

    private void showCurrent() {
        Tab tab = pane.getSelectionModel().getSelectedItem();
        if (tab != null && tab.getUserData() instanceof RelationshipTab t) t.show(relationship);
    }
}
