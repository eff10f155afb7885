package tandem.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import tandem.core.PeerDefinition;
import tandem.core.backend.ActionKind;
import tandem.core.backend.ActionPlan;
import tandem.core.backend.ActionRequest;

/**
 * The confirmation of an HA action: which server gets which command and what follows, planned again whenever the
 * administrator picks another server, scopes or period. The confirm button is off while the plan is refused, and
 * the reason shows at the field that caused it.
 */
final class HaActionDialog {
    /** The choice that lets the planner pick the server (e.g. the one in partner-in-maintenance for a cancel). */
    static final String DEFAULT_TARGET = "(recommended)";

    private final MainViewModel vm;
    private final String relationship;
    private final ActionKind kind;
    private final ChoiceBox<String> target = new ChoiceBox<>();
    private final TextField scopes = new TextField();
    private final TextField maxPeriod = new TextField();
    private final Label title = new Label();
    private final Label description = new Label();
    private final Label refusal = new Label();
    private final Optional<String> refused;
    private ActionPlan plan;

    /** @param refused why the signed-in team member may not take HA actions on the relationship (empty: they may) */
    HaActionDialog(MainViewModel vm, String relationship, ActionKind kind, Optional<String> refused) {
        this.vm = vm;
        this.relationship = relationship;
        this.kind = kind;
        this.refused = refused;
    }

    void show(Window owner) {
        ButtonType confirm = new ButtonType(kind.label(), ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", confirm, ButtonType.CANCEL);
        alert.setTitle(kind.label() + " — " + relationship);
        alert.setHeaderText(kind.label() + " (" + kind.command() + ") on " + relationship);
        alert.getDialogPane().setId("haActionConfirm");
        alert.getDialogPane().setContent(content());
        alert.getDialogPane().setPrefWidth(560);
        Theme.apply(alert.getDialogPane());
        if (owner != null) alert.initOwner(owner);
        Button button = (Button) alert.getDialogPane().lookupButton(confirm);
        button.setId("haActionConfirmButton");
        Runnable replan = () -> {
            replan();
            button.setDisable(refused.isPresent() || !(plan instanceof ActionPlan.Ready));
            refused.ifPresent(this::showRefusal);
        };
        if (refused.isPresent()) {
            // the confirm button is greyed; its bar carries the reason (a disabled button gets no mouse events)
            javafx.scene.Node bar = alert.getDialogPane().lookup(".button-bar");
            if (bar != null) {
                bar.setId(button.getId() + "-refused");
                javafx.scene.control.Tooltip.install(bar, new javafx.scene.control.Tooltip(refused.get()));
            }
        }
        target.valueProperty().addListener((o, was, now) -> replan.run());
        scopes.textProperty().addListener((o, was, now) -> replan.run());
        maxPeriod.textProperty().addListener((o, was, now) -> replan.run());
        replan.run();
        Optional<ButtonType> answer = alert.showAndWait();
        if (answer.isPresent() && answer.get() == confirm && refused.isEmpty() && plan instanceof ActionPlan.Ready ready) {
            vm.runAction(ready.action());
        }
    }

    private VBox content() {
        GridPane fields = new GridPane();
        fields.setHgap(10);
        fields.setVgap(6);
        int row = 0;
        List<String> peers = vm.relationship(relationship).map(r -> r.relationship().peers().stream()
                .map(PeerDefinition::name).toList()).orElse(List.of());
        List<String> choices = new ArrayList<>();
        if (!kind.targetRequired()) choices.add(DEFAULT_TARGET);
        choices.addAll(peers);
        target.getItems().setAll(choices);
        target.setId("haActionTarget");
        target.setValue(choices.isEmpty() ? null : choices.get(0));
        fields.addRow(row++, new Label(kind.targetLabel()), target);
        if (kind.takesScopes()) {
            scopes.setId("haActionScopes");
            scopes.setPromptText("e.g. server1, server2");
            fields.addRow(row++, new Label("Scopes"), scopes);
        }
        if (kind.takesMaxPeriod()) {
            maxPeriod.setId("haActionMaxPeriod");
            maxPeriod.setPromptText("default");
            fields.addRow(row, new Label("Max period (s)"), maxPeriod);
        }
        title.setId("haActionTitle");
        title.getStyleClass().add("section-heading");
        description.setId("haActionDescription");
        description.setWrapText(true);
        description.setMaxWidth(520);
        refusal.setId("haActionRefusal");
        refusal.setWrapText(true);
        refusal.setMaxWidth(520);
        refusal.getStyleClass().add("action-refusal");
        VBox box = new VBox(10, fields, title, description, refusal);
        box.setMinHeight(200);
        return box;
    }

    /** The member may not take the action at all: said where a refused plan is said, whatever the fields hold. */
    private void showRefusal(String why) {
        title.setText("Cannot " + kind.label().toLowerCase(java.util.Locale.ROOT));
        refusal.setText(why);
        refusal.setVisible(true);
    }

    private void replan() {
        String peer = target.getValue() == null || target.getValue().equals(DEFAULT_TARGET) ? null : target.getValue();
        List<String> scopeList = Arrays.stream(scopes.getText().split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
        Integer period;
        try {
            // empty: the backend's default
            period = maxPeriod.getText().isBlank() ? null : Integer.valueOf(maxPeriod.getText().strip());
        } catch (NumberFormatException e) {
            period = -1;
        }
        plan = vm.planAction(relationship, new ActionRequest(kind.id(), peer, scopeList, period));
        for (javafx.scene.control.Control c : List.of(target, scopes, maxPeriod)) {
            c.getStyleClass().remove("field-error");
            c.setTooltip(null);
        }
        if (plan instanceof ActionPlan.Ready ready) {
            title.setText(ready.action().title());
            description.setText(ready.action().description());
            refusal.setText("");
            refusal.setVisible(false);
        } else {
            ActionPlan.Refused refused = (ActionPlan.Refused) plan;
            title.setText("Cannot " + kind.label().toLowerCase(java.util.Locale.ROOT));
            description.setText("");
            refusal.setText(refused.reason());
            refusal.setVisible(true);
            javafx.scene.control.Control at = switch (String.valueOf(refused.field())) {
                case "peer" -> target;
                case "scopes" -> scopes;
                case "maxPeriod" -> maxPeriod;
                default -> null;
            };
            if (at != null) {
                at.getStyleClass().add("field-error");
                at.setTooltip(new javafx.scene.control.Tooltip(refused.reason()));
            }
        }
    }
}
