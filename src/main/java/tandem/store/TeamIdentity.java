package tandem.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * This desktop's key pair for team stores: a team's key reaches a member sealed with the member's public key, and
 * only the desktop holding the private key opens it. The private key is kept in the data folder sealed with the
 * desktop's own secret key (keyring or {@code secret.key}), never in clear.
 */
public final class TeamIdentity {
    public static final String FILE_NAME = "team-identity";
    private static final String KEY_ALGORITHM = "RSA";
    private static final int KEY_BITS = 3072;
    private static final String WRAP = "RSA/ECB/OAEPPadding";
    private static final OAEPParameterSpec OAEP = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
            PSource.PSpecified.DEFAULT);

    private final PublicKey publicKey;
    private final PrivateKey privateKey;

    private TeamIdentity(PublicKey publicKey, PrivateKey privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    /** The data folder's identity, made on first use. */
    public static synchronized TeamIdentity ofDataFolder(Path dataDir, SecretCipher desktop) {
        Path file = dataDir.toAbsolutePath().resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) create(file, desktop);
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            if (lines.size() < 2) throw new IllegalStateException("The team identity file " + file + " is damaged");
            PublicKey pub = publicKey(lines.get(0).strip());
            byte[] pkcs8 = Base64.getDecoder().decode(desktop.decrypt(lines.get(1).strip(), binding(pub)));
            PrivateKey priv = KeyFactory.getInstance(KEY_ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new TeamIdentity(pub, priv);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the team identity " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The team identity file " + file + " is damaged", e);
        }
    }

    private static void create(Path file, SecretCipher desktop) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(KEY_ALGORITHM);
        generator.initialize(KEY_BITS);
        KeyPair pair = generator.generateKeyPair();
        String sealed = desktop.encrypt(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
                binding(pair.getPublic()));
        String text = encode(pair.getPublic()) + "\n" + sealed + "\n";
        OwnerOnlyFiles.createOnce(file, text.getBytes(StandardCharsets.US_ASCII), ".team-identity-");
    }

    private static String binding(PublicKey pub) {
        return SecretCipher.binding("team-identity", "private_key", fingerprint(pub));
    }

    /** The public key as stored in the team store: base64 of its X.509 encoding. */
    public String publicKeyText() { return encode(publicKey); }

    /** A short name of the public key (hex of the first 16 bytes of its SHA-256). */
    public String fingerprint() { return fingerprint(publicKey); }

    static String encode(PublicKey pub) { return Base64.getEncoder().encodeToString(pub.getEncoded()); }

    static PublicKey publicKey(String text) throws GeneralSecurityException {
        return KeyFactory.getInstance(KEY_ALGORITHM).generatePublic(new X509EncodedKeySpec(
                Base64.getDecoder().decode(text)));
    }

    static String fingerprint(PublicKey pub) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(pub.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Seals an AES key for the holder of {@code publicKeyText}. */
    static String wrap(SecretKey key, String publicKeyText) {
        try {
            Cipher c = Cipher.getInstance(WRAP);
            c.init(Cipher.WRAP_MODE, publicKey(publicKeyText), OAEP);
            return Base64.getEncoder().encodeToString(c.wrap(key));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot seal the team key for a published public key: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /** Opens an AES key sealed for this identity. */
    SecretKey unwrap(String wrapped) {
        try {
            Cipher c = Cipher.getInstance(WRAP);
            c.init(Cipher.UNWRAP_MODE, privateKey, OAEP);
            SecretKey k = (SecretKey) c.unwrap(Base64.getDecoder().decode(wrapped), "AES", Cipher.SECRET_KEY);
            return new SecretKeySpec(k.getEncoded(), "AES");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new UnreadableSecretException("The team key shared with this desktop cannot be opened with its"
                    + " private key (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    @Override public String toString() { return "TeamIdentity[" + fingerprint() + "]"; }
}
