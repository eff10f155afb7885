package tandem.ui.windows;

import static tandem.windows.FailoverRules.LOAD_BALANCE_PERCENT;
import static tandem.windows.FailoverRules.MCLT;
import static tandem.windows.FailoverRules.RESERVE_PERCENT;
import static tandem.windows.FailoverRules.SWITCHOVER_INTERVAL;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import tandem.ui.FormGrid;
import tandem.ui.Theme;
import tandem.ui.windows.FailoverSettingsViewModel.Secret;

/** Failover settings: percentages, MCLT, switchover and the shared secret; preview; Apply. */
public final class FailoverSettingsDialog {
    private final FailoverSettingsViewModel vm;
    private final BorderPane root = new BorderPane();
    private final Map<Control, String> inputs = new LinkedHashMap<>();

    public FailoverSettingsDialog(FailoverSettingsViewModel vm) {
        this.vm = vm;
        root.setPadding(new Insets(18, 20, 14, 20));
        root.setPrefWidth(560);
        VBox top = WindowsDialogs.heading("Failover settings of " + vm.relationship(), "Sent to " + vm.server()
                + ", which passes them to its partner.");
        top.getChildren().add(WindowsDialogs.message("windowsSettingsMessage", vm.review().messageProperty(), vm.review().kindProperty()));
        root.setTop(top);

        FormGrid g = new FormGrid();
        BooleanBinding lbMode = Bindings.createBooleanBinding(vm::loadBalanceMode, vm.currentProperty());
        TextField lb = FormGrid.textField("settingsLoadBalance", vm.loadBalanceProperty(), "e.g. 50");
        show(lbMode, field(g, "Load balance % (" + vm.server() + ")", lb, LOAD_BALANCE_PERCENT));
        TextField reserve = FormGrid.textField("settingsReserve", vm.reserveProperty(), "e.g. 5");
        show(lbMode.not(), field(g, "Standby reserve %", reserve, RESERVE_PERCENT));
        field(g, "MCLT (seconds)", FormGrid.textField("settingsMclt", vm.mcltProperty(), "3600"), MCLT);
        field(g, "State switchover (seconds)", FormGrid.textField("settingsSwitchover", vm.switchoverProperty(), "0 = off"),
                SWITCHOVER_INTERVAL);
        ToggleGroup group = new ToggleGroup();
        // wraps rather than cutting the choices' words short
        javafx.scene.layout.FlowPane choices = new javafx.scene.layout.FlowPane(12, 4);
        for (Secret s : Secret.values()) {
            RadioButton r = new RadioButton(switch (s) {
                case KEEP -> "Keep";
                case CHANGE -> "Change";
                case REMOVE -> "Remove: authentication off";
            });
            r.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            r.setId("secret-" + s.name().toLowerCase(java.util.Locale.ROOT));
            r.setToggleGroup(group);
            r.setSelected(vm.secretChoiceProperty().get() == s);
            r.setOnAction(e -> vm.secretChoiceProperty().set(s));
            choices.getChildren().add(r);
        }
        g.plain("Shared secret", choices);
        PasswordField secret = new PasswordField();
        secret.setId("settingsSecret");
        secret.setPromptText("The new shared secret");
        secret.textProperty().bindBidirectional(vm.secretProperty());
        secret.disableProperty().bind(vm.secretChoiceProperty().isNotEqualTo(Secret.CHANGE));
        field(g, "New shared secret", secret, FailoverSettingsViewModel.SECRET);
        WindowsDialogs.decorate(inputs, vm.problems());
        root.setCenter(new VBox(8, g, WindowsDialogs.preview(vm.review(), "windowsSettingsDiff", 110)));

        Button preview = WindowsDialogs.button("windowsPreview", "Preview", vm::preview);
        preview.setDefaultButton(true);
        preview.disableProperty().bind(vm.review().busyProperty().or(vm.review().appliedProperty())
                .or(vm.currentProperty().isNull()));
        root.setBottom(WindowsDialogs.applyButtons(vm.review(), preview));
    }

    /** @return the row's label and message line, to hide with the input */
    private Node[] field(FormGrid g, String label, Control input, String problem) {
        inputs.put(input, problem);
        Label message = g.field(label, input, input, vm.problems().at(problem), input.getId() + "Message");
        return new Node[] {g.getChildren().get(g.getChildren().size() - 3), message, input};
    }

    private static void show(BooleanBinding when, Node... nodes) {
        for (Node n : nodes) {
            n.visibleProperty().bind(when);
            n.managedProperty().bind(when);
        }
    }

    public Parent root() { return root; }

    public Stage show(Window owner) {
        Stage stage = Theme.dialogStage("Failover settings", root, owner);
        stage.show();
        vm.load();
        return stage;
    }
}
