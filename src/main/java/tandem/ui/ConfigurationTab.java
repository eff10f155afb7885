package tandem.ui;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.css.StyleOrigin;
import javafx.css.StyleableProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import tandem.core.Backend;
import tandem.core.config.ConfigRow;
import tandem.ui.ConfigurationViewModel.Kind;
import tandem.ui.ConsoleNode.RelationshipItem;

/**
 * The Configuration tab: the relationship's subnets, pools, reservations, options, shared networks and client
 * classes as sortable tables under one filter. What a row offers (edit, remove) comes from its backend; Enter edits,
 * Delete removes, and after a change the tables are read again.
 */
public final class ConfigurationTab implements RelationshipTab {
    private final ConfigurationViewModel vm;
    private final ConsoleContext console;
    private final Map<Backend, BackendUi> backends;
    private final Map<Kind, TableView<ConfigRow>> tables = new EnumMap<>(Kind.class);
    /** The tables whose lines have all been made (see fillGradually); those being made. */
    private final Set<Kind> filled = EnumSet.noneOf(Kind.class), filling = EnumSet.noneOf(Kind.class);
    /** The row menu, the same for every table, made the first time one is asked for. */
    private ContextMenu menu;
    private final Map<Kind, ToggleButton> selectors = new EnumMap<>(Kind.class);
    private final HBox rowButtons = new HBox(6);
    private final BorderPane root = new BorderPane();

    ConfigurationTab(ConsoleContext console, Map<Backend, BackendUi> backends) {
        this(new ConfigurationViewModel(console.tasks(), name -> console.vm().relationship(name)
                .flatMap(item -> console.services().configuration(item.relationship())
                        .map(source -> new ConfigurationViewModel.Reading(
                                item.relationship().peers().isEmpty() ? item.relationship().serverName()
                                        : item.relationship().peers().get(0).name(),
                                () -> source.read(item.relationship()))))), console, backends);
    }

    /** @param backends what each backend offers for a row; the benchmark gives none */
    public ConfigurationTab(ConfigurationViewModel vm, ConsoleContext console, Map<Backend, BackendUi> backends) {
        this.vm = vm;
        // a change made from a row re-reads the tables once the window has taken note of it
        this.console = new ConsoleContext(console.services(), console.vm(), console.tasks(), console.dialogs(),
                console.window(), () -> {
                    console.changed().run();
                    vm.refresh();
                });
        this.backends = backends;
        build();
    }

    public ConfigurationViewModel viewModel() { return vm; }

    public TableView<ConfigRow> table(Kind kind) { return tables.get(kind); }

    /** Every table's columns as the window remembers them, shown or not. */
    List<ColumnLayout.Remembered> rememberedTables() {
        return tables.values().stream().map(ColumnLayout.Remembered::of).toList();
    }

    @Override public String title() { return "Configuration"; }

    @Override public String id() { return "configurationTab"; }

    @Override public Node node() { return root; }

    @Override public void show(String relationship) { vm.show(relationship); }

    private void build() {
        root.getStyleClass().add("configuration-tab");
        root.setPadding(new Insets(8));

        ToggleGroup group = new ToggleGroup();
        HBox kinds = new HBox(0);
        kinds.getStyleClass().add("segmented");
        for (Kind k : Kind.values()) {
            ToggleButton b = new ToggleButton(k.label());
            b.setId("config-" + k.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            b.setToggleGroup(group);
            b.setUserData(k);
            b.setMinWidth(Region.USE_PREF_SIZE);
            selectors.put(k, b);
            kinds.getChildren().add(b);
        }
        group.selectToggle(selectors.get(vm.shownProperty().get()));
        group.selectedToggleProperty().addListener((o, was, now) -> {
            // a segmented choice is never empty: clicking the selected one keeps it
            if (now == null) group.selectToggle(was);
            else vm.shownProperty().set((Kind) now.getUserData());
        });

        TextField filter = new TextField();
        filter.setId("configFilter");
        filter.setPromptText("Filter…");
        filter.textProperty().bindBidirectional(vm.filterProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        filter.setMaxWidth(320);
        filter.setMinWidth(90);
        Button refresh = new Button("Refresh");
        refresh.setId("configRefresh");
        refresh.setOnAction(e -> vm.refresh());
        refresh.disableProperty().bind(vm.busyProperty());
        refresh.setMinWidth(Region.USE_PREF_SIZE);
        filter.setPrefWidth(220);
        HBox search = new HBox(8, filter, refresh);
        search.setAlignment(Pos.CENTER_LEFT);
        // a narrow window puts the filter under the selectors instead of cutting Refresh off
        javafx.scene.layout.FlowPane top = new javafx.scene.layout.FlowPane(16, 6, kinds, search);
        top.setAlignment(Pos.CENTER_LEFT);

        // only the table shown is in the window: the others are styled and laid out when chosen, not all six
        // at once when the tab opens (with thousands of rows, that first layout kept the FX thread busy)
        StackPane center = new StackPane();
        for (Kind k : Kind.values()) tables.put(k, table(k, vm));

        Label message = new Label();
        message.setId("configMessage");
        message.textProperty().bind(vm.messageProperty());
        vm.messageKindProperty().addListener((o, was, now) -> {
            message.getStyleClass().removeAll(java.util.Arrays.stream(MessageKind.values()).map(MessageKind::styleClass).toList());
            message.getStyleClass().add(now.styleClass());
        });
        TableColumns.wrapped(message);
        Label count = new Label();
        count.setId("configCount");
        rowButtons.setAlignment(Pos.CENTER_RIGHT);
        Region gap2 = new Region();
        HBox.setHgrow(gap2, Priority.ALWAYS);
        HBox bottom = new HBox(8, count, message, gap2, rowButtons);
        bottom.setAlignment(Pos.CENTER_LEFT);

        VBox.setVgrow(center, Priority.ALWAYS);
        root.setTop(top);
        root.setCenter(center);
        root.setBottom(bottom);
        BorderPane.setMargin(center, new Insets(8, 0, 8, 0));

        Runnable showKind = () -> {
            Kind shown = vm.shownProperty().get();
            TableView<ConfigRow> t = tables.get(shown);
            center.getChildren().setAll(t);
            // a table on screen for the first time: made and styled now, its header laid out in the coming frame
            if (t.getSkin() == null) t.applyCss();
            if (!vm.rows(shown).isEmpty()) fillGradually(shown);
            updateCount(count);
            updateRowButtons();
        };
        vm.shownProperty().addListener((o, was, now) -> showKind.run());
        for (Kind k : Kind.values()) {
            vm.rows(k).addListener((ListChangeListener<ConfigRow>) c -> {
                if (k != vm.shownProperty().get()) return;
                updateCount(count);
                if (!vm.rows(k).isEmpty()) fillGradually(k);
            });
        }
        vm.tablesProperty().addListener((o, was, now) -> {
            for (Kind k : Kind.values()) selectors.get(k).setText(k.label() + (now == null ? "" : " (" + vm.total(k) + ")"));
            updateCount(count);
        });
        // the table a frame after the rest of the tab: its header and body are styled in a frame of their own
        Platform.runLater(showKind);
    }

    private TableView<ConfigRow> table(Kind kind, ConfigurationViewModel model) {
        TableView<ConfigRow> t = new TableView<>();
        t.setId("configTable-" + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        t.getColumns().setAll(ConfigColumns.of(kind));
        t.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        t.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        t.setItems(model.rows(kind));
        // the items are filtered, not sortable themselves: a header click orders the list under the filter
        t.setSortPolicy(table -> {
            model.sorted(kind).setComparator(table.getComparator());
            return true;
        });
        t.setPlaceholder(new Label(kind == Kind.CLIENT_CLASSES ? "No client classes" : "Nothing to show"));
        t.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> updateRowButtons());
        // a context menu is a window of its own: one for all six tables, made when first wanted
        t.addEventFilter(javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> {
            if (t.getContextMenu() == null) t.setContextMenu(rowMenu());
        });
        t.setOnKeyPressed(e -> {
            ConfigRow row = t.getSelectionModel().getSelectedItem();
            if (row == null) return;
            String wanted = e.getCode() == KeyCode.ENTER ? "Edit" : e.getCode() == KeyCode.DELETE ? "Remove" : null;
            if (wanted == null) return;
            commands(row).stream().filter(c -> c.label().startsWith(wanted) && usable(c)).findFirst()
                    .ifPresent(c -> {
                        e.consume();
                        c.run().run();
                    });
        });
        return t;
    }

    private ContextMenu rowMenu() {
        if (menu == null) {
            menu = new ContextMenu();
            menu.setId("configRowMenu");
            menu.setOnShowing(e -> fillMenu(menu, tables.get(vm.shownProperty().get()).getSelectionModel().getSelectedItem()));
        }
        return menu;
    }

    /** How long a frame may spend making lines of a table the first time it shows rows (see fillGradually). */
    private static final long FRAME_NANOS = 15_000_000;

    /**
     * The first time a table shows rows, it makes a row and its cells for every line of its height, rows or not, and
     * styling them all in one frame kept the FX thread busy for a tenth of a second or more. Instead the table's
     * lower part is left blank, inside its border, and more lines come each frame until it is full, as many as the
     * last frame says fit in {@link #FRAME_NANOS}: from then on the lines exist and only their contents change.
     */
    private void fillGradually(Kind kind) {
        TableView<ConfigRow> t = tables.get(kind);
        Scene scene = t.getScene();
        if (scene == null || filled.contains(kind) || filling.contains(kind)) return;
        if (t.getSkin() == null) t.applyCss(); // styled, its padding is known
        @SuppressWarnings("unchecked")
        StyleableProperty<Insets> padding = (StyleableProperty<Insets>) (Object) t.paddingProperty();
        StyleOrigin origin = padding.getStyleOrigin();
        Insets base = t.getPadding();
        // a table not laid out yet has no size: it will have the size of the one before it, and its header is laid
        // out in the coming frame, without lines
        boolean laidOut = t.getHeight() > 0;
        double height = laidOut ? t.getHeight() : t.getParent() instanceof Region r ? r.getHeight() : 0;
        double line = t.getFixedCellSize() > 0 ? t.getFixedCellSize() : 24;
        // lines shown, lines the last frame added, when the last frame began
        long[] state = {0, 0, 0};
        Runnable began = () -> state[2] = System.nanoTime();
        Runnable[] step = new Runnable[1];
        step[0] = () -> {
            long more = state[2] == 0 && !laidOut ? 0 : 3;
            if (state[1] > 0 && state[2] > 0) {
                long perLine = Math.max(1, (System.nanoTime() - state[2]) / state[1]);
                more = Math.max(2, Math.min(24, FRAME_NANOS / perLine));
            }
            state[0] += more;
            state[1] = more;
            // a line more for the header; set by the program, so that styling does not put the padding back
            double blank = Math.floor(height - base.getTop() - base.getBottom() - (state[0] + 1) * line);
            boolean shown = t.getScene() == scene;
            if (blank > 0 && shown) {
                t.setPadding(new Insets(base.getTop(), base.getRight(), base.getBottom() + blank, base.getLeft()));
                Platform.requestNextPulse();
                return;
            }
            scene.removePreLayoutPulseListener(began);
            scene.removePostLayoutPulseListener(step[0]);
            filling.remove(kind);
            if (!t.getPadding().equals(base)) padding.applyStyle(origin, base); // as styled, for a change of theme
            if (shown) filled.add(kind);
        };
        filling.add(kind);
        step[0].run();
        if (!filling.contains(kind)) return;
        scene.addPreLayoutPulseListener(began);
        scene.addPostLayoutPulseListener(step[0]);
    }

    /** What the selected row of the shown table offers, as its backend says. */
    private List<UiCommand> commands(ConfigRow row) {
        if (row == null || vm.relationship() == null) return List.of();
        Optional<RelationshipItem> item = console.vm().relationship(vm.relationship());
        if (item.isEmpty()) return List.of();
        BackendUi ui = backends.get(item.get().relationship().backend());
        return ui == null ? List.of() : ui.rowCommands(console, item.get(), row);
    }

    /** Why the signed-in member may not use the command on this relationship's server, or empty. */
    private Optional<String> refusal(UiCommand c) {
        if (c.needs() == null) return Optional.empty();
        String server = console.vm().relationship(vm.relationship()).map(r -> r.relationship().serverName()).orElse(null);
        return console.services().refusal(c.needs(), server);
    }

    private boolean usable(UiCommand c) { return !c.disabled() && refusal(c).isEmpty(); }

    private void fillMenu(ContextMenu menu, ConfigRow row) {
        menu.getItems().clear();
        List<UiCommand> commands = commands(row);
        for (UiCommand c : commands) {
            MenuItem item = new MenuItem(c.label());
            item.setId("row-" + c.id());
            Optional<String> why = refusal(c);
            item.setDisable(c.disabled() || why.isPresent());
            // a disabled menu item shows no tooltip: the reason goes into its text
            why.ifPresent(w -> item.setText(c.label() + " — " + w));
            item.setOnAction(e -> c.run().run());
            menu.getItems().add(item);
        }
        if (commands.isEmpty()) {
            MenuItem none = new MenuItem(row == null ? "Select a row" : "Read only");
            none.setDisable(true);
            menu.getItems().add(none);
        }
    }

    private void updateRowButtons() {
        TableView<ConfigRow> t = tables.get(vm.shownProperty().get());
        ConfigRow row = t == null ? null : t.getSelectionModel().getSelectedItem();
        rowButtons.getChildren().clear();
        for (UiCommand c : commands(row)) {
            Button b = new Button(c.label());
            b.setId(c.id());
            b.setDisable(c.disabled());
            b.setOnAction(e -> c.run().run());
            Node shown = RefusedAction.wrapIfRefused(b, refusal(c));
            if (shown == b && c.disabled()) b.setTooltip(new Tooltip("Not possible for this row"));
            rowButtons.getChildren().add(shown);
        }
    }

    private void updateCount(Label count) {
        Kind k = vm.shownProperty().get();
        int shown = vm.rows(k).size();
        int total = vm.total(k);
        count.setText(vm.tablesProperty().get() == null ? "" : shown == total ? total + " rows" : shown + " of " + total + " rows");
    }
}
