package tandem.ui;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import tandem.core.access.Grant;
import tandem.core.access.Member;
import tandem.core.access.Permission;
import tandem.core.access.PermissionDenied;
import tandem.core.access.Role;
import tandem.core.access.TeamAdministration;
import tandem.core.access.TeamAdministration.Field;

/**
 * The Team members dialog: the team's members with their roles and bits, and what a DHCP administrator changes in
 * them, through the same {@link TeamAdministration} as {@code tandem user|role|permission}. Everything that reads or
 * writes the store runs in the background; anyone else sees the members read-only, with the reason.
 */
public final class TeamMembersViewModel {
    /** The server choice of a bit given on every server. */
    public static final String EVERY_SERVER = "(every server)";

    /** A refusal at a field: the input it was about, and why. */
    public record FieldProblem(Field field, String message) { }

    private final TeamAdministration team;
    private final Supplier<List<String>> servers;
    private final BackgroundTasks tasks;

    private final ObservableList<Member> members = FXCollections.observableArrayList();
    private final ObservableList<String> serverChoices = FXCollections.observableArrayList(EVERY_SERVER);
    private final ReadOnlyObjectWrapper<Optional<String>> readOnly = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<MessageKind> messageKind = new ReadOnlyObjectWrapper<>(MessageKind.INFO);
    private final ReadOnlyObjectWrapper<FieldProblem> refusedAtField = new ReadOnlyObjectWrapper<>();

    private final StringProperty newLogin = new SimpleStringProperty("");
    private final ObjectProperty<Permission> bit = new SimpleObjectProperty<>(Permission.EDIT_RESERVATIONS);
    private final StringProperty server = new SimpleStringProperty(EVERY_SERVER);
    private final StringProperty scope = new SimpleStringProperty("");

    /** @param servers the inventory's server names, a bit's server is chosen from; read in the background */
    public TeamMembersViewModel(TeamAdministration team, Supplier<List<String>> servers, BackgroundTasks tasks) {
        this.team = Objects.requireNonNull(team, "team");
        this.servers = Objects.requireNonNull(servers, "servers");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        // a refusal from the store is about what was typed then: editing the field takes it away
        newLogin.addListener((o, was, now) -> clearRefusal(Field.LOGIN));
        server.addListener((o, was, now) -> clearRefusal(Field.SERVER));
        scope.addListener((o, was, now) -> clearRefusal(Field.SCOPE));
    }

    private record Snapshot(List<Member> members, List<String> servers, Optional<String> refusal) { }

    /** Reads the members, the inventory's servers and whether the signed-in login may change anything. */
    public CompletableFuture<?> load() {
        busy.set(true);
        return tasks.run(() -> new Snapshot(team.members(), servers.get(), team.refusal()), s -> {
            members.setAll(s.members());
            String chosen = server.get();
            List<String> choices = new java.util.ArrayList<>(List.of(EVERY_SERVER));
            choices.addAll(s.servers());
            serverChoices.setAll(choices);
            // replacing the choices clears the one chosen: keep it while the inventory has it
            server.set(choices.contains(chosen) ? chosen : EVERY_SERVER);
            readOnly.set(s.refusal());
            busy.set(false);
            loaded.set(true);
        }, e -> {
            busy.set(false);
            say("Could not read the team's members: " + e.getMessage(), MessageKind.ERROR);
        });
    }

    // ---- the members and what they hold

    public ObservableList<Member> members() { return members; }

    public ObservableList<String> serverChoices() { return serverChoices; }

    /** Why the signed-in login may not change anything (the dialog is read-only), or empty when it may. */
    public ReadOnlyObjectProperty<Optional<String>> readOnlyProperty() { return readOnly.getReadOnlyProperty(); }

    /** True while the store is read or written. */
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    /** True once the members were read the first time. */
    public ReadOnlyBooleanProperty loadedProperty() { return loaded.getReadOnlyProperty(); }

    /** What the last change did, or why it was refused. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<MessageKind> messageKindProperty() { return messageKind.getReadOnlyProperty(); }

    /** A refusal from the store about one field's input (e.g. no such login), shown at that field. */
    public ReadOnlyObjectProperty<FieldProblem> refusedAtFieldProperty() { return refusedAtField.getReadOnlyProperty(); }

    // ---- the inputs

    public StringProperty newLoginProperty() { return newLogin; }

    public ObjectProperty<Permission> bitProperty() { return bit; }

    /** A server of the inventory, or {@link #EVERY_SERVER}. */
    public StringProperty serverProperty() { return server; }

    /** A subnet of the server such as 10.0.0.0/24, or blank for the server as a whole. */
    public StringProperty scopeProperty() { return scope; }

    /** What is wrong with the login typed (null: nothing, or nothing typed yet). */
    public String loginProblem() {
        String login = newLogin.get().strip();
        if (!login.isEmpty()) {
            try {
                TeamAdministration.checkLogin(login);
            } catch (TeamAdministration.Refused e) {
                return e.getMessage();
            }
        }
        return storeRefusal(Field.LOGIN);
    }

    /** What is wrong with the bit, server and scope chosen, at the given field (null: nothing there). */
    public String grantProblem(Field field) {
        try {
            grantChosen();
        } catch (TeamAdministration.Refused e) {
            return e.field() == field ? e.getMessage() : null;
        }
        return storeRefusal(field);
    }

    public boolean canAdd() { return readOnly.get().isEmpty() && !newLogin.get().isBlank() && loginProblem() == null; }

    public boolean canGrant() {
        try {
            grantChosen();
            return readOnly.get().isEmpty();
        } catch (TeamAdministration.Refused e) {
            return false;
        }
    }

    /** The grant the bit, server and scope fields describe. */
    public Grant grantChosen() {
        String s = server.get() == null || server.get().equals(EVERY_SERVER) ? null : server.get();
        String c = scope.get() == null || scope.get().isBlank() ? null : scope.get().strip();
        return TeamAdministration.grant(bit.get() == null ? Permission.READ : bit.get(), s, c);
    }

    // ---- changes, each in the background, then the members read again

    public CompletableFuture<?> addMember() {
        String login = newLogin.get().strip();
        return change(() -> team.addMember(login) ? "Added " + login + "." : login + " already is a member.",
                () -> newLogin.set(""));
    }

    public CompletableFuture<?> removeMember(String login) {
        return change(() -> {
            team.removeMember(login);
            return "Removed " + login + ".";
        }, () -> { });
    }

    public CompletableFuture<?> setRole(String login, Role role, boolean held) {
        return change(() -> login + (team.setRole(login, role, held) ? (held ? " now holds " : " no longer holds ")
                : (held ? " already holds " : " does not hold ")) + role.label() + ".", () -> { });
    }

    public CompletableFuture<?> grant(String login) {
        Grant grant = grantChosen();
        return change(() -> login + (team.setGrant(login, grant, true) ? " now has " : " already has ")
                + grant.describe() + ".", () -> scope.set(""));
    }

    public CompletableFuture<?> revoke(String login, Grant grant) {
        return change(() -> login + (team.setGrant(login, grant, false) ? " no longer has " : " was not given ")
                + grant.describe() + ".", () -> { });
    }

    /** Whether taking this away may end a member's being a DHCP administrator: the dialog asks first. */
    public static boolean asksFirst(Role role) { return TeamAdministration.concernsAdministration(role); }

    public static boolean asksFirst(Grant grant) { return TeamAdministration.concernsAdministration(grant); }

    private CompletableFuture<?> change(Callable<String> work, Runnable afterSuccess) {
        busy.set(true);
        refusedAtField.set(null);
        CompletableFuture<String> done = tasks.run(() -> {
            try {
                return work.call();
            } catch (TeamAdministration.Refused | PermissionDenied e) {
                throw new Refusal(e); // an outcome the dialog expects, not a failure to log
            }
        }, text -> {
            say(text, MessageKind.SUCCESS);
            afterSuccess.run();
        }, failure -> {
            Throwable e = failure instanceof Refusal r ? r.getCause() : failure;
            if (e instanceof TeamAdministration.Refused r) refusedAtField.set(new FieldProblem(r.field(), r.getMessage()));
            say(e instanceof PermissionDenied || e instanceof TeamAdministration.Refused ? e.getMessage()
                    : "The team store failed: " + e.getMessage(), MessageKind.ERROR);
        });
        // read again whatever came of it: another administrator may have changed the team meanwhile
        return done.handle((v, e) -> null).thenCompose(v -> load());
    }

    /** A refusal carried out of the background as a checked outcome. */
    private static final class Refusal extends Exception {
        Refusal(RuntimeException refusal) { super(refusal.getMessage(), refusal); }
    }

    private String storeRefusal(Field field) {
        FieldProblem p = refusedAtField.get();
        return p != null && p.field() == field ? p.message() : null;
    }

    private void clearRefusal(Field field) {
        if (refusedAtField.get() != null && refusedAtField.get().field() == field) refusedAtField.set(null);
    }

    private void say(String text, MessageKind kind) {
        messageKind.set(kind);
        message.set(text);
    }
}
