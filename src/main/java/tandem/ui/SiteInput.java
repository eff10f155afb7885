package tandem.ui;

import java.util.Objects;
import java.util.TreeSet;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.ComboBox;
import tandem.core.Inventory;
import tandem.core.ServerRecord;

/**
 * The optional "Site" of every add-server dialog: typed or picked among the sites in use, checked with the
 * inventory's rule before the server is contacted, its problem shown beneath it.
 */
public final class SiteInput {
    private final StringProperty text = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final ObservableList<String> offered = FXCollections.observableArrayList();

    public SiteInput() {
        text.addListener((o, was, now) -> problem.set(null));
    }

    public StringProperty textProperty() { return text; }

    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }

    public ObservableList<String> offered() { return offered; }

    /** Reads the sites in use in the background to offer them; a failure only leaves the list empty. */
    public void offer(Inventory inventory, BackgroundTasks tasks) {
        tasks.run(() -> {
            TreeSet<String> sites = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            inventory.servers().stream().map(ServerRecord::site).filter(Objects::nonNull).forEach(sites::add);
            return sites.stream().sorted(NaturalOrder.INSTANCE).toList();
        }, offered::setAll, e -> { });
    }

    /** True when the site can be stored; otherwise the problem shows beneath the field. */
    public boolean valid() {
        try {
            ServerRecord.normalSite(text.get());
            return true;
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
            return false;
        }
    }

    /** The site to store with the server (null: none); call after {@link #valid}. */
    public String site() {
        String normal = ServerRecord.normalSite(text.get());
        // a site in use in another letter case is that site
        return normal == null ? null : offered.stream().filter(normal::equalsIgnoreCase).findFirst().orElse(normal);
    }

    /** Adds the "Site" row to a form: an editable list with the id given, its message at {@code id + "Message"}. */
    public ComboBox<String> addTo(FormGrid form, String id) {
        ComboBox<String> box = new ComboBox<>(offered);
        box.setId(id);
        box.setEditable(true);
        box.setPromptText("Optional: where it stands, e.g. Branch 12");
        box.setMaxWidth(Double.MAX_VALUE);
        box.getEditor().textProperty().bindBidirectional(text);
        box.valueProperty().addListener((o, was, now) -> {
            if (now != null) text.set(now);
        });
        form.field("Site", box, box, problem.getReadOnlyProperty(), id + "Message");
        return box;
    }
}
