package tandem.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tandem.core.port.TeamStoreSettings;
import tandem.core.port.TeamStoreSettings.Connection;
import tandem.core.port.TeamStoreSettings.Saved;
import tandem.ui.TeamDatabaseViewModel.Field;

class TeamDatabaseViewModelTest {
    private static final Connection ALICE = new Connection("db.example.net", 5432, "tandem", "alice", "require");

    /** Settings that keep what they are given in memory. */
    private static final class Kept implements TeamStoreSettings {
        Saved saved;
        RuntimeException loadFails;
        final List<String> saves = new ArrayList<>();

        Kept(Saved saved) { this.saved = saved; }

        @Override public Saved load() {
            if (loadFails != null) throw loadFails;
            return saved;
        }

        @Override public Optional<String> problem(Connection c) { return Optional.empty(); }

        @Override public TestResult test(Connection c, String password, Duration timeout) {
            throw new ConnectionFailed("Nothing answers at " + c.host() + ":" + c.port(), null);
        }

        @Override public void save(boolean team, Connection c, String password, boolean remember) {
            saves.add(team + " " + c + " " + (password == null || password.isEmpty() ? "-" : "typed") + " " + remember);
        }

        @Override public Optional<String> rememberedPassword(Connection c) { return Optional.empty(); }
    }

    @Test
    void aKeptPasswordServesOnlyTheConnectionItWasKeptFor() {
        Kept settings = new Kept(new Saved(true, ALICE, true));
        TeamDatabaseViewModel vm = new TeamDatabaseViewModel(settings, BackgroundTasks.direct());
        assertTrue(vm.rememberProperty().get());
        assertNull(vm.problem(Field.PASSWORD), "the kept one still serves");
        vm.sslModeProperty().set("prefer");
        assertEquals("Enter the password to remember it", vm.problem(Field.PASSWORD), "bound to the sslmode too");
        vm.sslModeProperty().set("require");
        vm.save();
        assertEquals(List.of("true " + ALICE + " - true"), settings.saves);
        assertTrue(vm.outcomeProperty().get().startsWith("Saved. The console opens on the team database"
                + " db.example.net/tandem as alice"), vm.outcomeProperty().get());
    }

    @Test
    void theEmbeddedStoreNeedsNoFieldsAndForgetsThePassword() {
        Kept settings = new Kept(new Saved(true, ALICE, true));
        TeamDatabaseViewModel vm = new TeamDatabaseViewModel(settings, BackgroundTasks.direct());
        vm.hostProperty().set("");
        assertEquals("Enter the database server's host name or address", vm.problem(Field.HOST));
        vm.teamProperty().set(false);
        vm.rememberProperty().set(false);
        assertNull(vm.problem(Field.HOST));
        assertTrue(vm.valid());
        vm.save();
        assertEquals(List.of("false " + ALICE + " - false"), settings.saves, "the last good location, no password");
        assertEquals("Saved. The console opens on this desktop's own store the next time it starts.",
                vm.outcomeProperty().get());
    }

    @Test
    void aFailedTestSaysWhyAndADamagedFileIsSaidNotThrown() {
        Kept settings = new Kept(null);
        settings.loadFails = new IllegalStateException("Cannot read team-store.properties: Malformed \\uxxxx encoding.");
        TeamDatabaseViewModel vm = new TeamDatabaseViewModel(settings, BackgroundTasks.direct());
        assertEquals(MessageKind.ERROR, vm.outcomeKindProperty().get());
        assertTrue(vm.outcomeProperty().get().startsWith("The saved choice could not be read"), vm.outcomeProperty().get());
        vm.teamProperty().set(true);
        vm.hostProperty().set("db.example.net");
        vm.passwordProperty().set("pw-typed");
        vm.testConnection();
        assertEquals("Nothing answers at db.example.net:5432", vm.outcomeProperty().get());
        assertEquals(MessageKind.ERROR, vm.outcomeKindProperty().get());
        assertEquals("require", vm.sslModeProperty().get(), "new settings ask for TLS");
    }
}
