package tandem.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;
import tandem.core.access.Grant;
import tandem.core.access.Member;
import tandem.core.access.Permission;
import tandem.core.access.Role;
import tandem.core.access.TeamAdministration.Field;

/**
 * The team's members, their roles and permission bits. A DHCP administrator adds and removes members, toggles the
 * built-in roles and grants or revokes bits; anyone else sees the same, greyed out, with the reason as a tooltip.
 */
public final class TeamMembersDialog {
    private final TeamMembersViewModel vm;
    private final DialogService dialogs;
    private final BorderPane root = new BorderPane();
    private final ValidationSupport validation = new ValidationSupport();
    {
        validation.setValidationDecorator(new FieldErrorDecoration());
    }
    private final TableView<Member> table = new TableView<>(); // the view model's members, sorted by login
    private final TextField login = new TextField();
    private final Button add = new Button("Add member");
    private final Button remove = new Button("Remove member…");
    private final CheckBox dhcpAdministrators = new CheckBox(Role.DHCP_ADMINISTRATORS.label());
    private final CheckBox ipamAdministrators = new CheckBox(Role.IPAM_ADMINISTRATORS.label());
    private final ListView<Grant> grants = new ListView<>();
    private final Button revoke = new Button("Revoke bit…");
    private final ComboBox<Permission> bit = new ComboBox<>();
    private final ComboBox<String> server = new ComboBox<>();
    private final TextField scope = new TextField();
    private final Button grant = new Button("Grant bit");
    /** Every control that changes the team, each in a wrapper that carries the reason while the dialog is read-only. */
    private final List<StackPane> changers = new ArrayList<>();
    private Stage stage;

    public TeamMembersDialog(TeamMembersViewModel vm, DialogService dialogs) {
        this.vm = vm;
        this.dialogs = dialogs;
        build();
    }

    public Parent root() { return root; }

    /** Shows the dialog and reads the members in the background. */
    public Stage show(Window owner) {
        stage = Theme.dialogStage("Team members", root, owner);
        stage.show();
        vm.load();
        return stage;
    }

    private void build() {
        root.setId("teamMembersDialog");
        root.setPadding(new Insets(18, 20, 14, 20));
        root.setPrefWidth(760);
        Label title = new Label("Team members");
        title.getStyleClass().add("dialog-title");
        Label readOnly = new Label();
        readOnly.setId("teamMembersReadOnly");
        readOnly.getStyleClass().add("dialog-hint");
        readOnly.setWrapText(true);
        readOnly.textProperty().bind(vm.readOnlyProperty().map(why -> why.map(w -> "Read-only: " + w).orElse("")));
        readOnly.visibleProperty().bind(readOnly.textProperty().isNotEmpty());
        readOnly.managedProperty().bind(readOnly.visibleProperty());
        root.setTop(new VBox(6, title, readOnly));

        table.setId("teamMembersTable");
        table.setItems(vm.members());
        table.setPrefHeight(220);
        table.getColumns().add(column("Login", Member::login));
        table.getColumns().add(column("Roles", m -> m.roles().stream().sorted().map(Role::label)
                .collect(Collectors.joining(", "))));
        table.getColumns().add(column("Permission bits", m -> m.grants().stream().map(Grant::describe)
                .collect(Collectors.joining("; "))));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("Reading the team's members…"));

        login.setId("teamMemberLogin");
        login.setPromptText("PostgreSQL login");
        login.textProperty().bindBidirectional(vm.newLoginProperty());
        add.setId("teamMemberAdd");
        add.setOnAction(e -> vm.addMember());
        remove.setId("teamMemberRemove");
        remove.setOnAction(e -> removeSelected());
        HBox members = new HBox(8, changer(login), changer(add), spacer(), changer(remove));
        members.setAlignment(Pos.CENTER_LEFT);

        dhcpAdministrators.setId("teamRoleDhcpAdministrators");
        ipamAdministrators.setId("teamRoleIpamAdministrators");
        dhcpAdministrators.setOnAction(e -> toggle(dhcpAdministrators, Role.DHCP_ADMINISTRATORS));
        ipamAdministrators.setOnAction(e -> toggle(ipamAdministrators, Role.IPAM_ADMINISTRATORS));
        HBox roles = new HBox(16, new Label("Roles:"), changer(dhcpAdministrators), changer(ipamAdministrators));
        roles.setAlignment(Pos.CENTER_LEFT);

        grants.setId("teamMemberGrants");
        grants.setPrefHeight(90);
        grants.setCellFactory(l -> new ListCell<>() {
            @Override protected void updateItem(Grant g, boolean empty) {
                super.updateItem(g, empty);
                setText(empty || g == null ? null : g.describe());
            }
        });
        revoke.setId("teamGrantRevoke");
        revoke.setOnAction(e -> revokeSelected());

        bit.setId("teamGrantBit");
        bit.getItems().setAll(Permission.values());
        bit.setConverter(new StringConverter<>() {
            @Override public String toString(Permission p) { return p == null ? "" : p.wire(); }

            @Override public Permission fromString(String s) { return Permission.fromWire(s).orElse(null); }
        });
        bit.valueProperty().bindBidirectional(vm.bitProperty());
        server.setId("teamGrantServer");
        server.setItems(vm.serverChoices());
        server.valueProperty().bindBidirectional(vm.serverProperty());
        scope.setId("teamGrantScope");
        scope.setPromptText("scope, e.g. 10.0.0.0/24 (optional)");
        scope.textProperty().bindBidirectional(vm.scopeProperty());
        grant.setId("teamGrantAdd");
        grant.setOnAction(e -> grantToSelected());
        HBox grantForm = new HBox(8, changer(bit), changer(server), changer(scope), changer(grant));
        grantForm.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(grantForm.getChildren().get(2), Priority.ALWAYS);

        register(login, vm::loginProblem);
        register(scope, () -> vm.grantProblem(Field.SCOPE));
        register(server, () -> vm.grantProblem(Field.SERVER));
        // the bit decides which server and scope fit: check them again when it changes, and after a store refusal
        vm.bitProperty().addListener((o, was, now) -> validation.revalidate());
        vm.refusedAtFieldProperty().addListener((o, was, now) -> validation.revalidate());

        Label message = new Label();
        message.setId("teamMembersMessage");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        vm.messageKindProperty().addListener((o, was, now) -> {
            message.getStyleClass().removeIf(c -> c.startsWith("message-"));
            message.getStyleClass().add(now.styleClass());
        });

        VBox center = new VBox(10, table, members, new Label("Selected member"), roles, grants,
                new HBox(8, spacer(), changer(revoke)), new Label("Grant a bit to the selected member"), grantForm,
                message);
        center.setPadding(new Insets(10, 0, 0, 0));
        root.setCenter(center);
        Button close = new Button("Close");
        close.setId("teamMembersClose");
        close.setCancelButton(true);
        close.setOnAction(e -> {
            if (stage != null) stage.close();
        });
        HBox bottom = new HBox(close);
        bottom.setAlignment(Pos.CENTER_RIGHT);
        bottom.setPadding(new Insets(12, 0, 0, 0));
        root.setBottom(bottom);

        // keep the member selected across a reload of the list, then show what it holds
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> showSelected());
        vm.members().addListener((javafx.collections.ListChangeListener<Member>) c -> reselect());
        for (Observable o : List.of(vm.readOnlyProperty(), vm.busyProperty(), login.textProperty(), scope.textProperty(),
                server.valueProperty(), bit.valueProperty(), vm.refusedAtFieldProperty(),
                grants.getSelectionModel().selectedItemProperty())) {
            o.addListener(x -> enable());
        }
        enable();
    }

    private String selectedLogin;

    private void reselect() {
        if (selectedLogin == null) return;
        vm.members().stream().filter(m -> m.login().equals(selectedLogin)).findFirst()
                .ifPresent(m -> table.getSelectionModel().select(m));
    }

    private void showSelected() {
        Member m = table.getSelectionModel().getSelectedItem();
        if (m != null) selectedLogin = m.login();
        dhcpAdministrators.setSelected(m != null && m.roles().contains(Role.DHCP_ADMINISTRATORS));
        ipamAdministrators.setSelected(m != null && m.roles().contains(Role.IPAM_ADMINISTRATORS));
        grants.getItems().setAll(m == null ? List.of() : m.grants());
        enable();
    }

    /** Greys out what cannot be used now; when the login may not change the team at all, with the reason. */
    private void enable() {
        Optional<String> why = vm.readOnlyProperty().get();
        boolean off = why.isPresent() || vm.busyProperty().get();
        boolean none = table.getSelectionModel().getSelectedItem() == null;
        login.setDisable(why.isPresent());
        add.setDisable(off || !vm.canAdd());
        remove.setDisable(off || none);
        dhcpAdministrators.setDisable(off || none);
        ipamAdministrators.setDisable(off || none);
        revoke.setDisable(off || grants.getSelectionModel().getSelectedItem() == null);
        bit.setDisable(why.isPresent());
        server.setDisable(why.isPresent());
        scope.setDisable(why.isPresent());
        grant.setDisable(off || none || !vm.canGrant());
        for (StackPane holder : changers) RefusedAction.show(holder, why);
    }

    private void removeSelected() {
        Member m = table.getSelectionModel().getSelectedItem();
        if (m == null) return;
        if (dialogs.confirm("confirmRemoveMember", "Remove member", "Remove " + m.login() + " from the team?",
                m.login() + " loses its roles, its permission bits and access to Tandem's tables. The PostgreSQL login"
                        + " itself is kept.", "Remove", true)) {
            selectedLogin = null;
            vm.removeMember(m.login());
        }
    }

    private void toggle(CheckBox box, Role role) {
        Member m = table.getSelectionModel().getSelectedItem();
        if (m == null) return;
        boolean held = box.isSelected();
        if (!held && TeamMembersViewModel.asksFirst(role) && !confirmEndOfAdministration(m.login(), role.label())) {
            box.setSelected(true);
            return;
        }
        vm.setRole(m.login(), role, held);
    }

    private void revokeSelected() {
        Member m = table.getSelectionModel().getSelectedItem();
        Grant g = grants.getSelectionModel().getSelectedItem();
        if (m == null || g == null) return;
        if (TeamMembersViewModel.asksFirst(g) && !confirmEndOfAdministration(m.login(), g.describe())) return;
        vm.revoke(m.login(), g);
    }

    private void grantToSelected() {
        Member m = table.getSelectionModel().getSelectedItem();
        if (m != null && vm.canGrant()) vm.grant(m.login());
    }

    private boolean confirmEndOfAdministration(String login, String what) {
        return dialogs.confirm("confirmRevokeAdministrator", "Revoke DHCP administration", "Take " + what + " from "
                + login + "?", login + " may no longer be able to manage failover relationships, HA actions or the"
                + " team's members. The team always keeps at least one DHCP administrator.", "Revoke", true);
    }

    private Node changer(Control control) {
        StackPane holder = RefusedAction.holder(control);
        changers.add(holder);
        return holder;
    }

    private void register(Control input, java.util.function.Supplier<String> problemOf) {
        validation.registerValidator(input, false, (Validator<Object>) (control, value) -> {
            String problem = problemOf.get();
            return ValidationResult.fromErrorIf(control, problem == null ? "" : problem, problem != null);
        });
    }

    private static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    private static TableColumn<Member, String> column(String title, java.util.function.Function<Member, String> value) {
        TableColumn<Member, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return c;
    }
}
