package tandem.ui.isc;

import tandem.ui.FormGrid;
import tandem.ui.Theme;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
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
    public MigrateSubnetDialog(String server, List<String> subnets, List<String> partners, BiConsumer<String, String> onOk) {
        root.setPadding(new Insets(18, 20, 14, 20));
        Label title = new Label("Migrate a subnet of " + server + " to its failover partner");
        title.getStyleClass().add("dialog-title");
        root.setTop(title);
        BorderPane.setMargin(title, new Insets(0, 0, 10, 0));
        FormGrid form = new FormGrid();
        ComboBox<String> subnet = new ComboBox<>();
        subnet.setId("migrateSubnet");
        subnet.getItems().setAll(subnets);
        if (!subnets.isEmpty()) subnet.setValue(subnets.get(0));
        subnet.setMaxWidth(Double.MAX_VALUE);
        ComboBox<String> partner = new ComboBox<>();
        partner.setId("migratePartner");
        partner.getItems().setAll(partners);
        if (partners.size() == 1) partner.setValue(partners.get(0));
        partner.setMaxWidth(Double.MAX_VALUE);
        Label partnerMessage = form.field("Partner server", partner, partner, null, "migratePartnerMessage");
        form.field("Subnet", subnet, subnet, null, "migrateSubnetMessage");
        if (partners.isEmpty()) partnerMessage.setText("Add the partner (Add ISC server…) first");
        root.setCenter(form);
        Button ok = new Button("Preview…");
        ok.setId("migrateOk");
        ok.setDefaultButton(true);
        ok.disableProperty().bind(subnet.valueProperty().isNull().or(partner.valueProperty().isNull()));
        ok.setOnAction(e -> {
            if (stage != null) stage.close();
            onOk.accept(subnet.getValue(), partner.getValue());
        });
        Button cancel = new Button("Cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> { if (stage != null) stage.close(); });
        HBox buttons = new HBox(8, ok, cancel);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.setPadding(new Insets(12, 0, 0, 0));
        root.setBottom(buttons);
    }

    public Parent root() { return root; }

    public Stage show(Window owner) {
        stage = Theme.dialogStage("Migrate subnet to partner", root, owner);
        stage.show();
        return stage;
    }
}
