package tandem.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.port.TeamStoreSettings.Connection;
import tandem.core.port.TeamStoreSettings.Saved;

class TeamStoreSettingsFileTest {
    private static final String SECRET = "Corr3ct-Horse-Battery";
    private static final Connection ALICE = new Connection("db.example.net", 5433, "tandem", "alice", "require");

    @TempDir Path dir;

    @Test
    void nothingChosenMeansTheEmbeddedStore() {
        TeamStoreSettingsFile settings = TeamStoreSettingsFile.of(dir);
        assertEquals(Saved.EMBEDDED, settings.load());
        assertEquals(Optional.empty(), settings.chosen());
    }

    @Test
    void aRememberedPasswordIsStoredSealedOwnerOnlyAndOpensOnlyForItsConnection() throws Exception {
        TeamStoreSettingsFile settings = TeamStoreSettingsFile.of(dir);
        settings.save(true, ALICE, SECRET, true);

        byte[] stored = Files.readAllBytes(settings.file());
        assertFalse(new String(stored, StandardCharsets.ISO_8859_1).contains(SECRET), "the password is not in clear");
        assertTrue(new String(stored, StandardCharsets.UTF_8).contains("password=v2\\:"), "sealed, bound");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(settings.file())));
        assertEquals(new Saved(true, ALICE, true), settings.load());
        assertEquals("postgresql://alice@db.example.net:5433/tandem?sslmode=require",
                settings.chosen().orElseThrow().toString());

        // another process on the folder (a new cipher over the same key) opens it
        assertEquals(Optional.of(SECRET), TeamStoreSettingsFile.of(dir).rememberedPassword(ALICE));
        // bound to the whole connection: never handed out for another host or a weaker sslmode
        assertEquals(Optional.empty(), settings.rememberedPassword(
                new Connection("evil.example.net", 5433, "tandem", "alice", "require")));
        assertEquals(Optional.empty(), settings.rememberedPassword(
                new Connection("db.example.net", 5433, "tandem", "alice", "disable")));
        // an edited file pointing elsewhere does not carry the password there
        String text = Files.readString(settings.file()).replace("host=db.example.net", "host=evil.example.net");
        Files.writeString(settings.file(), text);
        Connection edited = settings.load().connection();
        assertEquals("evil.example.net", edited.host());
        assertEquals(Optional.empty(), settings.rememberedPassword(edited));
    }

    @Test
    void savingWithoutATypedPasswordKeepsTheOneKeptAndUnrememberingDeletesIt() throws Exception {
        TeamStoreSettingsFile settings = TeamStoreSettingsFile.of(dir);
        settings.save(true, ALICE, SECRET, true);
        settings.save(true, ALICE, "", true);
        assertEquals(Optional.of(SECRET), settings.rememberedPassword(ALICE));

        // another connection: the kept password does not follow it
        Connection other = new Connection("db.example.net", 5433, "tandem", "alice", "verify-full");
        settings.save(true, other, null, true);
        assertFalse(settings.load().passwordRemembered());

        settings.save(true, ALICE, SECRET, true);
        settings.save(true, ALICE, null, false);
        assertFalse(settings.load().passwordRemembered());
        assertFalse(Files.readString(settings.file()).matches("(?s).*(^|\n)password=.*"), "deleted, not just hidden");
        assertEquals(Optional.empty(), settings.rememberedPassword(ALICE));

        settings.save(false, null, null, false);
        assertEquals(Saved.EMBEDDED, settings.load());
    }

    @Test
    void aConnectionTheCommandLineWouldRefuseIsNotSaved() {
        TeamStoreSettingsFile settings = TeamStoreSettingsFile.of(dir);
        Connection withPassword = new Connection("db", 5432, "tandem", "alice:pw", "prefer");
        assertTrue(settings.problem(withPassword).orElseThrow().contains("must not hold a password"));
        assertThrows(IllegalArgumentException.class, () -> settings.save(true, withPassword, null, false));
        assertFalse(Files.exists(settings.file()));
        assertEquals(Optional.empty(), settings.problem(ALICE));
    }
}
