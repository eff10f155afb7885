package tandem.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tandem.cli.TandemCommand;
import tandem.core.port.TeamStoreSettings.Connection;
import tandem.lab.PostgresLab;
import tandem.services.Services;
import tandem.store.TeamStoreSettingsFile;

/** Preferences → Team database against a real PostgreSQL: field checks, the connection test, the kept password. */
@Tag("team")
@ExtendWith(ApplicationExtension.class)
class TeamDatabasePaneTest {
    private static PostgresLab pg;
    private static String alicePw;
    private static String bobPw;
    @TempDir static Path shared;

    @TempDir Path data;
    private Stage stage;
    private BackgroundTasks tasks;

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = PostgresLab.start();
        alicePw = PostgresLab.randomSecret();
        bobPw = PostgresLab.randomSecret();
        pg.createRole("alice", alicePw);
        pg.createRole("bob", bobPw);
        pg.createDatabase("team", "alice");
        pg.createDatabase("fresh", "alice");
        Path pw = shared.resolve("alice.pw");
        Files.writeString(pw, alicePw + "\n");
        StringWriter err = new StringWriter();
        int code = TandemCommand.run(new String[] {"--data", shared.resolve("alice").toString(), "--store",
                "postgresql://alice@127.0.0.1:" + pg.port() + "/team", "--store-password-file", pw.toString(), "team",
                "init"}, dir -> fail("no console"), Services::open, tandem.app.Launcher.backendCommands(),
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
    }

    @AfterAll
    static void stopPostgres() {
        if (pg != null) pg.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        tasks = BackgroundTasks.forFx();
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        tasks.close();
    }

    private TeamStoreSettingsFile settings() {
        return TeamStoreSettingsFile.of(data);
    }

    private void show(FxRobot robot) {
        robot.interact(() -> {
            TeamDatabasePane pane = new TeamDatabasePane(new TeamDatabaseViewModel(settings(), tasks));
            Scene scene = new Scene(pane.root());
            Theme.apply(scene);
            stage.setScene(scene);
            stage.show();
        });
    }

    private static void replace(FxRobot robot, String id, String text) {
        TextField field = robot.lookup("#" + id).queryAs(TextField.class);
        robot.interact(() -> field.setText(text));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryAs(Labeled.class).getText();
    }

    private void fill(FxRobot robot, String db, String login, String password, String sslMode) {
        robot.clickOn("#storeTeam");
        replace(robot, "teamHost", "127.0.0.1");
        replace(robot, "teamPort", Integer.toString(pg.port()));
        replace(robot, "teamDatabase", db);
        replace(robot, "teamLogin", login);
        replace(robot, "teamPassword", password);
        @SuppressWarnings("unchecked")
        ChoiceBox<String> ssl = robot.lookup("#teamSslMode").queryAs(ChoiceBox.class);
        robot.interact(() -> ssl.setValue(sslMode));
    }

    /** Runs the connection test and waits for its outcome (bounded by the test's own timeout and some slack). */
    private String test(FxRobot robot) throws Exception {
        Label outcome = robot.lookup("#teamDatabaseOutcome").queryAs(Label.class);
        String before = outcome.getText();
        robot.clickOn("#testTeamConnection");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !robot.lookup("#testTeamConnection")
                .queryAs(Button.class).isDisabled() && !outcome.getText().startsWith("Connecting"));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(outcome.getText().equals(before), "a new outcome: " + outcome.getText());
        return outcome.getText();
    }

    @Test
    void badInputIsMarkedAtItsFieldAndBlocksSaving(FxRobot robot) throws Exception {
        show(robot);
        assertTrue(robot.lookup("#teamHost").query().isDisabled(), "the embedded store has nothing to fill in");
        assertFalse(robot.lookup("#saveTeamDatabase").queryAs(Button.class).isDisabled());

        robot.clickOn("#storeTeam");
        replace(robot, "teamLogin", "alice:secret");
        replace(robot, "teamPort", "70000");
        robot.clickOn("#teamRememberPassword");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Enter the database server's host name or address", text(robot, "teamHostMessage"));
        assertEquals("Enter the login alone; the password has its own field", text(robot, "teamLoginMessage"));
        assertEquals("Port must be a number from 1 to 65535", text(robot, "teamPortMessage"));
        assertEquals("Enter the password to remember it", text(robot, "teamPasswordMessage"));
        Node login = robot.lookup("#teamLogin").query();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> login.getStyleClass().contains("field-error"));
        assertTrue(robot.lookup("#saveTeamDatabase").queryAs(Button.class).isDisabled());
        assertTrue(robot.lookup("#testTeamConnection").queryAs(Button.class).isDisabled());

        replace(robot, "teamHost", "http://db.example.net/");
        assertEquals("Enter only the address or host name, without http:// or a path", text(robot, "teamHostMessage"));
        replace(robot, "teamHost", "db.example.net");
        replace(robot, "teamLogin", "alice");
        replace(robot, "teamPort", "5432");
        replace(robot, "teamPassword", "x");
        assertEquals("", text(robot, "teamLoginMessage"));
        assertFalse(robot.lookup("#saveTeamDatabase").queryAs(Button.class).isDisabled());
        assertFalse(Files.exists(settings().file()), "nothing written before Save");
    }

    @Test
    void theConnectionTestSaysWhoWhereWhichVersionAndWhetherTheLoginIsAMember(FxRobot robot) throws Exception {
        show(robot);
        fill(robot, "team", "alice", alicePw, "require");
        String noTls = test(robot);
        assertTrue(noTls.contains("does not offer TLS, which sslmode require requires"), noTls);

        @SuppressWarnings("unchecked")
        ChoiceBox<String> ssl = robot.lookup("#teamSslMode").queryAs(ChoiceBox.class);
        robot.interact(() -> ssl.setValue("disable"));
        String ok = test(robot);
        assertTrue(ok.startsWith("Connected as alice to 127.0.0.1/team (PostgreSQL 15."), ok);
        assertTrue(ok.contains("without TLS"), ok);
        assertTrue(ok.endsWith("Tandem's tables are there and alice is a member of the team."), ok);
        assertTrue(robot.lookup("#teamDatabaseOutcome").query().getStyleClass().contains("message-success"));
        robot.interact(() -> Shots.write(stage.getScene(), "team-database"));

        replace(robot, "teamLogin", "bob");
        replace(robot, "teamPassword", bobPw);
        String outsider = test(robot);
        assertTrue(outsider.contains("bob is not a member of this team yet: a DHCP administrator of the team adds it"
                + " with tandem user add bob"), outsider);
        assertTrue(robot.lookup("#teamDatabaseOutcome").query().getStyleClass().contains("message-error"));

        replace(robot, "teamDatabase", "fresh");
        replace(robot, "teamLogin", "alice");
        replace(robot, "teamPassword", alicePw);
        String fresh = test(robot);
        assertTrue(fresh.contains("Tandem's tables are not in fresh yet: its owner runs tandem --store"
                + " postgresql://alice@127.0.0.1:" + pg.port() + "/fresh?sslmode=disable team init"), fresh);
        assertFalse(Files.exists(settings().file()), "a test keeps nothing");
    }

    @Test
    void aWrongPasswordIsSaidPlainlyWithoutThePassword(FxRobot robot) throws Exception {
        show(robot);
        String wrong = "Wrong-" + PostgresLab.randomSecret();
        fill(robot, "team", "alice", wrong, "disable");
        String said = test(robot);
        assertEquals("PostgreSQL at 127.0.0.1:" + pg.port() + " refused the password of alice (or there is no such"
                + " login): check the password", said);
        for (Node n : robot.lookup(node -> node instanceof Labeled).queryAll()) {
            assertFalse(String.valueOf(((Labeled) n).getText()).contains(wrong), "shown nowhere");
        }
        assertTrue(robot.lookup("#teamPassword").query() instanceof PasswordField, "never echoed");

        replace(robot, "teamPort", Integer.toString(freePort()));
        String unreachable = test(robot);
        assertTrue(unreachable.startsWith("Nothing answers at 127.0.0.1:"), unreachable);
    }

    @Test
    void aRememberedPasswordIsKeptSealedOpensAgainAndIsDeletedWhenNoLongerRemembered(FxRobot robot) throws Exception {
        show(robot);
        fill(robot, "team", "alice", alicePw, "disable");
        robot.clickOn("#teamRememberPassword");
        robot.clickOn("#saveTeamDatabase");
        Label outcome = robot.lookup("#teamDatabaseOutcome").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> outcome.getText().startsWith("Saved"));
        assertEquals("Saved. The console opens on the team database 127.0.0.1/team as alice the next time it starts.",
                outcome.getText());
        byte[] stored = Files.readAllBytes(settings().file());
        assertFalse(new String(stored, StandardCharsets.ISO_8859_1).contains(alicePw), "sealed, not in clear");
        Connection alice = new Connection("127.0.0.1", pg.port(), "team", "alice", "disable");
        assertEquals(Optional.of(alicePw), settings().rememberedPassword(alice));

        // opened again: the password is not shown, yet the test uses it
        robot.interact(stage::close);
        show(robot);
        PasswordField pw = robot.lookup("#teamPassword").queryAs(PasswordField.class);
        assertEquals("", pw.getText());
        assertEquals("remembered (type to replace)", pw.getPromptText());
        assertTrue(robot.lookup("#teamRememberPassword").queryAs(CheckBox.class).isSelected());
        assertTrue(robot.lookup("#storeTeam").queryAs(javafx.scene.control.RadioButton.class).isSelected());
        String ok = test(robot);
        assertTrue(ok.startsWith("Connected as alice to 127.0.0.1/team"), ok);

        robot.clickOn("#teamRememberPassword");
        robot.clickOn("#saveTeamDatabase");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> outcome.getScene() != null
                && robot.lookup("#teamDatabaseOutcome").queryAs(Label.class).getText().startsWith("Saved"));
        assertEquals("Saved. The console opens on the team database 127.0.0.1/team as alice the next time it starts;"
                + " it will ask for the password.", text(robot, "teamDatabaseOutcome"));
        assertFalse(settings().load().passwordRemembered());
        assertEquals(Optional.empty(), settings().rememberedPassword(alice));
        assertFalse(Files.readString(settings().file()).matches("(?s).*(^|\n)password=.*"), "deleted");
    }

    @Test
    void preferencesOpenTheTeamDatabase(FxRobot robot) {
        java.util.List<String> asked = new java.util.ArrayList<>();
        robot.interact(() -> {
            PreferencesViewModel prefs = new PreferencesViewModel(tandem.core.Preferences.defaults(), p -> { }, tasks);
            Scene scene = new Scene(new PreferencesDialog(prefs, p -> { }, () -> asked.add("team")).root());
            Theme.apply(scene);
            stage.setScene(scene);
            stage.show();
        });
        robot.clickOn("#openTeamDatabase");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(java.util.List.of("team"), asked);
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
