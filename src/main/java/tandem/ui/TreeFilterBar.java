package tandem.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import tandem.core.Backend;
import tandem.core.RelationshipStatus;

/**
 * The filter above the tree: text (a relationship's, server's or peer's name, or the site), status, backend and site;
 * while it narrows the tree, "N of M relationships shown" with a way to clear it. Ctrl+L focuses the text (Ctrl+F is
 * Find client's), Esc clears the filter.
 */
final class TreeFilterBar {
    /** Focuses the filter text from anywhere in the window. */
    static final KeyCombination FOCUS_KEY = new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN);
    /** The choice that does not narrow; a sentinel, so a site called "Any site" stays a site. */
    private static final Object ANY = new Object();

    private final MainViewModel vm;
    private final TextField text = new TextField();
    private final ComboBox<Object> status = new ComboBox<>();
    private final ComboBox<Object> backend = new ComboBox<>();
    private final ComboBox<Object> site = new ComboBox<>();
    private final ObservableList<Object> sites = FXCollections.observableArrayList(ANY);
    private final Label summary = new Label();
    private final Hyperlink clear = new Hyperlink("Clear filter");
    private final VBox node;
    /** Set while the controls are made to show the view model's filter, so they do not write it back. */
    private boolean showing;

    TreeFilterBar(MainViewModel vm, TreeView<ConsoleNode> tree) {
        this.vm = vm;
        text.setId("treeFilter");
        text.setPromptText("Filter: name or site (Ctrl+L)");
        text.setAccessibleText("Filter relationships by the name of a relationship, server or peer, or by site");
        text.setTooltip(new Tooltip("Shows the relationships whose name, server, peer or site contains this text"
                + " (Ctrl+L; Esc clears the filter)"));
        List<Object> statuses = new ArrayList<>(List.of(ANY));
        statuses.addAll(List.of(RelationshipStatus.values()));
        statuses.add(TreeFilter.NOT_CONFIRMED);
        choice(status, "statusFilter", "Filter relationships by status", FXCollections.observableArrayList(statuses),
                "Any status");
        List<Object> backends = new ArrayList<>(List.of(ANY));
        backends.addAll(List.of(Backend.values()));
        choice(backend, "backendFilter", "Filter relationships by backend", FXCollections.observableArrayList(backends),
                "Any backend");
        choice(site, "siteFilter", "Filter relationships by site", sites, "Any site");
        summary.setId("filterSummary");
        summary.getStyleClass().add("dim");
        clear.setId("clearFilter");
        clear.setAccessibleText("Clear the filter and show every relationship");
        clear.setOnAction(e -> {
            vm.filterProperty().set(TreeFilter.NONE);
            text.requestFocus();
        });

        text.textProperty().addListener((o, was, now) -> change(vm.filterProperty().get().withText(now)));
        status.valueProperty().addListener((o, was, now) -> change(vm.filterProperty().get().withStatus(none(now))));
        backend.valueProperty().addListener((o, was, now) ->
                change(vm.filterProperty().get().withBackend((Backend) none(now))));
        site.valueProperty().addListener((o, was, now) -> change(vm.filterProperty().get().withSite((String) none(now))));
        vm.filterProperty().addListener((o, was, now) -> showFilter(now));

        // the tree pane is narrow: the choices wrap to a second line rather than cut their texts
        javafx.scene.layout.FlowPane choices = new javafx.scene.layout.FlowPane(4, 4, status, backend, site);
        for (ComboBox<Object> c : List.of(status, backend, site)) c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox state = new HBox(6, summary, gap, clear);
        state.setId("filterState");
        state.visibleProperty().bind(clear.visibleProperty());
        state.managedProperty().bind(clear.visibleProperty());
        clear.setVisible(false);
        node = new VBox(4, text, choices, state);
        node.getStyleClass().add("tree-filter");
        node.setId("treeFilterBar");
        // Esc anywhere in the bar clears the filter; the text field sees it first, before a cancel button would
        node.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && vm.filterProperty().get().isOn()
                    && !(e.getTarget() instanceof ComboBox<?> c && c.isShowing())) {
                vm.filterProperty().set(TreeFilter.NONE);
                e.consume();
            }
        });
        node.sceneProperty().addListener((o, was, now) -> {
            if (was != null) was.getAccelerators().remove(FOCUS_KEY);
            if (now != null) now.getAccelerators().put(FOCUS_KEY, () -> {
                text.requestFocus();
                text.selectAll();
            });
        });
    }

    Node node() { return node; }

    private static void choice(ComboBox<Object> box, String id, String accessible, ObservableList<Object> items,
                               String any) {
        box.setId(id);
        box.setItems(items);
        box.setValue(ANY);
        box.setAccessibleText(accessible);
        box.setTooltip(new Tooltip(accessible));
        box.setConverter(new StringConverter<>() {
            @Override public String toString(Object o) {
                if (o == null || o == ANY) return any;
                if (o instanceof RelationshipStatus s) return s.label();
                if (o instanceof Backend b) return TreeFilter.backendLabel(b);
                return o.toString();
            }

            @Override public Object fromString(String s) { return null; }
        });
    }

    private static Object none(Object choice) { return choice == ANY ? null : choice; }

    private void change(TreeFilter f) {
        if (!showing && !f.equals(vm.filterProperty().get())) vm.filterProperty().set(f);
    }

    /** The controls show the filter in force (set from the status bar, cleared by Esc or the link). */
    private void showFilter(TreeFilter f) {
        showing = true;
        try {
            if (!text.getText().strip().equals(f.text())) text.setText(f.text());
            status.setValue(f.status() == null ? ANY : f.status());
            backend.setValue(f.backend() == null ? ANY : f.backend());
            if (f.site() != null && !sites.contains(f.site())) sites.add(f.site());
            site.setValue(f.site() == null ? ANY : f.site());
        } finally {
            showing = false;
        }
    }

    /** After each picture: the sites present, and how much of the tree the filter shows. */
    void shown(MainViewModel.TreeShown shown) {
        List<String> present = shown.model().sites();
        if (sites.size() != present.size() + 1 || !sites.subList(1, sites.size()).equals(present)) {
            showing = true;
            try {
                Object chosen = site.getValue();
                List<Object> all = new ArrayList<>(present.size() + 1);
                all.add(ANY);
                all.addAll(present);
                // a chosen site the servers no longer have stays chosen, so the filter does not change under the user
                if (chosen != ANY && chosen != null && !present.contains(chosen)) all.add(chosen);
                sites.setAll(all);
                site.setValue(chosen == null ? ANY : chosen);
            } finally {
                showing = false;
            }
        }
        boolean on = shown.filter().isOn();
        clear.setVisible(on);
        summary.setText(on ? StatusBar.count(shown.shownRelationships()) + " of "
                + StatusBar.count(shown.model().relationshipCount()) + " relationships shown" : "");
    }
}
