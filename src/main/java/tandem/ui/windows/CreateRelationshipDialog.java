package tandem.ui.windows;

import static tandem.windows.FailoverRules.LOAD_BALANCE_PERCENT;
import static tandem.windows.FailoverRules.MCLT;
import static tandem.windows.FailoverRules.MODE;
import static tandem.windows.FailoverRules.NAME;
import static tandem.windows.FailoverRules.PARTNER;
import static tandem.windows.FailoverRules.RESERVE_PERCENT;
import static tandem.windows.FailoverRules.SCOPE;
import static tandem.windows.FailoverRules.SERVER_ROLE;
import static tandem.windows.FailoverRules.SWITCHOVER_INTERVAL;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import tandem.ui.FormGrid;
import tandem.ui.Theme;
import tandem.ui.windows.CreateRelationshipViewModel.Step;
import tandem.windows.FailoverMode;

/** Add Failover Relationship: the seed's fields, then a summary of every value with the plan's diff, then Apply. */
public final class CreateRelationshipDialog {
    private final CreateRelationshipViewModel vm;
    private final BorderPane root = new BorderPane();
    private final Map<Control, String> inputs = new LinkedHashMap<>();

    public CreateRelationshipDialog(CreateRelationshipViewModel vm) {
        this.vm = vm;
        build();
    }

    public Parent root() { return root; }

    public Stage show(Window owner) {
        Stage stage = Theme.dialogStage("Add failover relationship", root, owner);
        stage.show();
        vm.load();
        return stage;
    }

    private void build() {
        root.setPadding(new Insets(18, 20, 14, 20));
        root.setPrefWidth(620);
        VBox top = WindowsDialogs.heading("Add failover relationship on " + vm.server(), "The scopes chosen are copied"
                + " to the partner and served by both; a relationship without scopes starts empty.");
        top.getChildren().add(WindowsDialogs.message("windowsCreateMessage", vm.review().messageProperty(), vm.review().kindProperty()));
        root.setTop(top);

        VBox form = form();
        VBox summary = summary();
        root.centerProperty().bind(Bindings.when(vm.stepProperty().isEqualTo(Step.FORM)).then((javafx.scene.Node) form).otherwise(summary));

        Button back = WindowsDialogs.button("windowsBack", "Back", vm::back);
        back.visibleProperty().bind(vm.stepProperty().isEqualTo(Step.SUMMARY).and(vm.review().appliedProperty().not()));
        back.managedProperty().bind(back.visibleProperty());
        back.disableProperty().bind(vm.review().busyProperty());
        Button next = WindowsDialogs.button("windowsNext", "Next: summary", vm::next);
        next.defaultButtonProperty().bind(vm.stepProperty().isEqualTo(Step.FORM));
        next.visibleProperty().bind(vm.stepProperty().isEqualTo(Step.FORM));
        next.managedProperty().bind(next.visibleProperty());
        next.disableProperty().bind(vm.validProperty().not());
        var buttons = WindowsDialogs.applyButtons(vm.review(), back, next);
        Button apply = (Button) buttons.lookup("#windowsApply");
        apply.defaultButtonProperty().bind(vm.stepProperty().isEqualTo(Step.SUMMARY));
        apply.visibleProperty().bind(vm.stepProperty().isEqualTo(Step.SUMMARY));
        apply.managedProperty().bind(apply.visibleProperty());
        root.setBottom(buttons);
        WindowsDialogs.decorate(inputs, vm.problems());
    }

    private VBox form() {
        FormGrid g = new FormGrid();
        g.section("Relationship");
        TextField name = FormGrid.textField("windowsName", vm.nameProperty(), "e.g. dhcp1-dhcp2");
        field(g, "Name", name, NAME);
        ComboBox<String> partner = new ComboBox<>(vm.partners());
        partner.setId("windowsPartner");
        partner.setPromptText("The other Windows server");
        partner.setMaxWidth(Double.MAX_VALUE);
        partner.valueProperty().bindBidirectional(vm.partnerProperty());
        field(g, "Partner", partner, PARTNER);
        ComboBox<FailoverMode> mode = new ComboBox<>();
        mode.getItems().setAll(FailoverMode.values());
        mode.setId("windowsMode");
        mode.setMaxWidth(Double.MAX_VALUE);
        mode.valueProperty().bindBidirectional(vm.modeProperty());
        field(g, "Mode", mode, MODE);
        TextField lb = FormGrid.textField("windowsLoadBalance", vm.loadBalanceProperty(), "50: half each");
        Label[] lbLabel = field(g, "Local load balance %", lb, LOAD_BALANCE_PERCENT);
        TextField reserve = FormGrid.textField("windowsReserve", vm.reserveProperty(), "5");
        Label[] reserveLabel = field(g, "Standby reserve %", reserve, RESERVE_PERCENT);
        ComboBox<String> role = new ComboBox<>();
        role.getItems().setAll("active", "standby");
        role.setId("windowsRole");
        role.setMaxWidth(Double.MAX_VALUE);
        role.valueProperty().bindBidirectional(vm.roleProperty());
        Label[] roleLabel = field(g, "Server role", role, SERVER_ROLE);
        // each mode shows only its own values
        var loadBalance = vm.modeProperty().isEqualTo(FailoverMode.LOAD_BALANCE);
        showWhen(loadBalance, lb, lbLabel);
        showWhen(loadBalance.not(), reserve, reserveLabel);
        showWhen(loadBalance.not(), role, roleLabel);
        g.section("Timing and security");
        field(g, "MCLT (seconds)", FormGrid.textField("windowsMclt", vm.mcltProperty(), "3600"), MCLT);
        field(g, "State switchover (seconds)", FormGrid.textField("windowsSwitchover", vm.switchoverProperty(), "0 = off"),
                SWITCHOVER_INTERVAL);
        PasswordField secret = new PasswordField();
        secret.setId("windowsSecret");
        secret.setPromptText("Optional: authenticates the partners' messages");
        secret.textProperty().bindBidirectional(vm.secretProperty());
        field(g, "Shared secret", secret, CreateRelationshipViewModel.SECRET);
        ListView<ScopeChoice> scopes = new ListView<>(vm.scopes());
        scopes.setId("windowsScopes");
        scopes.setPrefHeight(110);
        scopes.setPlaceholder(new Label("No scope of this server is free"));
        scopes.setCellFactory(CheckBoxListCell.forListView(ScopeChoice::selectedProperty));
        field(g, "Scopes", scopes, SCOPE);
        return new VBox(g);
    }

    /** @return the row's label and message line, to hide with the input */
    private Label[] field(FormGrid g, String label, Control input, String problem) {
        inputs.put(input, problem);
        String id = input.getId() + "Message";
        Label message = g.field(label, input, input, vm.problems().at(problem), id);
        return new Label[] {(Label) g.getChildren().get(g.getChildren().size() - 3), message};
    }

    private static void showWhen(javafx.beans.value.ObservableBooleanValue shown, Control input, Label[] row) {
        for (javafx.scene.Node n : new javafx.scene.Node[] {input, row[0], row[1]}) {
            n.visibleProperty().bind(shown);
            n.managedProperty().bind(shown);
        }
    }

    private VBox summary() {
        GridPane rows = new GridPane();
        rows.setId("windowsSummary");
        rows.setHgap(12);
        rows.setVgap(4);
        Runnable fill = () -> {
            rows.getChildren().clear();
            int i = 0;
            for (CreateRelationshipViewModel.Row r : vm.summary()) {
                Label k = new Label(r.label());
                k.getStyleClass().add("form-label");
                Label v = new Label(r.value());
                v.setId("summary-" + r.label().toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
                v.setWrapText(true);
                rows.addRow(i++, k, v);
            }
        };
        vm.summary().addListener((javafx.collections.ListChangeListener<CreateRelationshipViewModel.Row>) c -> fill.run());
        Label heading = new Label("Summary");
        heading.getStyleClass().add("section-heading");
        VBox box = new VBox(8, heading, rows, WindowsDialogs.preview(vm.review(), "windowsCreateDiff", 160));
        box.setId("windowsSummaryPage");
        return box;
    }
}
