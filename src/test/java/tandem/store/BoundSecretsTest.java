package tandem.store;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import tandem.core.Backend;
import tandem.core.ConfigSnapshot;
import tandem.core.ConnectionSettings;
import tandem.core.ServerRecord;
import tandem.kea.KeaControlAgentClient;
import tandem.kea.KeaEndpoint;
import tandem.kea.KeaReply;

/** Every stored secret is encrypted and bound to its row: copied elsewhere it does not decrypt. */
class BoundSecretsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir Path dir;
    private Database db;
    private SecretCipher cipher;
    private JdbcInventoryStore store;

    @BeforeEach void open() {
        db = Database.open(dir);
        cipher = SecretCipher.inDirectory(dir);
        store = new JdbcInventoryStore(db, cipher);
    }

    @AfterEach void close() {
        if (db != null) db.close();
    }

    private static ServerRecord kea(String name, String url, String proxy, String password) {
        return new ServerRecord(name, Backend.KEA, new ConnectionSettings(URI.create(url),
                proxy == null ? null : URI.create(proxy), "admin", password, null), T0);
    }

    private String column(String sql, Object... args) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    private void update(String sql, Object... args) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
                return ps.executeUpdate();
            }
        });
    }

    @Test void passwordsSwappedBetweenRowsDoNotDecrypt() {
        store.saveServer(kea("kea-a", "http://10.0.0.1:8000/", null, "password-of-a"), List.of());
        store.saveServer(kea("kea-b", "http://10.0.0.1:8000/", null, "password-of-b"), List.of());
        String a = column("SELECT password_enc FROM server WHERE name = 'kea-a'");
        String b = column("SELECT password_enc FROM server WHERE name = 'kea-b'");

        update("UPDATE server SET password_enc = ? WHERE name = 'kea-a'", b);
        update("UPDATE server SET password_enc = ? WHERE name = 'kea-b'", a);

        assertNull(store.server("kea-a").orElseThrow().connection().password(), "b's password is not a's");
        assertNull(store.server("kea-b").orElseThrow().connection().password());
        update("UPDATE server SET password_enc = ? WHERE name = 'kea-a'", a);
        assertEquals("password-of-a", store.server("kea-a").orElseThrow().connection().password());
    }

    @Test void aPasswordDoesNotFollowItsUrlChangedInTheDatabase() {
        store.saveServer(kea("kea-a", "http://10.0.0.1:8000/", null, "password-of-a"), List.of());
        update("UPDATE server SET url = 'http://attacker.example:8000/' WHERE name = 'kea-a'");
        assertNull(store.server("kea-a").orElseThrow().connection().password());
    }

    @Test void proxyCredentialsAreStoredEncryptedAndStillAuthenticateAtTheProxy() throws Exception {
        try (MockWebServer proxy = new MockWebServer(); KeaControlAgentClient client = new KeaControlAgentClient()) {
            proxy.start(java.net.InetAddress.getLoopbackAddress(), 0);
            String proxyUrl = "http://squid:pa%3Ass@127.0.0.1:" + proxy.getPort();
            store.saveServer(kea("kea-a", "http://kea.example.test:8000/", proxyUrl, "pw"), List.of());

            assertEquals("http://127.0.0.1:" + proxy.getPort(), column("SELECT proxy FROM server"));
            String enc = column("SELECT proxy_auth_enc FROM server");
            assertTrue(enc.startsWith(SecretCipher.PREFIX), enc);
            assertFalse(enc.contains("squid"), enc);
            ConnectionSettings loaded = store.server("kea-a").orElseThrow().connection();
            assertEquals(URI.create(proxyUrl), loaded.proxy());
            assertFalse(loaded.toString().contains("pa%3Ass"), loaded.toString());
            assertTrue(loaded.toString().contains("proxy=http://****@127.0.0.1:" + proxy.getPort()), loaded.toString());

            // the credentials moved to another row's proxy column do not open
            store.saveServer(kea("kea-b", "http://kea.example.test:8000/", "http://127.0.0.1:" + proxy.getPort(), null),
                    List.of());
            update("UPDATE server SET proxy_auth_enc = ? WHERE name = 'kea-b'", enc);
            assertEquals(URI.create("http://127.0.0.1:" + proxy.getPort()),
                    store.server("kea-b").orElseThrow().connection().proxy());

            proxy.enqueue(new MockResponse().setResponseCode(407).setHeader("Proxy-Authenticate", "Basic realm=\"p\""));
            proxy.enqueue(new MockResponse().setBody("[{\"result\":0,\"arguments\":{\"pid\":1,\"uptime\":5,\"reload\":5}}]"));
            KeaEndpoint ep = KeaEndpoint.of(loaded.url().toString()).withProxy(loaded.proxy());
            assertInstanceOf(KeaReply.Success.class, client.statusGet(ep));
            assertNull(proxy.takeRequest(1, TimeUnit.SECONDS).getHeader("Proxy-Authorization"));
            assertEquals("Basic " + Base64.getEncoder().encodeToString("squid:pa:ss".getBytes(StandardCharsets.UTF_8)),
                    proxy.takeRequest(1, TimeUnit.SECONDS).getHeader("Proxy-Authorization"));
        }
    }

    @Test void secretsOfAnEarlierVersionAreEncryptedAgainBoundAtTheFirstOpen() throws Exception {
        String v1 = SecretCipherTest.legacyV1(FileSecretKeySource.inDirectory(dir).key(), "old-password");
        update("INSERT INTO server (name, backend, url, proxy, username, password_enc, added_at, legacy_secrets)"
                + " VALUES ('old', 'kea', 'http://10.0.0.9:8000/', 'http://u:p@10.0.0.8:3128', 'admin', ?, ?, TRUE)",
                v1, T0.atOffset(java.time.ZoneOffset.UTC));
        // a v1 value planted in a row this version wrote is not accepted
        store.saveServer(kea("new", "http://10.0.0.7:8000/", null, "pw"), List.of());
        update("UPDATE server SET password_enc = ? WHERE name = 'new'", v1);

        JdbcInventoryStore reopened = new JdbcInventoryStore(db, cipher);

        String enc = column("SELECT password_enc FROM server WHERE name = 'old'");
        assertTrue(enc.startsWith(SecretCipher.PREFIX), enc);
        assertEquals("http://10.0.0.8:3128", column("SELECT proxy FROM server WHERE name = 'old'"));
        assertEquals("FALSE", column("SELECT legacy_secrets FROM server WHERE name = 'old'"));
        ConnectionSettings old = reopened.server("old").orElseThrow().connection();
        assertEquals("old-password", old.password());
        assertEquals(URI.create("http://u:p@10.0.0.8:3128"), old.proxy());
        assertNull(reopened.server("new").orElseThrow().connection().password());
    }

    @Test void snapshotsAreEncryptedAndBoundToTheirRow() {
        JdbcStateStore states = new JdbcStateStore(db, cipher);
        String json = "{\"Dhcp4\":{\"lease-database\":{\"type\":\"mysql\",\"password\":\"lease-db-pw\"}}}";
        states.saveSnapshot(new ConfigSnapshot("rel", "server1", "h1", json, T0));
        states.saveSnapshot(new ConfigSnapshot("rel", "server2", "h2", json.replace("lease-db-pw", "other-pw"), T0));

        String stored = column("SELECT json FROM config_snapshot WHERE peer = 'server1'");
        assertTrue(stored.startsWith(SecretCipher.PREFIX), stored);
        assertFalse(stored.contains("lease-db-pw"));
        assertEquals(json, states.latestSnapshot("rel", "server1").orElseThrow().json());

        update("UPDATE config_snapshot SET json = ? WHERE peer = 'server2'", stored);
        assertTrue(states.latestSnapshot("rel", "server2").isEmpty(), "server1's snapshot does not open as server2's");
    }

    @Test void snapshotsAnEarlierVersionKeptInClearAreEncryptedAtTheFirstOpen() {
        String json = "{\"Dhcp4\":{\"hosts-database\":{\"password\":\"hosts-db-pw\"}}}";
        update("INSERT INTO config_snapshot (relationship, peer, hash, json, taken_at) VALUES ('rel', 's1', 'h', ?, ?)",
                json, T0.atOffset(java.time.ZoneOffset.UTC));

        JdbcStateStore states = new JdbcStateStore(db, cipher);

        assertFalse(column("SELECT json FROM config_snapshot").contains("hosts-db-pw"));
        assertEquals(json, states.latestSnapshot("rel", "s1").orElseThrow().json());
    }
}
