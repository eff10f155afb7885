package tandem.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tandem.core.ImportResult;
import tandem.core.access.Grant;
import tandem.core.access.Member;
import tandem.core.access.Permission;
import tandem.core.access.Role;
import tandem.core.access.TeamAdministration;
import tandem.lab.PostgresLab;
import tandem.services.Services;
import tandem.store.TeamStoreLocation;

/** The Team members dialog on a real team store (Debian's PostgreSQL), as a DHCP administrator and as a member. */
@Tag("team")
@ExtendWith(ApplicationExtension.class)
class TeamMembersDialogTest {
    private static PostgresLab pg;
    private static Path folders;
    private static Services alice;
    private static final java.util.Map<String, String> PASSWORDS = new java.util.HashMap<>();

    private Stage stage;
    private BackgroundTasks tasks;
    private Services other;

    @BeforeAll static void startTeam() throws Exception {
        pg = PostgresLab.start();
        folders = Files.createTempDirectory("tandem-team-dialog");
        for (String login : List.of("alice", "bob", "carol")) {
            PASSWORDS.put(login, PostgresLab.randomSecret());
            pg.createRole(login, PASSWORDS.get(login));
        }
        pg.createDatabase("team", "alice");
        alice = open("alice");
        assertTrue(alice.teamStore().initialise(Instant.now()));
        alice.inventory().replace(List.of(), List.of(new ImportResult.Accepted(
                Fixtures.server("pair", URI.create("http://127.0.0.1:9")), List.of(), List.of(), List.of())));
    }

    @AfterAll static void stopTeam() {
        if (alice != null) alice.close();
        if (pg != null) pg.close();
    }

    private static Services open(String login) {
        return Services.openTeam(folders.resolve(login), TeamStoreLocation.parse("postgresql://" + login + "@127.0.0.1:"
                + pg.port() + "/team"), PASSWORDS.get(login), "test");
    }

    @Start void start(Stage stage) {
        this.stage = stage;
        tasks = BackgroundTasks.forFx();
    }

    @AfterEach void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        tasks.close();
        if (other != null) other.close();
    }

    private void showDialog(FxRobot robot, Services as) throws Exception {
        TeamMembersViewModel vm = new TeamMembersViewModel(as.teamAdministration(),
                () -> as.inventory().servers().stream().map(tandem.core.ServerRecord::name).toList(), tasks);
        robot.interact(() -> {
            TeamMembersDialog dialog = new TeamMembersDialog(vm, new DialogService(() -> stage));
            Scene scene = new Scene(dialog.root());
            Theme.apply(scene);
            stage.setScene(scene);
            stage.show();
            vm.load();
        });
        waitUntil(() -> vm.loadedProperty().get());
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Optional<Member> member(String login) {
        return alice.teamStore().member(login);
    }

    private void select(FxRobot robot, String login) throws Exception {
        waitUntil(() -> robot.lookup((TableCell<?, ?> c) -> login.equals(c.getText())).tryQuery().isPresent());
        robot.clickOn(robot.lookup((TableCell<?, ?> c) -> login.equals(c.getText())).<Node>query());
        waitUntil(() -> robot.lookup("#teamMembersTable").queryAs(TableView.class).getSelectionModel()
                .getSelectedItem() instanceof Member m && m.login().equals(login));
    }

    @Test
    void anAdministratorAddsAMemberGivesItARoleAndABitOnAScope(FxRobot robot) throws Exception {
        showDialog(robot, alice);
        assertFalse(robot.lookup("#teamMembersReadOnly").queryAs(Label.class).isVisible());

        robot.clickOn("#teamMemberLogin").write("bob");
        waitUntil(() -> !robot.lookup("#teamMemberAdd").queryButton().isDisabled());
        robot.clickOn("#teamMemberAdd");
        waitUntil(() -> member("bob").isPresent());
        assertEquals("Added bob.", robot.lookup("#teamMembersMessage").queryAs(Label.class).getText());

        select(robot, "bob");
        robot.clickOn("#teamRoleIpamAdministrators");
        waitUntil(() -> member("bob").map(m -> m.roles().contains(Role.IPAM_ADMINISTRATORS)).orElse(false));
        waitUntil(() -> robot.lookup("#teamMembersTable").queryAs(TableView.class).getSelectionModel()
                .getSelectedItem() instanceof Member m && m.login().equals("bob"));
        assertTrue(robot.lookup("#teamRoleIpamAdministrators").queryAs(CheckBox.class).isSelected(),
                "bob stays selected, holding the role");

        // a scope with host bits set is flagged at its field, and nothing can be granted
        robot.interact(() -> {
            robot.lookup("#teamGrantBit").<ComboBox<Permission>>query().setValue(Permission.EDIT_RESERVATIONS);
            robot.lookup("#teamGrantServer").<ComboBox<String>>query().setValue("pair");
        });
        TextField scope = robot.lookup("#teamGrantScope").queryAs(TextField.class);
        robot.clickOn(scope).write("10.10.0.5/24");
        waitUntil(() -> scope.getStyleClass().contains("field-error"));
        assertTrue(robot.lookup("#teamGrantAdd").queryButton().isDisabled(), "a bad scope cannot be granted");

        robot.interact(() -> scope.setText(""));
        robot.clickOn(scope).write("10.10.0.0/24");
        waitUntil(() -> !scope.getStyleClass().contains("field-error")
                && !robot.lookup("#teamGrantAdd").queryButton().isDisabled());
        robot.clickOn("#teamGrantAdd");
        Grant expected = new Grant(Permission.EDIT_RESERVATIONS, "pair", "10.10.0.0/24");
        waitUntil(() -> member("bob").map(m -> m.grants().contains(expected)).orElse(false));
        waitUntil(() -> robot.lookup((TableCell<?, ?> c) -> c.getText() != null
                && c.getText().contains("edit-reservations on 10.10.0.0/24 of pair")).tryQuery().isPresent());

        assertEquals("pair", robot.lookup("#teamGrantServer").<ComboBox<String>>query().getValue(),
                "the server chosen stays chosen when the members are read again");
        robot.interact(() -> Shots.write(stage.getScene(), "team-members-administrator"));

        // a login the PostgreSQL server does not have is refused at the login field
        robot.clickOn("#teamMemberLogin").write("nobody");
        robot.clickOn("#teamMemberAdd");
        TextField login = robot.lookup("#teamMemberLogin").queryAs(TextField.class);
        waitUntil(() -> login.getStyleClass().contains("field-error"));
        assertTrue(robot.lookup("#teamMembersMessage").queryAs(Label.class).getText().contains("no login 'nobody'"));
        assertTrue(member("nobody").isEmpty());

        // taking DHCP administration away, and removing a member, ask first
        select(robot, "bob");
        robot.clickOn("#teamRoleDhcpAdministrators");
        waitUntil(() -> member("bob").map(m -> m.roles().contains(Role.DHCP_ADMINISTRATORS)).orElse(false));
        waitUntil(() -> !robot.lookup("#teamRoleDhcpAdministrators").query().isDisabled());
        robot.clickOn("#teamRoleDhcpAdministrators");
        waitUntil(() -> robot.lookup("#confirmRevokeAdministrator").tryQuery().isPresent());
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#teamRoleDhcpAdministrators").queryAs(CheckBox.class).isSelected(), "kept");
        assertTrue(member("bob").orElseThrow().roles().contains(Role.DHCP_ADMINISTRATORS));
        robot.clickOn("#teamRoleDhcpAdministrators");
        waitUntil(() -> robot.lookup("#confirmRevokeAdministrator").tryQuery().isPresent());
        robot.clickOn("Revoke");
        waitUntil(() -> !member("bob").orElseThrow().roles().contains(Role.DHCP_ADMINISTRATORS));

        waitUntil(() -> !robot.lookup("#teamMemberRemove").query().isDisabled());
        robot.clickOn("#teamMemberRemove");
        waitUntil(() -> robot.lookup("#confirmRemoveMember").tryQuery().isPresent());
        robot.clickOn("Remove");
        waitUntil(() -> member("bob").isEmpty());
        waitUntil(() -> robot.lookup((TableCell<?, ?> c) -> "bob".equals(c.getText())).tryQuery().isEmpty());
    }

    @Test
    void aMemberWhoIsNoAdministratorSeesTheTeamReadOnlyWithTheReason(FxRobot robot) throws Exception {
        TeamAdministration admin = alice.teamAdministration();
        admin.addMember("carol");
        admin.setGrant("carol", new Grant(Permission.READ, null, null), true);
        other = open("carol");
        showDialog(robot, other);

        Label readOnly = robot.lookup("#teamMembersReadOnly").queryAs(Label.class);
        assertTrue(readOnly.isVisible() && readOnly.getText().contains("carol lacks the dhcp-administrator permission"),
                readOnly.getText());
        select(robot, "alice");
        for (String id : List.of("teamMemberLogin", "teamMemberAdd", "teamMemberRemove", "teamRoleDhcpAdministrators",
                "teamRoleIpamAdministrators", "teamGrantBit", "teamGrantServer", "teamGrantScope", "teamGrantAdd",
                "teamGrantRevoke")) {
            assertTrue(robot.lookup("#" + id).query().isDisabled(), id + " is greyed");
            Node wrap = robot.lookup("#" + id + "-refused").query();
            Object tip = wrap.getProperties().get("javafx.scene.control.Tooltip");
            assertTrue(tip instanceof Tooltip t && t.getText().contains("dhcp-administrator"), id + ": " + tip);
        }
        assertTrue(robot.lookup("#teamRoleDhcpAdministrators").queryAs(CheckBox.class).isSelected(),
                "the roles are still shown");
        robot.interact(() -> Shots.write(stage.getScene(), "team-members-read-only"));
        assertEquals(Optional.of("carol lacks the dhcp-administrator permission needed to manage the team's members"),
                other.teamAdministration().refusal());
    }
}
