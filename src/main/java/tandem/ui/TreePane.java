package tandem.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import tandem.ui.ConsoleNode.PeerItem;
import tandem.ui.ConsoleNode.RelationshipItem;
import tandem.ui.ConsoleNode.ServerItem;

/** The tree of servers, relationships and peers, each row with its status and its relationship's menu. */
final class TreePane {
    private static final Set<String> CELL_CLASSES = Set.of("relationship-node", "peer-node", "server-node", "stale",
            "status-ok", "status-impaired", "status-service-down", "status-unreachable", "status-unknown",
            "peer-up", "peer-daemon-down", "peer-disabled", "peer-unreachable", "peer-unknown", "source-of-truth");
    private final MainViewModel vm;
    private final TreeView<ConsoleNode> tree = new TreeView<>();
    private TreeItem<ConsoleNode> treeRoot = new TreeItem<>();
    /** The filter the rows shown were narrowed with. */
    private TreeFilter renderedFilter = TreeFilter.NONE;
    private final Map<String, TreeItem<ConsoleNode>> treeItems = new HashMap<>();
    private final Node node;
    private Runnable enter = () -> { };
    /** The relationship menu the keyboard opened last, so a second press does not stack menus. */
    private ContextMenu keyboardMenu;
    /** The picture the tree's items hold. */
    private TreeModel applied = TreeModel.EMPTY;
    /** Rows a poll changed that are not updated yet, in the order the poll gave them. */
    private final java.util.Set<String> unapplied = new java.util.LinkedHashSet<>();
    private boolean draining;
    /** About 20 ms of FX time: a relationship row with its peers' rows. */
    static final int ROWS_PER_STEP = 400;
    /** Set while the tree's rows are replaced, so the selection moving with them does not change the details. */
    private boolean rendering;
    /** A relationship to select once the filter, cleared to show it, has been applied. */
    private String pendingFollow;
    private TreeFilterBar filterBar;

    /**
     * @param menus    a relationship's context menu (its backend's commands and actions), or null
     * @param selected told of every selection, null when none
     * @param delete   the Delete key on a row
     */
    TreePane(MainViewModel vm, Function<String, ContextMenu> menus, Consumer<ConsoleNode> selected, Runnable delete) {
        this.vm = vm;
        this.node = build(menus, selected, delete);
    }

    Node node() { return node; }

    TreeView<ConsoleNode> tree() { return tree; }

    /** Enter on a relationship or peer row. */
    void onEnter(Runnable action) { this.enter = action; }

    /** The selected row's node, or null. */
    ConsoleNode selected() {
        TreeItem<ConsoleNode> item = tree.getSelectionModel().getSelectedItem();
        return item == null ? null : item.getValue();
    }

    private Node build(Function<String, ContextMenu> menus, Consumer<ConsoleNode> selected, Runnable delete) {
        tree.setId("serverTree");
        tree.setRoot(treeRoot);
        tree.setShowRoot(false);
        treeRoot.setExpanded(true);
        tree.setCellFactory(t -> new NodeCell(menus));
        tree.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (rendering) return;
            ConsoleNode node = now == null ? null : now.getValue();
            selected.accept(node);
            if (node instanceof RelationshipItem r) vm.select(r.name());
            else if (node instanceof PeerItem p) vm.select(p.relationship());
            else vm.select(null);
        });
        tree.setOnKeyPressed(e -> {
            ConsoleNode node = selected();
            if (e.getCode() == KeyCode.DELETE) {
                delete.run();
                e.consume(); // not again through the menu bar's Delete
            } else if (e.getCode() == KeyCode.CONTEXT_MENU || (e.getCode() == KeyCode.F10 && e.isShiftDown())) {
                openMenu(menus, node);
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER && (node instanceof RelationshipItem || node instanceof PeerItem)) {
                enter.run();
                e.consume();
            }
        });
        Label heading = new Label("Servers and relationships");
        heading.getStyleClass().add("pane-heading");
        filterBar = new TreeFilterBar(vm, tree);
        Label empty = new Label("No servers yet.\nUse “Add DHCP server…” to add one.");
        empty.getStyleClass().add("placeholder");
        empty.setWrapText(true);
        empty.setMouseTransparent(true);
        empty.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.nodes()));
        StackPane treeStack = new StackPane(tree, empty);
        StackPane.setAlignment(empty, Pos.TOP_LEFT);
        VBox box = new VBox(heading, filterBar.node(), treeStack);
        VBox.setVgrow(treeStack, Priority.ALWAYS);
        box.getStyleClass().add("tree-pane");
        box.setMinWidth(220);
        vm.treeShownProperty().addListener((o, was, now) -> render(now));
        return box;
    }

    /** The relationship a row stands for (its own, or its peer's); null for a server row or none. */
    private static String relationshipOf(ConsoleNode node) {
        return node instanceof RelationshipItem r ? r.name() : node instanceof PeerItem p ? p.relationship() : null;
    }

    /** The keyboard's way to the selected row's relationship menu (Shift+F10 or the menu key), beside its row. */
    private void openMenu(Function<String, ContextMenu> menus, ConsoleNode node) {
        String relationship = relationshipOf(node);
        if (relationship == null) return;
        if (keyboardMenu != null) keyboardMenu.hide();
        keyboardMenu = menus.apply(relationship);
        if (keyboardMenu == null) return;
        TreeItem<ConsoleNode> item = tree.getSelectionModel().getSelectedItem();
        Node anchor = tree.lookupAll(".tree-cell").stream()
                .filter(c -> c instanceof TreeCell<?> cell && cell.getTreeItem() == item).findFirst().orElse(tree);
        javafx.geometry.Bounds b = anchor.localToScreen(anchor.getBoundsInLocal());
        if (b == null) return;
        keyboardMenu.show(anchor, b.getMinX() + 24, b.getMaxY());
    }

    /** The filter bar above the tree. */
    TreeFilterBar filterBar() { return filterBar; }

    /**
     * Shows a picture: when it follows the one the items hold, only the nodes it names as changed are touched;
     * otherwise one TreeItem per node key is kept, so polls update the tree in place without losing selection or
     * expansion. Then the top-level rows become those the filter let through.
     */
    void render(MainViewModel.TreeShown shown) {
        TreeModel m = shown.model();
        if (m != applied) {
            if (m.basedOn() == applied.seq() && !m.reshaped()) {
                unapplied.addAll(m.changed());
                applied = m;
                applyChanged();
            } else {
                unapplied.clear();
                sync(m);
                applied = m;
            }
        }
        List<TreeItem<ConsoleNode>> top = new ArrayList<>(shown.top().size());
        for (ConsoleNode n : shown.top()) top.add(treeItems.get(n.key()));
        TreeItem<ConsoleNode> selectedItem = tree.getSelectionModel().getSelectedItem();
        if (!sameItems(treeRoot.getChildren(), top)) {
            rendering = true;
            try {
                if (!shown.filter().equals(renderedFilter) || Math.abs(treeRoot.getChildren().size() - top.size()) > 500) {
                    // a new root rather than thousands of rows removed one by one: the tree's selection model
                    // walks its selection for each removal (a second of FX time for 10,000 rows)
                    TreeItem<ConsoleNode> root = new TreeItem<>();
                    root.setExpanded(true);
                    root.getChildren().setAll(top);
                    treeRoot = root;
                    tree.setRoot(root);
                } else {
                    treeRoot.getChildren().setAll(top);
                }
                // the selected row stays selected while it is shown; a filter hiding it leaves the details as they are
                if (selectedItem != null && isShown(selectedItem)) {
                    if (tree.getSelectionModel().getSelectedItem() != selectedItem) tree.getSelectionModel().select(selectedItem);
                } else {
                    tree.getSelectionModel().clearSelection();
                }
            } finally {
                rendering = false;
            }
        }
        if (pendingFollow != null && !vm.filterProperty().get().isOn()) {
            String wanted = pendingFollow;
            pendingFollow = null;
            follow(wanted);
        } else if (tree.getSelectionModel().getSelectedItem() == null && vm.selected() != null) {
            TreeItem<ConsoleNode> wanted = treeItems.get("relationship:" + vm.selected());
            if (wanted != null && isShown(wanted)) {
                rendering = true;
                try {
                    tree.getSelectionModel().select(wanted);
                } finally {
                    rendering = false;
                }
            }
        }
        renderedFilter = shown.filter();
        filterBar.shown(shown);
    }

    private static boolean sameItems(List<TreeItem<ConsoleNode>> a, List<TreeItem<ConsoleNode>> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (a.get(i) != b.get(i)) return false;
        return true;
    }

    private boolean isShown(TreeItem<ConsoleNode> item) {
        TreeItem<ConsoleNode> top = item.getParent() == treeRoot ? item : item.getParent();
        return top != null && top.getParent() == treeRoot;
    }

    /**
     * Updates at most {@link #ROWS_PER_STEP} changed rows now and leaves the rest to the following steps on the FX
     * thread, with pulses between them: a poll that changed 10,000 relationships took half a second of FX time at once.
     * Each row takes its value from the newest picture, so a later poll arriving meanwhile cannot be undone.
     */
    private void applyChanged() {
        java.util.Iterator<String> keys = unapplied.iterator();
        for (int n = 0; n < ROWS_PER_STEP && keys.hasNext(); n++) {
            ConsoleNode node = applied.byKey().get(keys.next());
            keys.remove();
            if (node != null) update(node);
        }
        if (!unapplied.isEmpty() && !draining) {
            draining = true;
            javafx.application.Platform.runLater(() -> {
                draining = false;
                applyChanged();
            });
        }
    }

    /** One top-level node changed: its item, and its peers' items, take the new values. */
    private void update(ConsoleNode node) {
        TreeItem<ConsoleNode> item = treeItems.get(node.key());
        if (item == null) return; // cannot happen when the picture follows the one applied
        if (!node.equals(item.getValue())) item.setValue(node);
        if (node instanceof RelationshipItem r) {
            List<PeerItem> peers = r.children();
            javafx.collections.ObservableList<TreeItem<ConsoleNode>> children = item.getChildren();
            boolean samePeers = children.size() == peers.size();
            for (int i = 0; samePeers && i < peers.size(); i++) {
                samePeers = children.get(i).getValue().key().equals(peers.get(i).key());
            }
            if (samePeers) {
                for (int i = 0; i < peers.size(); i++) {
                    if (!peers.get(i).equals(children.get(i).getValue())) children.get(i).setValue(peers.get(i));
                }
            } else {
                Map<String, TreeItem<ConsoleNode>> seen = new HashMap<>();
                List<TreeItem<ConsoleNode>> now = new ArrayList<>();
                for (PeerItem p : peers) now.add(itemFor(p, seen));
                children.setAll(now);
            }
        }
    }

    /** Every node of the picture gets its item, old ones kept by key. */
    private void sync(TreeModel m) {
        Map<String, TreeItem<ConsoleNode>> seen = new HashMap<>();
        for (ConsoleNode node : m.nodes()) {
            TreeItem<ConsoleNode> item = itemFor(node, seen);
            if (node instanceof RelationshipItem r) {
                List<TreeItem<ConsoleNode>> children = new ArrayList<>();
                for (PeerItem p : r.children()) children.add(itemFor(p, seen));
                if (!item.getChildren().equals(children)) item.getChildren().setAll(children);
            }
        }
        treeItems.keySet().retainAll(seen.keySet());
    }

    private TreeItem<ConsoleNode> itemFor(ConsoleNode node, Map<String, TreeItem<ConsoleNode>> seen) {
        TreeItem<ConsoleNode> item = treeItems.get(node.key());
        if (item == null) {
            item = new TreeItem<>(node);
            item.setExpanded(true);
            treeItems.put(node.key(), item);
        } else if (!node.equals(item.getValue())) {
            item.setValue(node);
        }
        seen.put(node.key(), item);
        return item;
    }

    /** When the view model picks a relationship (at start, after a removal), the tree shows it selected. */
    void follow(String relationship) {
        TreeItem<ConsoleNode> selected = tree.getSelectionModel().getSelectedItem();
        ConsoleNode node = selected == null ? null : selected.getValue();
        String shown = relationshipOf(node);
        if (relationship.equals(shown)) return;
        TreeItem<ConsoleNode> wanted = treeItems.get("relationship:" + relationship);
        // hidden by the filter, it stays hidden: the details keep showing it
        if (wanted != null && isShown(wanted)) tree.getSelectionModel().select(wanted);
    }

    /**
     * Selects a relationship the user asked for elsewhere (a notification, Find client); a filter hiding it is
     * cleared first.
     */
    void reveal(String relationship) {
        TreeItem<ConsoleNode> wanted = treeItems.get("relationship:" + relationship);
        if (wanted == null || isShown(wanted)) {
            follow(relationship);
        } else {
            pendingFollow = relationship;
            vm.filterProperty().set(TreeFilter.NONE);
        }
    }

    /** One tree row: status indicator, name and a dimmer detail; its style classes name the status. */
    private static final class NodeCell extends TreeCell<ConsoleNode> {
        private final Function<String, ContextMenu> menus;
        private String menuFor;

        private final Label name = new Label();
        private final Label detail = new Label();
        private final HBox box = new HBox(6, new javafx.scene.layout.Region(), name, detail);
        private final Tooltip tooltip = new Tooltip();
        private String shownIcon;

        NodeCell(Function<String, ContextMenu> menus) {
            this.menus = menus;
            // the menu is built when asked for, not when the row shows: a poll re-rendering thousands of rows took
            // most of its FX time building menus nobody opened
            addEventFilter(javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> {
                ConsoleNode node = isEmpty() ? null : getItem();
                String relationship = relationshipOf(node);
                if (!java.util.Objects.equals(relationship, menuFor)) {
                    // built once per relationship, so asking again while it is open does not replace it
                    menuFor = relationship;
                    setContextMenu(relationship == null ? null : menus.apply(relationship));
                }
            });
            name.getStyleClass().add("node-name");
            detail.getStyleClass().add("node-detail");
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override protected void updateItem(ConsoleNode node, boolean empty) {
            super.updateItem(node, empty);
            getStyleClass().removeAll(CELL_CLASSES);
            String relationship = empty ? null : relationshipOf(node);
            if (!java.util.Objects.equals(relationship, menuFor) && getContextMenu() != null
                    && !getContextMenu().isShowing()) {
                // the row now shows another relationship: its menu is built again when asked for; one that is open
                // stays until closed
                menuFor = null;
                setContextMenu(null);
            }
            if (empty || node == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                setAccessibleText(null);
                return;
            }
            setText(null);
            // the row's nodes are kept and only their texts change: new nodes each poll cost a CSS pass per row
            String iconKey;
            String tip;
            if (node instanceof RelationshipItem r) {
                getStyleClass().addAll("relationship-node", StatusIcons.styleClass(r.status()));
                if (r.stale()) getStyleClass().add("stale");
                iconKey = "r" + r.status() + r.stale();
                if (!iconKey.equals(shownIcon)) box.getChildren().set(0, StatusIcons.relationship(r.status(), r.stale(), 16));
                name.setText(r.name());
                detail.setText(r.modeLabel());
                String summary = r.state() == null ? "Not polled yet" : r.state().assessment().summary();
                tip = r.statusLabel() + (r.state() != null && r.state().stale() ? " (last known)" : "")
                        + (summary.equals(r.statusLabel()) ? "" : "\n" + summary);
            } else if (node instanceof PeerItem p) {
                getStyleClass().addAll("peer-node", p.indicator().styleClass());
                if (p.stale()) getStyleClass().add("stale");
                if (p.sourceOfTruth()) getStyleClass().add("source-of-truth");
                iconKey = "p" + p.indicator() + p.stale();
                if (!iconKey.equals(shownIcon)) box.getChildren().set(0, StatusIcons.peer(p.indicator(), p.stale(), 13));
                name.setText(p.title());
                detail.setText(p.detail());
                tip = p.peer().name() + ": " + p.indicator().label()
                        + (p.observation() != null && p.observation().problem() != null
                        ? "\n" + p.observation().problem() : "");
            } else {
                ServerItem s = (ServerItem) node;
                getStyleClass().add("server-node");
                iconKey = "server";
                if (!iconKey.equals(shownIcon)) box.getChildren().set(0, SvgIcon.node(SvgIcon.SERVER, 16));
                name.setText(s.server().name());
                detail.setText(s.server().site() == null ? s.detail() : s.detail() + " · " + s.server().site());
                tip = null;
            }
            shownIcon = iconKey;
            if (tip == null) setTooltip(null);
            else {
                tooltip.setText(tip);
                if (getTooltip() != tooltip) setTooltip(tooltip);
            }
            if (getGraphic() != box) setGraphic(box);
            setAccessibleText(node.accessibleText());
        }
    }
}
