package tandem.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts secrets (Control Agent and SSH passwords, proxy credentials, dhcpd.conf key secrets in the journal,
 * configuration snapshots) with AES-256-GCM before they are stored.
 *
 * <p>A stored value is {@code v2:} followed by base64 of a random 12-byte IV and the ciphertext with its tag. Each
 * value is bound to where it is stored: a {@link #binding} naming the table, column and row is the GCM associated
 * data, so a value copied into another row, or into another column, no longer decrypts. Values of the older,
 * unbound {@code v1:} scheme are read only by {@link #decryptUnbound}, to re-encrypt them once.
 */
public final class SecretCipher {
    public static final String PREFIX = "v2:";
    /** The scheme before values were bound to their rows. */
    public static final String UNBOUND_PREFIX = "v1:";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySource keys;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(SecretKeySource keys) {
        this.keys = keys;
    }

    /** A cipher whose key is {@code secret.key} in the data folder, whatever the desktop offers. */
    public static SecretCipher inDirectory(Path dataDir) {
        return new SecretCipher(FileSecretKeySource.inDirectory(dataDir));
    }

    /** The cipher of a data folder: its key in the desktop keyring where there is one, else in the folder. */
    public static SecretCipher forDataFolder(Path dataDir) {
        return new SecretCipher(KeyringSecretKeySource.forDataFolder(dataDir));
    }

    /**
     * What a value is bound to: {@code table.column} and the values that identify its row (and, where a secret must
     * only go to one place, that place too). Parts are length-prefixed so no two different lists read alike.
     */
    public static String binding(String table, String column, String... row) {
        StringBuilder b = new StringBuilder("tandem/").append(table).append('.').append(column);
        for (String part : row) {
            String p = part == null ? "" : part;
            b.append('/').append(p.length()).append(':').append(p);
        }
        return b.toString();
    }

    /** Null stays null, so "no password" needs no key. */
    public String encrypt(String secret, String binding) {
        if (secret == null) return null;
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, keys.key(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(binding.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed);
            return PREFIX + Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    /**
     * @throws UnreadableSecretException when the value was not made by this scheme, not with this key, or for
     *                                   another place than {@code binding}
     */
    public String decrypt(String stored, String binding) {
        if (stored == null) return null;
        if (stored.startsWith(UNBOUND_PREFIX)) {
            throw new UnreadableSecretException("The secret is of the unbound v1 scheme where a bound one is expected");
        }
        if (!stored.startsWith(PREFIX)) throw new UnreadableSecretException("Unknown secret format");
        return open(stored.substring(PREFIX.length()), binding);
    }

    /** A value of the unbound {@code v1:} scheme, read once to encrypt it again bound to its row. */
    public String decryptUnbound(String stored) {
        if (stored == null) return null;
        if (!stored.startsWith(UNBOUND_PREFIX)) throw new UnreadableSecretException("Not a v1 secret");
        return open(stored.substring(UNBOUND_PREFIX.length()), null);
    }

    private String open(String base64, String binding) {
        byte[] all;
        try {
            all = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new UnreadableSecretException("Damaged secret (not base64)");
        }
        if (all.length < IV_BYTES + TAG_BITS / 8) throw new UnreadableSecretException("Damaged secret (too short)");
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, keys.key(), new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            if (binding != null) cipher.updateAAD(binding.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new UnreadableSecretException("The secret was encrypted with another key, for another place,"
                    + " or was altered", e);
        } catch (GeneralSecurityException e) {
            throw new UnreadableSecretException("The secret cannot be decrypted: " + e.getClass().getSimpleName(), e);
        }
    }

    public static boolean isEncrypted(String stored) {
        return stored != null && (stored.startsWith(PREFIX) || stored.startsWith(UNBOUND_PREFIX));
    }

    public static boolean isUnbound(String stored) {
        return stored != null && stored.startsWith(UNBOUND_PREFIX);
    }
}
