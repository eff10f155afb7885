package tandem.ui.kea;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import tandem.kea.change.HaRequest;
import tandem.ui.DiffView;
import tandem.ui.OutcomeKind;
import tandem.ui.Theme;
import tandem.ui.kea.ChangeViewModel.PeerOutcome;
import tandem.ui.kea.HaWizardViewModel.MemberRow;

/** The "Create HA relationship" wizard: one page at a time, Back and Next, Apply on the summary. */
public final class HaWizardDialog {
    private static final List<String> TITLES = List.of("1. Servers and roles", "2. Parameters",
            "3. Authentication between the peers", "4. Summary", "5. Outcome");

    private final HaWizardViewModel vm;
    private final BorderPane root = new BorderPane();
    private final StackPane pages = new StackPane();
    private final GridPane memberGrid = new GridPane();
    private final GridPane authGrid = new GridPane();
    private final VBox checksBox = new VBox(3);
    private final VBox outcomesBox = new VBox(3);
    private Stage stage;

    public HaWizardDialog(HaWizardViewModel vm) {
        this.vm = vm;
        build();
    }

    public Parent root() { return root; }

    public Stage show(Window owner) {
        stage = Theme.dialogStage("Create HA relationship", root, owner);
        stage.setOnCloseRequest(e -> {
            if (vm.busyProperty().get()) e.consume();
        });
        stage.show();
        vm.load();
        return stage;
    }

    private void build() {
        root.getStyleClass().add("ha-wizard");
        root.setPadding(new Insets(16, 20, 14, 20));
        Label title = new Label();
        title.setId("haPageTitle");
        title.getStyleClass().add("dialog-title");
        title.textProperty().bind(Bindings.createStringBinding(() -> "Create HA relationship — "
                + TITLES.get(vm.pageProperty().get()), vm.pageProperty()));
        Label message = new Label();
        message.setId("haMessage");
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        message.textProperty().bind(vm.messageProperty());
        message.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        message.getStyleClass().add("dialog-message");
        vm.messageKindProperty().addListener((o, was, now) -> {
            message.getStyleClass().removeIf(c -> c.startsWith("message-"));
            message.getStyleClass().add(now.styleClass());
        });
        VBox top = new VBox(4, title, message);
        top.setPadding(new Insets(0, 0, 10, 0));
        root.setTop(top);

        pages.getChildren().addAll(serversPage(), parametersPage(), authenticationPage(), summaryPage(), outcomePage());
        for (int i = 0; i < pages.getChildren().size(); i++) {
            Node p = pages.getChildren().get(i);
            int index = i;
            p.visibleProperty().bind(vm.pageProperty().isEqualTo(index));
        }
        root.setCenter(pages);
        vm.members().addListener((ListChangeListener<MemberRow>) c -> showMembers());

        Button back = new Button("Back");
        back.setId("haBack");
        back.setOnAction(e -> vm.back());
        back.disableProperty().bind(vm.busyProperty().or(vm.pageProperty().isEqualTo(HaWizardViewModel.SERVERS))
                .or(vm.pageProperty().isEqualTo(HaWizardViewModel.OUTCOME)));
        Button next = new Button("Next");
        next.setId("haNext");
        next.setDefaultButton(true);
        next.setOnAction(e -> vm.next());
        next.disableProperty().bind(vm.busyProperty().or(vm.pageProperty().greaterThanOrEqualTo(HaWizardViewModel.SUMMARY)));
        Button apply = new Button("Apply");
        apply.setId("haApply");
        apply.setOnAction(e -> vm.apply());
        apply.disableProperty().bind(vm.canApplyProperty().not().or(vm.busyProperty()));
        Button close = new Button("Cancel");
        close.setId("haClose");
        close.setCancelButton(true);
        close.setOnAction(e -> {
            if (stage != null) stage.close();
        });
        close.disableProperty().bind(vm.busyProperty());
        vm.pageProperty().addListener((o, was, now) -> close.setText(now.intValue() == HaWizardViewModel.OUTCOME ? "Close" : "Cancel"));
        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("haProgress");
        progress.setPrefSize(18, 18);
        progress.setMaxSize(18, 18);
        progress.visibleProperty().bind(vm.busyProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, back, progress, gap, close, next, apply);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.setPadding(new Insets(12, 0, 0, 0));
        root.setBottom(buttons);
        root.setPrefWidth(780);
        root.setPrefHeight(620);
    }

    private Node serversPage() {
        TextField name = field("haName", vm.name);
        name.setPromptText("e.g. hq");
        ComboBox<String> mode = new ComboBox<>();
        mode.setId("haMode");
        mode.getItems().setAll(HaRequest.MODES);
        mode.valueProperty().bindBidirectional(vm.mode);
        ComboBox<String> primary = servers("haPrimary");
        primary.valueProperty().bindBidirectional(vm.primary);
        ComboBox<String> partner = servers("haPartner");
        partner.valueProperty().bindBidirectional(vm.partner);
        ComboBox<String> backup = servers("haBackup");
        backup.valueProperty().bindBidirectional(vm.backup);
        Label partnerLabel = new Label();
        partnerLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.partnerRole() == null ? "(no partner)"
                : Character.toUpperCase(vm.partnerRole().charAt(0)) + vm.partnerRole().substring(1), vm.mode));
        partner.disableProperty().bind(vm.mode.isEqualTo("passive-backup"));
        // offered only when the standalone servers provide both DHCPv4 and DHCPv6
        ChoiceBox<String> service = new ChoiceBox<>(vm.services());
        service.setId("haService");
        service.valueProperty().bindBidirectional(vm.service);
        Label serviceLabel = new Label("Service");
        service.visibleProperty().bind(Bindings.size(vm.services()).greaterThan(1));
        service.managedProperty().bind(service.visibleProperty());
        serviceLabel.visibleProperty().bind(service.visibleProperty());
        serviceLabel.managedProperty().bind(service.visibleProperty());
        GridPane g = grid();
        g.addRow(0, new Label("Name"), name);
        g.addRow(1, new Label("Mode"), mode);
        g.addRow(2, serviceLabel, service);
        g.addRow(3, new Label("Primary (source of the subnets)"), primary);
        g.addRow(4, partnerLabel, partner);
        g.addRow(5, new Label("Backup (optional)"), backup);
        Label hint = hint("Standalone Kea servers of the inventory. The primary's subnets are copied to the others; "
                + "libdhcp_lease_cmds and libdhcp_ha are added from each server's own hooks directory.");
        return new VBox(10, hint, g);
    }

    private ComboBox<String> servers(String id) {
        ComboBox<String> c = new ComboBox<>();
        c.setId(id);
        c.setPrefWidth(260);
        vm.servers().addListener((ListChangeListener<String>) ch -> {
            String kept = c.getValue();
            c.getItems().setAll(id.equals("haBackup") ? prepend("", vm.servers()) : vm.servers());
            c.setValue(kept);
        });
        return c;
    }

    private static List<String> prepend(String first, List<String> rest) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>(List.of(first));
        out.addAll(rest);
        return out;
    }

    private Node parametersPage() {
        GridPane timers = grid();
        timers.addRow(0, new Label("heartbeat-delay (ms)"), field("haHeartbeat", vm.heartbeatDelay));
        timers.addRow(1, new Label("max-response-delay (ms)"), field("haMaxResponse", vm.maxResponseDelay));
        timers.addRow(2, new Label("max-ack-delay (ms)"), field("haMaxAck", vm.maxAckDelay));
        timers.addRow(3, new Label("max-unacked-clients"), field("haMaxUnacked", vm.maxUnackedClients));
        CheckBox auto = new CheckBox("auto-failover (a server takes over when its partner fails)");
        auto.setId("haAutoFailover");
        auto.selectedProperty().bindBidirectional(vm.autoFailover);
        memberGrid.setHgap(8);
        memberGrid.setVgap(6);
        return new VBox(10, hint("Kea's defaults are filled in. Each server's name in the relationship "
                + "(this-server-name) and the URL its peers reach it at:"), memberGrid, timers, auto);
    }

    private Node authenticationPage() {
        TextField user = field("haPeerUser", vm.peerUser);
        user.setPromptText("none, or the user the control channels know");
        authGrid.setHgap(8);
        authGrid.setVgap(6);
        GridPane g = grid();
        g.addRow(0, new Label("User the peers log in as"), user);
        return new VBox(10, hint("When the control channels ask for basic authentication, each server reads the "
                + "password from a file of its own: no password is ever written into a configuration. Leave a file "
                + "empty to use the one its control channel already names; otherwise create the file on that server "
                + "(first line: the password, readable by Kea only) before applying. When every server is reached "
                + "over https, the peers talk TLS with the certificate files each control channel already names."),
                g, authGrid);
    }

    private Node summaryPage() {
        DiffView diff = new DiffView(vm.diff(), "No differences");
        diff.setId("haDiff");
        diff.setPrefHeight(300);
        VBox.setVgrow(diff, Priority.ALWAYS);
        checksBox.setId("haChecks");
        vm.checks().addListener((ListChangeListener<String>) c -> lines(checksBox, vm.checks(), "ha-check", "No check found a problem"));
        lines(checksBox, vm.checks(), "ha-check", "No check found a problem");
        VBox notes = new VBox(3);
        notes.setId("haNotes");
        vm.notes().addListener((ListChangeListener<String>) c -> lines(notes, vm.notes(), "ha-note", ""));
        Label transport = new Label();
        transport.setId("haTransport");
        transport.setWrapText(true);
        transport.textProperty().bind(vm.transportProperty());
        return new VBox(6, transport, heading("Each server's configuration"), diff, heading("Checks"), checksBox,
                heading("Notes"), notes);
    }

    private Node outcomePage() {
        outcomesBox.setId("haOutcomes");
        vm.outcomes().addListener((ListChangeListener<PeerOutcome>) c -> {
            outcomesBox.getChildren().clear();
            for (PeerOutcome o : vm.outcomes()) outcomesBox.getChildren().add(OutcomeKind.label(o.peer(), o.text(), o.kind()));
        });
        return new VBox(6, heading("Each server"), outcomesBox);
    }

    private void showMembers() {
        memberGrid.getChildren().clear();
        authGrid.getChildren().clear();
        memberGrid.addRow(0, new Label("Server"), new Label("Role"), new Label("this-server-name"), new Label("Peer URL"));
        authGrid.addRow(0, new Label("Server"), new Label("Password file on that server"));
        int row = 1;
        for (MemberRow m : vm.members()) {
            TextField name = field("ha-name-" + m.server, m.thisServerName);
            TextField url = field("ha-url-" + m.server, m.url);
            url.setPrefWidth(260);
            memberGrid.addRow(row, new Label(m.server), new Label(m.role), name, url);
            TextField file = field("ha-pwfile-" + m.server, m.passwordFile);
            file.setPrefWidth(320);
            file.setPromptText("found in its configuration");
            authGrid.addRow(row, new Label(m.server), file);
            row++;
        }
    }

    private static void lines(VBox box, List<String> lines, String style, String empty) {
        box.getChildren().clear();
        for (String l : lines.isEmpty() && !empty.isEmpty() ? List.of(empty) : lines) {
            Label label = new Label(l);
            label.setWrapText(true);
            label.getStyleClass().add(style);
            box.getChildren().add(label);
        }
    }

    private static TextField field(String id, javafx.beans.property.StringProperty p) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(p);
        return f;
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        return g;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-heading");
        return l;
    }

    private static Label hint(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("dialog-hint");
        l.setWrapText(true);
        return l;
    }
}
