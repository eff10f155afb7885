package tandem.ui.windows;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import tandem.ui.FormGrid;
import tandem.ui.Theme;

/** Edit… / Remove… of a Windows configuration table's row: its fields, the preview, Apply. */
public final class ConfigEditDialog {
    private final ConfigEditViewModel vm;
    private final BorderPane root = new BorderPane();

    public ConfigEditDialog(ConfigEditViewModel vm) {
        this.vm = vm;
        root.setPadding(new Insets(18, 20, 14, 20));
        root.setPrefWidth(580);
        VBox top = WindowsDialogs.heading(vm.title(), vm.note());
        top.getChildren().add(WindowsDialogs.message("windowsEditMessage", vm.review().messageProperty(), vm.review().kindProperty()));
        root.setTop(top);

        Map<Control, String> inputs = new LinkedHashMap<>();
        FormGrid g = new FormGrid();
        for (String f : vm.fieldNames()) {
            Control input;
            if (f.equals(ConfigEditViewModel.STATE)) {
                ComboBox<String> state = new ComboBox<>(javafx.collections.FXCollections.observableArrayList("Active", "InActive"));
                state.setId("windowsEditState");
                state.valueProperty().bindBidirectional(vm.field(f));
                input = state;
            } else {
                TextField t = FormGrid.textField(id(f), vm.field(f), prompt(f));
                input = t;
            }
            inputs.put(input, f);
            g.field(label(f), input, input, vm.problems().at(f), id(f) + "Message");
        }
        WindowsDialogs.decorate(inputs, vm.problems());
        root.setCenter(new VBox(8, g, WindowsDialogs.preview(vm.review(), "windowsEditDiff", 120)));

        Button preview = WindowsDialogs.button("windowsPreview", "Preview", vm::preview);
        preview.setDefaultButton(true);
        preview.disableProperty().bind(vm.review().busyProperty().or(vm.review().appliedProperty()));
        root.setBottom(WindowsDialogs.applyButtons(vm.review(), preview));
    }

    static String id(String field) {
        return switch (field) {
            case ConfigEditViewModel.IP -> "windowsEditIp";
            case ConfigEditViewModel.NAME -> "windowsEditName";
            case ConfigEditViewModel.DESCRIPTION -> "windowsEditDescription";
            case ConfigEditViewModel.VALUE -> "windowsEditValue";
            case ConfigEditViewModel.LEASE -> "windowsEditLease";
            default -> "windowsEditState";
        };
    }

    private static String label(String field) {
        return switch (field) {
            case ConfigEditViewModel.IP -> "IP address";
            case ConfigEditViewModel.NAME -> "Name";
            case ConfigEditViewModel.DESCRIPTION -> "Description";
            case ConfigEditViewModel.VALUE -> "Values (comma separated)";
            case ConfigEditViewModel.LEASE -> "Lease duration (seconds)";
            default -> "State";
        };
    }

    private static String prompt(String field) {
        return switch (field) {
            case ConfigEditViewModel.IP -> "e.g. 10.1.0.20";
            case ConfigEditViewModel.VALUE -> "e.g. 10.1.0.1, 10.1.0.2";
            case ConfigEditViewModel.LEASE -> "691200 = 8 days";
            default -> "";
        };
    }

    public Parent root() { return root; }

    public Stage show(Window owner) {
        Stage stage = Theme.dialogStage(vm.removal() ? "Remove" : "Edit", root, owner);
        stage.show();
        vm.load();
        return stage;
    }
}
