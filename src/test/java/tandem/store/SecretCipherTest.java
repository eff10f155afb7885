package tandem.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {
    private static final String ROW = SecretCipher.binding("server", "password_enc", "kea-a", "http://10.0.0.1:8000/");

    @TempDir Path dir;

    @Test void aValueCopiedToAnotherRowOrColumnDoesNotDecrypt() {
        SecretCipher cipher = SecretCipher.inDirectory(dir);
        String a = cipher.encrypt("password-of-a", ROW);
        String otherRow = SecretCipher.binding("server", "password_enc", "kea-b", "http://10.0.0.1:8000/");
        String otherUrl = SecretCipher.binding("server", "password_enc", "kea-a", "http://evil.example:8000/");
        String otherColumn = SecretCipher.binding("server", "proxy_auth_enc", "kea-a", "http://10.0.0.1:8000/");
        for (String elsewhere : List.of(otherRow, otherUrl, otherColumn)) {
            UnreadableSecretException e = assertThrows(UnreadableSecretException.class, () -> cipher.decrypt(a, elsewhere));
            assertFalse(e.getMessage().contains("password-of-a"));
        }
        assertEquals("password-of-a", cipher.decrypt(a, ROW));
        // the parts are length-prefixed: moving a separator does not make another row read alike
        assertNotEquals(SecretCipher.binding("t", "c", "a/1:b"), SecretCipher.binding("t", "c", "a", "b"));
    }

    @Test void unboundValuesOfTheEarlierSchemeAreReadOnlyToBeEncryptedAgain() throws Exception {
        SecretCipher cipher = SecretCipher.inDirectory(dir);
        String v1 = legacyV1(FileSecretKeySource.inDirectory(dir).key(), "old-pw");
        assertThrows(UnreadableSecretException.class, () -> cipher.decrypt(v1, ROW));
        assertEquals("old-pw", cipher.decryptUnbound(v1));
        assertTrue(SecretCipher.isUnbound(v1));
    }

    /** What the earlier version stored: "v1:" + base64(IV + AES-GCM without associated data). */
    static String legacyV1(javax.crypto.SecretKey key, String secret) throws Exception {
        byte[] iv = new byte[12];
        new java.security.SecureRandom().nextBytes(iv);
        javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        c.init(javax.crypto.Cipher.ENCRYPT_MODE, key, new javax.crypto.spec.GCMParameterSpec(128, iv));
        byte[] sealed = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
        byte[] all = java.nio.ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
        return "v1:" + Base64.getEncoder().encodeToString(all);
    }

    @Test void roundTripsWithVersionPrefix() {
        SecretCipher cipher = SecretCipher.inDirectory(dir);
        String stored = cipher.encrypt("s3cr3t-päss", ROW);
        assertTrue(stored.startsWith("v2:"), stored);
        assertFalse(stored.contains("s3cr3t"));
        assertEquals("s3cr3t-päss", cipher.decrypt(stored, ROW));
        assertEquals("", cipher.decrypt(cipher.encrypt("", ROW), ROW));
        assertTrue(SecretCipher.isEncrypted(stored));
    }

    @Test void everyValueHasItsOwnTwelveByteIv() {
        SecretCipher cipher = SecretCipher.inDirectory(dir);
        String a = cipher.encrypt("same", ROW);
        String b = cipher.encrypt("same", ROW);
        assertNotEquals(a, b);
        byte[] rawA = Base64.getDecoder().decode(a.substring(3));
        byte[] rawB = Base64.getDecoder().decode(b.substring(3));
        assertEquals(12 + "same".length() + 16, rawA.length); // IV + ciphertext + GCM tag
        assertFalse(java.util.Arrays.equals(java.util.Arrays.copyOf(rawA, 12), java.util.Arrays.copyOf(rawB, 12)));
    }

    @Test void nullNeedsNoKey() {
        SecretCipher cipher = SecretCipher.inDirectory(dir);
        assertNull(cipher.encrypt(null, ROW));
        assertNull(cipher.decrypt(null, ROW));
        assertFalse(Files.exists(dir.resolve("secret.key")), "the key is made on first use only");
    }

    @Test void keyFileIsCreatedOnFirstUseAndReused() throws Exception {
        String stored = SecretCipher.inDirectory(dir).encrypt("pw", ROW);
        Path key = dir.resolve("secret.key");
        assertTrue(Files.exists(key));
        byte[] raw = Base64.getDecoder().decode(Files.readString(key).strip());
        assertEquals(32, raw.length);
        assertEquals("pw", SecretCipher.inDirectory(dir).decrypt(stored, ROW), "a new instance reads the same key");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(key), files.toList(), "no temporary files are left");
        }
    }

    @Test void keyFileIsOwnerOnly() throws Exception {
        Assumptions.assumeTrue(OwnerOnlyFiles.posix(dir), "POSIX permissions only");
        SecretCipher.inDirectory(dir).encrypt("pw", ROW);
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("secret.key"))));
    }

    @Test void anotherKeyCannotRead() {
        String stored = SecretCipher.inDirectory(dir.resolve("a")).encrypt("top-secret-value", ROW);
        SecretCipher other = SecretCipher.inDirectory(dir.resolve("b"));
        UnreadableSecretException e = assertThrows(UnreadableSecretException.class, () -> other.decrypt(stored, ROW));
        assertFalse(String.valueOf(e.getMessage()).contains("top-secret-value"));
    }

    @Test void alteredValuesAreRefused() {
        SecretCipher cipher = SecretCipher.inDirectory(dir);
        String stored = cipher.encrypt("pw", ROW);
        byte[] raw = Base64.getDecoder().decode(stored.substring(3));
        raw[raw.length - 1] ^= 1;
        String tampered = "v2:" + Base64.getEncoder().encodeToString(raw);
        assertThrows(UnreadableSecretException.class, () -> cipher.decrypt(tampered, ROW));
        assertThrows(UnreadableSecretException.class, () -> cipher.decrypt("pw", ROW));
        assertThrows(UnreadableSecretException.class, () -> cipher.decrypt("v2:###", ROW));
        assertThrows(UnreadableSecretException.class, () -> cipher.decrypt("v2:AAAA", ROW));
    }

    @Test void damagedKeyFileIsNotReplaced() throws Exception {
        Path key = dir.resolve("secret.key");
        Files.writeString(key, "not a key");
        SecretCipher cipher = SecretCipher.inDirectory(dir);
        assertThrows(IllegalStateException.class, () -> cipher.encrypt("pw", ROW));
        assertEquals("not a key", Files.readString(key));
    }

    @Test void concurrentFirstUseAgreesOnOneKey() throws Exception {
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<byte[]>> keys = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                keys.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return FileSecretKeySource.inDirectory(dir).key().getEncoded();
                }));
            }
            start.countDown();
            Set<String> distinct = new HashSet<>();
            byte[] first = null;
            for (Future<byte[]> f : keys) {
                byte[] k = f.get(20, TimeUnit.SECONDS);
                if (first == null) first = k;
                distinct.add(Base64.getEncoder().encodeToString(k));
            }
            assertEquals(1, distinct.size());
            assertArrayEquals(first, Base64.getDecoder().decode(
                    Files.readString(dir.resolve("secret.key"), StandardCharsets.US_ASCII).strip()));
        } finally {
            pool.shutdownNow();
        }
    }
}
