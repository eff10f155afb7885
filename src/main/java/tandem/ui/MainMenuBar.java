package tandem.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import tandem.core.desktop.DesktopTheme.Choice;

/**
 * The console's menu bar: every action of the window with its keyboard shortcut (SHORTCUT is Cmd on macOS, Ctrl
 * elsewhere), on macOS in the system menu bar. It only forwards to what the window already does; the Relationship
 * menu is filled, each time it opens, from the same source as the relationship's context menu.
 */
final class MainMenuBar {
    /**
     * What the menus run.
     *
     * @param adds              each backend's "Add … server" commands, in registration order
     * @param addRefusal        why the member may not add servers, empty when they may
     * @param removeDisabled    true while Remove server is greyed (nothing selected, or not allowed)
     * @param teamMembers       opens Team members…, or null off a team store
     * @param relationship      the relationship selected in the tree, or null
     * @param relationshipItems the relationship's commands and actions, greyed where the member may not
     */
    record Actions(List<UiCommand> adds, Supplier<Optional<String>> addRefusal, Runnable preferences, Runnable quit,
                   Runnable findClient, Runnable refresh, Runnable audit, TabPane tabs, ObjectProperty<Choice> theme,
                   Runnable removeServer, ObservableBooleanValue removeDisabled, Runnable teamMembers,
                   Supplier<String> relationship, Function<String, List<MenuItem>> relationshipItems,
                   Runnable about) {}

    /** The shortcuts of the Add server entries, in the order of the backends. */
    private static final List<KeyCombination> ADD_KEYS = List.of(
            new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN),
            new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
            new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN, KeyCombination.ALT_DOWN));

    private final Actions actions;
    private final MenuBar bar = new MenuBar();
    private final Menu relationshipMenu = new Menu("_Relationship");

    MainMenuBar(Actions actions) {
        this.actions = actions;
        bar.setId("mainMenuBar");
        bar.getStyleClass().add("main-menu-bar");
        bar.setUseSystemMenuBar(true); // macOS: the screen's menu bar; elsewhere it stays in the window
        bar.getMenus().addAll(file(), edit(), view(), server(), relationship(), help());
    }

    MenuBar node() { return bar; }

    /** Every item of every menu, submenus included (the Relationship menu as last filled). */
    List<MenuItem> items() {
        List<MenuItem> out = new ArrayList<>();
        for (Menu m : bar.getMenus()) collect(m, out);
        return out;
    }

    private static void collect(Menu menu, List<MenuItem> out) {
        for (MenuItem i : menu.getItems()) {
            if (i instanceof SeparatorMenuItem) continue;
            out.add(i);
            if (i instanceof Menu sub) collect(sub, out);
        }
    }

    private Menu file() {
        Menu menu = menu("_File", "menuFile");
        int n = 0;
        for (UiCommand c : actions.adds()) {
            MenuItem add = item("menu-" + c.id(), c.label(), n < ADD_KEYS.size() ? ADD_KEYS.get(n) : null, () -> {
                if (actions.addRefusal().get().isEmpty()) c.run().run();
            });
            menu.getItems().add(add);
            n++;
        }
        if (!actions.adds().isEmpty()) menu.getItems().add(new SeparatorMenuItem());
        menu.getItems().addAll(
                item("menuPreferences", "Preferences…", shortcut(KeyCode.COMMA), actions.preferences()),
                new SeparatorMenuItem(),
                item("menuQuit", "Quit", shortcut(KeyCode.Q), actions.quit()));
        // a member without the bit sees the entries greyed, as the toolbar's buttons are
        menu.setOnShowing(e -> {
            boolean refused = actions.addRefusal().get().isPresent();
            menu.getItems().stream().filter(i -> i.getId() != null && i.getId().startsWith("menu-"))
                    .forEach(i -> i.setDisable(refused));
        });
        return menu;
    }

    private Menu edit() {
        Menu menu = menu("_Edit", "menuEdit");
        menu.getItems().add(item("menuFindClient", "Find client…", shortcut(KeyCode.F), actions.findClient()));
        return menu;
    }

    private Menu view() {
        Menu menu = menu("_View", "menuView");
        menu.getItems().addAll(
                item("menuRefresh", "Refresh now", new KeyCodeCombination(KeyCode.F5), actions.refresh()),
                item("menuAudit", "Audit…", shortcut(KeyCode.A, KeyCombination.SHIFT_DOWN), actions.audit()),
                new SeparatorMenuItem());
        List<Tab> tabs = actions.tabs().getTabs();
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5,
                KeyCode.DIGIT6, KeyCode.DIGIT7, KeyCode.DIGIT8, KeyCode.DIGIT9};
        for (int i = 0; i < tabs.size() && i < digits.length; i++) {
            Tab tab = tabs.get(i);
            MenuItem item = item("menuTab-" + tab.getId(), tab.getText(), shortcut(digits[i]),
                    () -> actions.tabs().getSelectionModel().select(tab));
            item.textProperty().bind(tab.textProperty());
            menu.getItems().add(item);
        }
        Menu theme = menu("_Theme", "menuTheme");
        ToggleGroup group = new ToggleGroup();
        KeyCode[] keys = {KeyCode.F, KeyCode.L, KeyCode.D};
        for (Choice c : Choice.values()) {
            RadioMenuItem r = new RadioMenuItem(c.label());
            r.setId("menuTheme-" + c.name().toLowerCase(java.util.Locale.ROOT));
            r.setToggleGroup(group);
            r.setAccelerator(shortcut(keys[c.ordinal()], KeyCombination.SHIFT_DOWN));
            r.setSelected(actions.theme().get() == c);
            r.setOnAction(e -> actions.theme().set(c));
            theme.getItems().add(r);
        }
        actions.theme().addListener((o, was, now) -> group.getToggles().forEach(t ->
                t.setSelected(now != null && ((MenuItem) t).getId().endsWith(now.name().toLowerCase(java.util.Locale.ROOT)))));
        menu.getItems().addAll(new SeparatorMenuItem(), theme);
        return menu;
    }

    private Menu server() {
        Menu menu = menu("_Server", "menuServer");
        if (!actions.adds().isEmpty()) {
            UiCommand first = actions.adds().get(0);
            menu.getItems().add(item("menuAddServer", "Add…", new KeyCodeCombination(KeyCode.INSERT), () -> {
                if (actions.addRefusal().get().isEmpty()) first.run().run();
            }));
        }
        MenuItem remove = item("menuRemoveServer", "Remove…", new KeyCodeCombination(KeyCode.DELETE),
                actions.removeServer());
        remove.disableProperty().bind(actions.removeDisabled());
        menu.getItems().add(remove);
        if (actions.teamMembers() != null) {
            menu.getItems().addAll(new SeparatorMenuItem(), item("menuTeamMembers", "Team members…",
                    shortcut(KeyCode.M, KeyCombination.SHIFT_DOWN), actions.teamMembers()));
        }
        menu.setOnShowing(e -> menu.getItems().stream().filter(i -> "menuAddServer".equals(i.getId()))
                .forEach(i -> i.setDisable(actions.addRefusal().get().isPresent())));
        return menu;
    }

    /** Filled each time it opens, so it always offers what the selected relationship offers now. */
    private Menu relationship() {
        relationshipMenu.setId("menuRelationship");
        fillRelationshipMenu();
        relationshipMenu.setOnShowing(e -> fillRelationshipMenu());
        return relationshipMenu;
    }

    void fillRelationshipMenu() {
        String selected = actions.relationship().get();
        List<MenuItem> items = selected == null ? List.of() : actions.relationshipItems().apply(selected);
        if (items.isEmpty()) {
            MenuItem none = new MenuItem(selected == null ? "No relationship selected" : "Nothing to do here");
            none.setId("menuRelationshipNone");
            none.setDisable(true);
            relationshipMenu.getItems().setAll(none);
        } else {
            relationshipMenu.getItems().setAll(items);
        }
    }

    private Menu help() {
        Menu menu = menu("_Help", "menuHelp");
        menu.getItems().add(item("menuAbout", "About Tandem", new KeyCodeCombination(KeyCode.F1), actions.about()));
        return menu;
    }

    private static Menu menu(String text, String id) {
        Menu m = new Menu(text);
        m.setId(id);
        m.setMnemonicParsing(true);
        return m;
    }

    private static MenuItem item(String id, String text, KeyCombination key, Runnable run) {
        MenuItem i = new MenuItem(text);
        i.setMnemonicParsing(false);
        i.setId(id);
        if (key != null) i.setAccelerator(key);
        i.setOnAction(e -> run.run());
        return i;
    }

    private static KeyCombination shortcut(KeyCode code, KeyCombination.Modifier... more) {
        KeyCombination.Modifier[] mods = new KeyCombination.Modifier[more.length + 1];
        mods[0] = KeyCombination.SHORTCUT_DOWN;
        System.arraycopy(more, 0, mods, 1, more.length);
        return new KeyCodeCombination(code, mods);
    }
}
