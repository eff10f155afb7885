package tandem.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data folder's key kept in the desktop keyring (Secret Service, macOS Keychain, Windows Credential Manager)
 * where there is one, so a copy of the folder does not carry the key to its secrets; {@code secret.key} in the
 * folder otherwise.
 *
 * <p>Which one, decided at first use and then kept:
 * <ol>
 * <li>a {@code secret.key} in the folder is used (folders made before, or where no keyring was found);</li>
 * <li>else a marker {@code secret.key.keyring} (no secret in it: the keyring entry's name) says the key is in the
 *     keyring; when the keyring cannot be reached the secrets cannot be read, and no new key is made, which would
 *     split them between two keys;</li>
 *  <li>else a new key goes into the keyring, read back, and the marker is written; when any of that fails (no
 *     keyring, locked, refused, slower than {@link #KEYRING_TIMEOUT}) the key goes into {@code secret.key}.</li>
 * </ol>
 * {@code TANDEM_KEYRING=off} (or {@code -Dtandem.keyring=off}) keeps new keys out of the keyring. A keyring failure
 * never stops Tandem from starting: only reading or saving a secret fails then.
 */
public final class KeyringSecretKeySource implements SecretKeySource {
    private static final Logger log = LoggerFactory.getLogger(KeyringSecretKeySource.class);

    public static final String MARKER_FILE = "secret.key.keyring";
    static final String SERVICE = "Tandem";
    static final Duration KEYRING_TIMEOUT = Duration.ofSeconds(10);

    /** The few keyring operations used; {@link #desktop()} is the real one. */
    public interface Keyring {
        /** The stored value, or null when there is none. */
        String get(String account) throws Exception;

        void put(String account, String value) throws Exception;

        void delete(String account) throws Exception;
    }

    private final Path dir;
    private final Keyring keyring;
    private volatile SecretKey key;

    /** @param keyring the desktop's keyring, or null where there is none or it is switched off */
    public KeyringSecretKeySource(Path dataDir, Keyring keyring) {
        this.dir = dataDir.toAbsolutePath();
        this.keyring = keyring;
    }

    public static KeyringSecretKeySource forDataFolder(Path dataDir) {
        return new KeyringSecretKeySource(dataDir, enabled(System.getenv("TANDEM_KEYRING"),
                System.getProperty("tandem.keyring")) ? desktop() : null);
    }

    static boolean enabled(String env, String property) {
        String v = property != null ? property : env;
        return v == null || !Arrays.asList("off", "false", "no", "0").contains(v.strip().toLowerCase(Locale.ROOT));
    }

    @Override public SecretKey key() {
        SecretKey k = key;
        if (k == null) {
            synchronized (this) {
                k = key;
                if (k == null) key = k = select();
            }
        }
        return k;
    }

    /** Where the key is: the file, the keyring, or (undecided so far) null. */
    public String location() {
        if (Files.exists(file())) return file().toString();
        if (Files.exists(marker())) return "the desktop keyring";
        return null;
    }

    private Path file() { return dir.resolve(FileSecretKeySource.FILE_NAME); }

    private Path marker() { return dir.resolve(MARKER_FILE); }

    private SecretKey select() {
        FileSecretKeySource fileSource = new FileSecretKeySource(file());
        if (Files.exists(file())) return fileSource.key();
        if (Files.exists(marker())) return fromKeyring(readMarker());
        if (keyring != null) {
            try {
                SecretKey created = createInKeyring();
                if (created != null) return created;
            } catch (Exception | LinkageError e) {
                log.info("The desktop keyring cannot keep the key ({}); it is kept in {}", e.toString(), file());
            }
        }
        return fileSource.key();
    }

    /** Null when another process put its key there first and that one is not readable (then the file is not used either). */
    private SecretKey createInKeyring() throws Exception {
        byte[] raw = new byte[FileSecretKeySource.KEY_BYTES];
        SecureRandom random = new SecureRandom();
        random.nextBytes(raw);
        // one entry per attempt: two processes starting together must not overwrite each other's key
        byte[] id = new byte[8];
        random.nextBytes(id);
        String account = dir + "#" + HexFormat.of().formatHex(id);
        String encoded = Base64.getEncoder().encodeToString(raw);
        Arrays.fill(raw, (byte) 0);
        timed(() -> { keyring.put(account, encoded); return null; });
        if (!encoded.equals(timed(() -> keyring.get(account)))) {
            throw new IllegalStateException("the keyring did not give back what was stored");
        }
        Path tmp = OwnerOnlyFiles.createTempFile(dir, ".keyring-");
        try {
            Files.writeString(tmp, account + "\n", StandardCharsets.UTF_8);
            try {
                Files.createLink(marker(), tmp);
            } catch (FileAlreadyExistsException lostRace) {
                deleteQuietly(account);
                return fromKeyring(readMarker());
            } catch (UnsupportedOperationException | IOException noLinks) {
                try {
                    Files.move(tmp, marker());
                } catch (FileAlreadyExistsException lostRace) {
                    deleteQuietly(account);
                    return fromKeyring(readMarker());
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        log.info("The key that protects stored secrets is kept in the desktop keyring");
        return decode(encoded, "the desktop keyring");
    }

    private SecretKey fromKeyring(String account) {
        String encoded;
        try {
            encoded = timed(() -> keyring == null ? null : keyring.get(account));
        } catch (Exception | LinkageError e) {
            throw new UnreadableSecretException("The key to the stored secrets is in the desktop keyring, which cannot"
                    + " be reached (" + e + "); stored secrets cannot be read until it can", e);
        }
        if (encoded == null) {
            throw new UnreadableSecretException("The key to the stored secrets is in the desktop keyring ("
                    + (keyring == null ? "switched off" : "entry " + account + " missing") + "); stored secrets"
                    + " cannot be read. Removing " + marker() + " makes a new key: the secrets must then be entered again");
        }
        return decode(encoded, "the desktop keyring entry " + account);
    }

    private String readMarker() {
        try {
            return Files.readString(marker(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + marker(), e);
        }
    }

    private void deleteQuietly(String account) {
        try {
            timed(() -> { keyring.delete(account); return null; });
        } catch (Exception | LinkageError e) {
            log.debug("Could not remove the unused keyring entry {}: {}", account, e.toString());
        }
    }

    private static SecretKey decode(String encoded, String where) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new UnreadableSecretException("The key in " + where + " is damaged (not base64)");
        }
        if (raw.length != FileSecretKeySource.KEY_BYTES) {
            throw new UnreadableSecretException("The key in " + where + " is damaged (" + raw.length + " bytes)");
        }
        SecretKey k = new SecretKeySpec(raw, "AES");
        Arrays.fill(raw, (byte) 0);
        return k;
    }

    /** A keyring may wait for a locked collection to be unlocked: bounded, on a thread that may be left behind. */
    private static <T> T timed(Callable<T> call) throws Exception {
        FutureTask<T> task = new FutureTask<>(call);
        Thread t = new Thread(task, "tandem-keyring");
        t.setDaemon(true);
        t.start();
        try {
            return task.get(KEYRING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new TimeoutException("the desktop keyring did not answer within " + KEYRING_TIMEOUT.toSeconds() + " s");
        }
    }

    /** The desktop's keyring through java-keyring; every call opens and closes it, which is rare (once per start). */
    public static Keyring desktop() {
        return new Keyring() {
            @Override public String get(String account) throws Exception {
                try (com.github.javakeyring.Keyring k = com.github.javakeyring.Keyring.create()) {
                    try {
                        return k.getPassword(SERVICE, account);
                    } catch (com.github.javakeyring.PasswordAccessException missing) {
                        return null; // the backends report a missing entry this way
                    }
                }
            }

            @Override public void put(String account, String value) throws Exception {
                try (com.github.javakeyring.Keyring k = com.github.javakeyring.Keyring.create()) {
                    k.setPassword(SERVICE, account, value);
                }
            }

            @Override public void delete(String account) throws Exception {
                try (com.github.javakeyring.Keyring k = com.github.javakeyring.Keyring.create()) {
                    k.deletePassword(SERVICE, account);
                }
            }
        };
    }
}
