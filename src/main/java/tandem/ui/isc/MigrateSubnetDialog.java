package tandem.ui.isc;

import tandem.ui.DialogButtons;
import tandem.ui.FormGrid;
import tandem.ui.Theme;
import java.util.function.BiConsumer;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Migrate a subnet to the failover partner (to finish a failover setup): choose the subnet and the partner server;
 * the partner's change (mirrored peer declaration, same pools) is then shown as a diff before it is written.
 */
public final class MigrateSubnetDialog {
    private final BorderPane root = new BorderPane();
    private Stage stage;

    /** @param onOk told the chosen subnet and partner server */
    public MigrateSubnetDialog(MigrateSubnetViewModel vm, BiConsumer<String, String> onOk) {
        root.setPadding(new Insets(18, 20, 14, 20));
        Label title = new Label(vm.title());
        title.getStyleClass().add("dialog-title");
        root.setTop(title);
        BorderPane.setMargin(title, new Insets(0, 0, 10, 0));
        FormGrid form = new FormGrid();
        ComboBox<String> subnet = new ComboBox<>();
        subnet.setId("migrateSubnet");
        subnet.getItems().setAll(vm.subnets());
        subnet.valueProperty().bindBidirectional(vm.subnetProperty());
        subnet.setMaxWidth(Double.MAX_VALUE);
        ComboBox<String> partner = new ComboBox<>();
        partner.setId("migratePartner");
        partner.getItems().setAll(vm.partners());
        partner.valueProperty().bindBidirectional(vm.partnerProperty());
        partner.setMaxWidth(Double.MAX_VALUE);
        Label partnerMessage = form.field("Partner server", partner, partner, null, "migratePartnerMessage");
        form.field("Subnet", subnet, subnet, null, "migrateSubnetMessage");
        if (vm.partnerProblem() != null) partnerMessage.setText(vm.partnerProblem());
        root.setCenter(form);
        DialogButtons buttons = DialogButtons.of("Preview…", "migrateOk", null, () -> {
            if (stage != null) stage.close();
            onOk.accept(vm.subnetProperty().get(), vm.partnerProperty().get());
        }, () -> { if (stage != null) stage.close(); });
        buttons.ok().disableProperty().bind(vm.readyProperty().not());
        root.setBottom(buttons.bar());
    }

    public Parent root() { return root; }

    public Stage show(Window owner) {
        stage = Theme.dialogStage("Migrate subnet to partner", root, owner);
        stage.show();
        return stage;
    }
}
