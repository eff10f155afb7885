package tandem.ui;

import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeView;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import tandem.core.access.Permission;

/**
 * The "Site…" entry of a server's and a relationship's menu: reads the inventory in the background, then opens the
 * site dialog; after a save the tree is read again.
 */
final class SiteMenus {
    private final ConsoleServices services;
    private final MainViewModel vm;
    private final BackgroundTasks tasks;
    private final DialogService dialogs;
    /** The server row menu open now, so that a second request does not stack menus. */
    private ContextMenu open;

    SiteMenus(ConsoleServices services, MainViewModel vm, BackgroundTasks tasks, DialogService dialogs) {
        this.services = services;
        this.vm = vm;
        this.tasks = tasks;
        this.dialogs = dialogs;
    }

    /** "Site…" for the server, greyed for a team member who may not administer it. */
    MenuItem item(String server) {
        MenuItem item = new MenuItem("Site…");
        item.setId("siteMenu");
        Optional<String> refused = services.refusal(Permission.ADMINISTER_DHCP_SERVERS, server);
        item.setDisable(server == null || refused.isPresent());
        item.setOnAction(e -> open(server));
        return item;
    }

    /** Opens the site dialog for the server once its site and the sites in use are read. */
    void open(String server) {
        tasks.run(() -> services.inventory().servers(), servers -> {
            SiteViewModel model = new SiteViewModel(services.inventory(), tasks, server, servers);
            new SiteDialog(model, site -> {
                vm.say(site == null ? server + " has no site now" : server + " is at site " + site, MessageKind.SUCCESS);
                vm.reload();
            }).show(dialogs);
        }, e -> dialogs.error("Could not read the inventory", e));
    }

    /**
     * Gives the tree's server rows (those the relationship menus do not cover) a menu with "Site…", by mouse and by
     * the keyboard's menu key or Shift+F10.
     */
    void installOnServerRows(TreeView<ConsoleNode> tree) {
        tree.addEventFilter(ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> {
            ConsoleNode.ServerItem row = e.getTarget() instanceof Node target ? serverRow(target) : null;
            if (row == null) return;
            show(tree, row.server().name(), e.getScreenX(), e.getScreenY());
            e.consume();
        });
        tree.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            boolean menuKey = e.getCode() == KeyCode.CONTEXT_MENU || (e.getCode() == KeyCode.F10 && e.isShiftDown());
            var selected = tree.getSelectionModel().getSelectedItem();
            if (!menuKey || selected == null || !(selected.getValue() instanceof ConsoleNode.ServerItem s)) return;
            Node anchor = tree.lookupAll(".tree-cell").stream()
                    .filter(c -> c instanceof TreeCell<?> cell && cell.getTreeItem() == selected).findFirst().orElse(tree);
            javafx.geometry.Bounds b = anchor.localToScreen(anchor.getBoundsInLocal());
            if (b != null) show(anchor, s.server().name(), b.getMinX() + 24, b.getMaxY());
            e.consume();
        });
    }

    private void show(Node anchor, String server, double x, double y) {
        if (open != null) open.hide();
        open = new ContextMenu(item(server));
        open.setId("serverMenu");
        open.show(anchor, x, y);
    }

    private static ConsoleNode.ServerItem serverRow(Node picked) {
        for (Node n = picked; n != null; n = n.getParent()) {
            if (n instanceof TreeCell<?> cell) {
                return !cell.isEmpty() && cell.getItem() instanceof ConsoleNode.ServerItem s ? s : null;
            }
        }
        return null;
    }
}
