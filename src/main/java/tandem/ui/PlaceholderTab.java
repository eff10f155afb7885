package tandem.ui;

import javafx.scene.Node;
import javafx.scene.control.Label;

/** A tab whose view is not built yet: it says so rather than showing an empty pane. */
final class PlaceholderTab implements RelationshipTab {
    private final String title;
    private final String id;
    private final Label label;

    PlaceholderTab(String title, String id, String text) {
        this.title = title;
        this.id = id;
        this.label = new Label(text);
        label.getStyleClass().add("placeholder");
    }

    @Override public String title() { return title; }

    @Override public String id() { return id; }

    @Override public Node node() { return label; }

    @Override public void show(String relationship) {}
}
