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
 * Encrypts secrets (Control Agent passwords, later SSH keys and shared secrets) with AES-256-GCM before they are
 * stored. A stored value is {@code v1:} followed by base64 of a random 12-byte IV and the ciphertext with its tag,
 * so a later scheme can be told apart and old values still read.
 */
public final class SecretCipher {
    public static final String PREFIX = "v1:";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySource keys;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(SecretKeySource keys) {
        this.keys = keys;
    }

    /** A cipher whose key is {@code secret.key} in the data folder. */
    public static SecretCipher inDirectory(Path dataDir) {
        return new SecretCipher(FileSecretKeySource.inDirectory(dataDir));
    }

    /** Null stays null, so "no password" needs no key. */
    public String encrypt(String secret) {
        if (secret == null) return null;
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, keys.key(), new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed);
            return PREFIX + Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    /**
     * @throws UnreadableSecretException when the value was not made by this scheme or not with this key
     */
    public String decrypt(String stored) {
        if (stored == null) return null;
        if (!stored.startsWith(PREFIX)) throw new UnreadableSecretException("Unknown secret format");
        byte[] all;
        try {
            all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new UnreadableSecretException("Damaged secret (not base64)");
        }
        if (all.length < IV_BYTES + TAG_BITS / 8) throw new UnreadableSecretException("Damaged secret (too short)");
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, keys.key(), new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            byte[] plain = cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new UnreadableSecretException("The secret was encrypted with another key or was altered", e);
        } catch (GeneralSecurityException e) {
            throw new UnreadableSecretException("The secret cannot be decrypted: " + e.getClass().getSimpleName(), e);
        }
    }

    public static boolean isEncrypted(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }
}
