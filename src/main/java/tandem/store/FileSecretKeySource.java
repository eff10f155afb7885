package tandem.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key in a file of the data folder ({@code secret.key}): base64 of 32 random bytes, readable by its owner only.
 * Created on first use; several processes starting together agree on one key because the finished file is linked
 * into place, never overwritten.
 */
public final class FileSecretKeySource implements SecretKeySource {
    public static final String FILE_NAME = "secret.key";
    static final int KEY_BYTES = 32;

    private final Path file;
    private volatile SecretKey key;

    public FileSecretKeySource(Path file) {
        this.file = file.toAbsolutePath();
    }

    public static FileSecretKeySource inDirectory(Path dataDir) {
        return new FileSecretKeySource(dataDir.resolve(FILE_NAME));
    }

    public Path file() { return file; }

    @Override public SecretKey key() {
        SecretKey k = key;
        if (k == null) {
            synchronized (this) {
                k = key;
                if (k == null) {
                    try {
                        if (!Files.exists(file)) create();
                        k = read();
                    } catch (IOException e) {
                        throw new UncheckedIOException("Cannot read or create the secret key " + file, e);
                    }
                    key = k;
                }
            }
        }
        return k;
    }

    private void create() throws IOException {
        Path dir = file.getParent();
        Files.createDirectories(dir);
        byte[] raw = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(raw);
        byte[] text = (Base64.getEncoder().encodeToString(raw) + "\n").getBytes(StandardCharsets.US_ASCII);
        Arrays.fill(raw, (byte) 0);
        OwnerOnlyFiles.createOnce(file, text, ".secret-");
    }

    private SecretKey read() throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The secret key file " + file + " is damaged (not base64)");
        }
        if (raw.length != KEY_BYTES) {
            throw new IllegalStateException("The secret key file " + file + " is damaged (expected "
                    + KEY_BYTES + " bytes, found " + raw.length + ")");
        }
        SecretKey k = new SecretKeySpec(raw, "AES");
        Arrays.fill(raw, (byte) 0);
        return k;
    }
}
