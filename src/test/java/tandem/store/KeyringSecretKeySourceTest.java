package tandem.store;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the data folder's key is kept: the desktop keyring where it works, the folder's file otherwise. */
class KeyringSecretKeySourceTest {
    @TempDir Path dir;

    /** A keyring in memory, as the desktop's would behave. */
    static final class FakeKeyring implements KeyringSecretKeySource.Keyring {
        final Map<String, String> entries = new ConcurrentHashMap<>();
        volatile boolean reachable = true;

        @Override public String get(String account) {
            if (!reachable) throw new IllegalStateException("org.freedesktop.DBus.Error.ServiceUnknown");
            return entries.get(account);
        }

        @Override public void put(String account, String value) {
            if (!reachable) throw new IllegalStateException("org.freedesktop.DBus.Error.ServiceUnknown");
            entries.put(account, value);
        }

        @Override public void delete(String account) { entries.remove(account); }
    }

    private static final String ROW = SecretCipher.binding("server", "password_enc", "kea-a", "http://10.0.0.1:8000/");

    @Test void aWorkingKeyringKeepsTheKeyAndNoKeyFileIsWritten() {
        FakeKeyring keyring = new FakeKeyring();
        String stored = new SecretCipher(new KeyringSecretKeySource(dir, keyring)).encrypt("pw", ROW);

        assertEquals(1, keyring.entries.size());
        assertFalse(Files.exists(dir.resolve(FileSecretKeySource.FILE_NAME)), "no key in the folder");
        assertTrue(Files.exists(dir.resolve(KeyringSecretKeySource.MARKER_FILE)));
        assertEquals("pw", new SecretCipher(new KeyringSecretKeySource(dir, keyring)).decrypt(stored, ROW),
                "another process reads the same key from the keyring");
        assertEquals("the desktop keyring", new KeyringSecretKeySource(dir, keyring).location());
    }

    @Test void withoutAKeyringTheKeyGoesIntoTheFolder() {
        FakeKeyring keyring = new FakeKeyring();
        keyring.reachable = false;
        String stored = new SecretCipher(new KeyringSecretKeySource(dir, keyring)).encrypt("pw", ROW);

        assertTrue(Files.exists(dir.resolve(FileSecretKeySource.FILE_NAME)));
        assertFalse(Files.exists(dir.resolve(KeyringSecretKeySource.MARKER_FILE)));
        keyring.reachable = true;
        assertEquals("pw", new SecretCipher(new KeyringSecretKeySource(dir, keyring)).decrypt(stored, ROW),
                "a key file, once there, stays the key even when a keyring appears");
        assertTrue(keyring.entries.isEmpty());
        assertEquals("pw", SecretCipher.inDirectory(dir).decrypt(stored, ROW));
    }

    @Test void aKeyInTheKeyringIsNeverReplacedByANewFileWhenTheKeyringIsAway() {
        FakeKeyring keyring = new FakeKeyring();
        String stored = new SecretCipher(new KeyringSecretKeySource(dir, keyring)).encrypt("pw", ROW);
        keyring.reachable = false;

        SecretCipher cipher = new SecretCipher(new KeyringSecretKeySource(dir, keyring));
        UnreadableSecretException e = assertThrows(UnreadableSecretException.class, () -> cipher.decrypt(stored, ROW));
        assertTrue(e.getMessage().contains("desktop keyring"), e.getMessage());
        assertFalse(Files.exists(dir.resolve(FileSecretKeySource.FILE_NAME)), "no second key: secrets would split");
        SecretCipher switchedOff = new SecretCipher(new KeyringSecretKeySource(dir, null));
        assertThrows(UnreadableSecretException.class, () -> switchedOff.decrypt(stored, ROW));
    }

    @Test void theDesktopKeyringOfThisMachineFallsBackToTheFileWithoutFailing() {
        // this machine runs no Secret Service: java-keyring fails, and the key must land in the folder
        long started = System.nanoTime();
        SecretCipher cipher = new SecretCipher(new KeyringSecretKeySource(dir, KeyringSecretKeySource.desktop()));
        String stored = cipher.encrypt("pw", ROW);
        assertTrue(System.nanoTime() - started < KeyringSecretKeySource.KEYRING_TIMEOUT.toNanos() * 3);
        assertTrue(Files.exists(dir.resolve(FileSecretKeySource.FILE_NAME)));
        assertEquals("pw", SecretCipher.inDirectory(dir).decrypt(stored, ROW));
    }

    @Test void theKeyringCanBeSwitchedOff() {
        assertFalse(KeyringSecretKeySource.enabled("off", null));
        assertFalse(KeyringSecretKeySource.enabled(null, "false"));
        assertTrue(KeyringSecretKeySource.enabled("off", "on"), "the property wins over the environment");
        assertTrue(KeyringSecretKeySource.enabled(null, null));
    }

    @Test void aDatabaseOpensAndSavesWithTheKeyringAway() {
        FakeKeyring keyring = new FakeKeyring();
        keyring.reachable = false;
        try (Database db = Database.open(dir)) {
            JdbcInventoryStore store = new JdbcInventoryStore(db, new SecretCipher(new KeyringSecretKeySource(dir, keyring)));
            store.saveServer(Samples.server("kea-a", "pw"), java.util.List.of());
            assertEquals("pw", store.server("kea-a").orElseThrow().connection().password());
        }
    }
}
