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
    @TempDir Path dir;

    @Test void roundTripsWithVersionPrefix() {
        SecretCipher cipher = SecretCipher.inDirectory(dir);
        String stored = cipher.encrypt("s3cr3t-päss");
        assertTrue(stored.startsWith("v1:"), stored);
        assertFalse(stored.contains("s3cr3t"));
        assertEquals("s3cr3t-päss", cipher.decrypt(stored));
        assertEquals("", cipher.decrypt(cipher.encrypt("")));
        assertTrue(SecretCipher.isEncrypted(stored));
    }

    @Test void everyValueHasItsOwnTwelveByteIv() {
        SecretCipher cipher = SecretCipher.inDirectory(dir);
        String a = cipher.encrypt("same");
        String b = cipher.encrypt("same");
        assertNotEquals(a, b);
        byte[] rawA = Base64.getDecoder().decode(a.substring(3));
        byte[] rawB = Base64.getDecoder().decode(b.substring(3));
        assertEquals(12 + "same".length() + 16, rawA.length); // IV + ciphertext + GCM tag
        assertFalse(java.util.Arrays.equals(java.util.Arrays.copyOf(rawA, 12), java.util.Arrays.copyOf(rawB, 12)));
    }

    @Test void nullNeedsNoKey() {
        SecretCipher cipher = SecretCipher.inDirectory(dir);
        assertNull(cipher.encrypt(null));
        assertNull(cipher.decrypt(null));
        assertFalse(Files.exists(dir.resolve("secret.key")), "the key is made on first use only");
    }

    @Test void keyFileIsCreatedOnFirstUseAndReused() throws Exception {
        String stored = SecretCipher.inDirectory(dir).encrypt("pw");
        Path key = dir.resolve("secret.key");
        assertTrue(Files.exists(key));
        byte[] raw = Base64.getDecoder().decode(Files.readString(key).strip());
        assertEquals(32, raw.length);
        assertEquals("pw", SecretCipher.inDirectory(dir).decrypt(stored), "a new instance reads the same key");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(key), files.toList(), "no temporary files are left");
        }
    }

    @Test void keyFileIsOwnerOnly() throws Exception {
        Assumptions.assumeTrue(OwnerOnlyFiles.posix(dir), "POSIX permissions only");
        SecretCipher.inDirectory(dir).encrypt("pw");
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("secret.key"))));
    }

    @Test void anotherKeyCannotRead() {
        String stored = SecretCipher.inDirectory(dir.resolve("a")).encrypt("top-secret-value");
        SecretCipher other = SecretCipher.inDirectory(dir.resolve("b"));
        UnreadableSecretException e = assertThrows(UnreadableSecretException.class, () -> other.decrypt(stored));
        assertFalse(String.valueOf(e.getMessage()).contains("top-secret-value"));
    }

    @Test void alteredValuesAreRefused() {
        SecretCipher cipher = SecretCipher.inDirectory(dir);
        String stored = cipher.encrypt("pw");
        byte[] raw = Base64.getDecoder().decode(stored.substring(3));
        raw[raw.length - 1] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);
        assertThrows(UnreadableSecretException.class, () -> cipher.decrypt(tampered));
        assertThrows(UnreadableSecretException.class, () -> cipher.decrypt("pw"));
        assertThrows(UnreadableSecretException.class, () -> cipher.decrypt("v1:###"));
        assertThrows(UnreadableSecretException.class, () -> cipher.decrypt("v1:AAAA"));
    }

    @Test void damagedKeyFileIsNotReplaced() throws Exception {
        Path key = dir.resolve("secret.key");
        Files.writeString(key, "not a key");
        SecretCipher cipher = SecretCipher.inDirectory(dir);
        assertThrows(IllegalStateException.class, () -> cipher.encrypt("pw"));
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
