package tandem.store;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.HaMode;
import tandem.core.HaParameters;
import tandem.core.PeerDefinition;
import tandem.core.PeerRole;
import tandem.core.Relationship;
import tandem.core.ServerRecord;
import tandem.core.ServiceType;
import tandem.core.port.InventoryStore;

/**
 * Servers and their relationships in the local database. Passwords and proxy credentials are stored encrypted, each
 * bound to its server and to where it is sent (the URL, the proxy): a value copied into another row, or left behind
 * when the URL is changed in the database, no longer decrypts.
 */
public final class JdbcInventoryStore implements InventoryStore {
    private static final Logger log = LoggerFactory.getLogger(JdbcInventoryStore.class);

    private static final List<String> SERVER_COLUMN_LIST = List.of("name", "backend", "url", "proxy", "username",
            "password_enc", "trust_anchor_pem", "added_at", "allow_plain_http_peers", "proxy_auth_enc", "legacy_secrets");
    /** Read with the rest; written apart, so a server added again without a site keeps the one it had. */
    private static final String SERVER_COLUMNS = String.join(", ", SERVER_COLUMN_LIST) + ", site";

    private final Database db;
    private final SecretCipher cipher;

    public JdbcInventoryStore(Database db, SecretCipher cipher) {
        this.db = Objects.requireNonNull(db, "db");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        upgradeLegacySecrets();
    }

    /**
     * Saves the server and makes {@code relationships} its whole set, in their order: relationships it no longer
     * has go (with their last-known state), the others keep their state.
     *
     * @throws IllegalArgumentException when a relationship names another server
     * @throws StoreException           when the database refuses (e.g. a relationship name another server already
     *                                  has, or two peers of one relationship with one name); nothing is changed then
     */
    @Override public void saveServer(ServerRecord server, List<Relationship> relationships) {
        Objects.requireNonNull(server, "server");
        List<Relationship> rels = List.copyOf(relationships);
        for (Relationship r : rels) {
            if (!r.serverName().equals(server.name())) {
                throw new IllegalArgumentException("Relationship " + r.name() + " belongs to server "
                        + r.serverName() + ", not " + server.name());
            }
        }
        ConnectionSettings conn = server.connection();
        String url = text(conn.url());
        String proxy = text(withoutUserInfo(conn.proxy()));
        String proxyAuth = conn.proxy() == null ? null : conn.proxy().getRawUserInfo();
        // Encrypted once, outside the transaction, so a retried transaction writes the same value.
        String passwordEnc = cipher.encrypt(conn.password(), passwordBinding(server.name(), url));
        String proxyAuthEnc = cipher.encrypt(proxyAuth, proxyBinding(server.name(), proxy));
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(db.dialect().upsert("server", List.of("name"),
                    SERVER_COLUMN_LIST, "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE)"))) {
                ps.setString(1, server.name());
                ps.setString(2, server.backend().wire());
                ps.setString(3, url);
                ps.setString(4, proxy);
                ps.setString(5, conn.username());
                ps.setString(6, passwordEnc);
                ps.setString(7, conn.trustAnchorPem());
                ps.setObject(8, Database.toDb(server.addedAt()));
                ps.setBoolean(9, conn.allowPlainHttpPeers());
                ps.setString(10, proxyAuthEnc);
                ps.executeUpdate();
            }
            if (server.site() != null) writeSite(c, server.name(), server.site());
            replaceRelationships(c, server.name(), rels);
            return null;
        });
    }

    @Override public boolean setSite(String serverName, String site) {
        String normal = ServerRecord.normalSite(site);
        return db.transaction(c -> writeSite(c, serverName, normal));
    }

    private static boolean writeSite(Connection c, String serverName, String site) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE server SET site = ? WHERE name = ?")) {
            ps.setString(1, site);
            ps.setString(2, serverName);
            return ps.executeUpdate() == 1;
        }
    }

    private static void replaceRelationships(Connection c, String serverName, List<Relationship> rels)
            throws SQLException {
        Set<String> keep = new HashSet<>();
        for (Relationship r : rels) keep.add(r.name());
        List<String> existing = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name FROM relationship WHERE server_name = ?")) {
            ps.setString(1, serverName);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) existing.add(rs.getString(1));
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM relationship WHERE name = ?")) {
            for (String name : existing) {
                if (keep.contains(name)) continue;
                ps.setString(1, name);
                ps.executeUpdate();
            }
        }
        // Updated in place rather than deleted and inserted, so the cascade does not take the last-known state.
        try (PreparedStatement update = c.prepareStatement("UPDATE relationship SET backend = ?, mode = ?,"
                + " shared_config = ?, heartbeat_delay_ms = ?, max_response_delay_ms = ?, max_ack_delay_ms = ?,"
                + " max_unacked_clients = ?, ord = ?, service = ? WHERE name = ? AND server_name = ?");
             PreparedStatement insert = c.prepareStatement("INSERT INTO relationship (backend, mode, shared_config,"
                + " heartbeat_delay_ms, max_response_delay_ms, max_ack_delay_ms, max_unacked_clients, ord, service,"
                + " name, server_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement deletePeers = c.prepareStatement("DELETE FROM peer WHERE relationship_name = ?");
             PreparedStatement insertPeer = c.prepareStatement("INSERT INTO peer (relationship_name, ord, name,"
                + " role, url, auto_failover) VALUES (?, ?, ?, ?, ?, ?)")) {
            int ord = 0;
            for (Relationship r : rels) {
                bindRelationship(update, r, ord, serverName);
                if (update.executeUpdate() == 0) {
                    bindRelationship(insert, r, ord, serverName);
                    insert.executeUpdate(); // a name another server holds fails here, and so does the whole save
                }
                deletePeers.setString(1, r.name());
                deletePeers.executeUpdate();
                int peerOrd = 0;
                for (PeerDefinition p : r.peers()) {
                    insertPeer.setString(1, r.name());
                    insertPeer.setInt(2, peerOrd++);
                    insertPeer.setString(3, p.name());
                    insertPeer.setString(4, p.role().wire());
                    insertPeer.setString(5, p.url().toString());
                    insertPeer.setBoolean(6, p.autoFailover());
                    insertPeer.executeUpdate();
                }
                ord++;
            }
        }
    }

    private static void bindRelationship(PreparedStatement ps, Relationship r, int ord, String serverName)
            throws SQLException {
        HaParameters hp = r.parameters();
        ps.setString(1, r.backend().wire());
        ps.setString(2, r.mode().wire());
        ps.setBoolean(3, r.sharedConfig());
        setLong(ps, 4, hp.heartbeatDelayMs());
        setLong(ps, 5, hp.maxResponseDelayMs());
        setLong(ps, 6, hp.maxAckDelayMs());
        setLong(ps, 7, hp.maxUnackedClients());
        ps.setInt(8, ord);
        ps.setString(9, r.service().wire());
        ps.setString(10, r.name());
        ps.setString(11, serverName);
    }

    @Override public boolean removeServer(String name) {
        if (name == null) return false;
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM server WHERE name = ?")) {
                ps.setString(1, name);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** Ordered by name. */
    @Override public List<ServerRecord> servers() {
        List<ServerRow> rows = db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SERVER_COLUMNS + " FROM server ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                List<ServerRow> out = new ArrayList<>();
                while (rs.next()) out.add(ServerRow.of(rs));
                return out;
            }
        });
        List<ServerRecord> out = new ArrayList<>(rows.size());
        for (ServerRow row : rows) out.add(toRecord(row));
        return out;
    }

    @Override public Optional<ServerRecord> server(String name) {
        if (name == null) return Optional.empty();
        Optional<ServerRow> row = db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SERVER_COLUMNS + " FROM server WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(ServerRow.of(rs)) : Optional.<ServerRow>empty();
                }
            }
        });
        return row.map(this::toRecord);
    }

    /** The counts of servers, relationships and peers, and the newest server's addition: one indexed query. */
    @Override public String fingerprint() {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT COUNT(*) FROM server),"
                    + " (SELECT COUNT(*) FROM relationship), (SELECT COUNT(*) FROM peer), (SELECT MAX(added_at) FROM server)");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) + "/" + rs.getLong(2) + "/" + rs.getLong(3) + "/" + rs.getString(4);
            }
        });
    }

    /** Ordered by server name, then as each server's configuration lists them. */
    @Override public List<Relationship> relationships() {
        return List.copyOf(db.transaction(JdbcInventoryStore::loadRelationships).values());
    }

    /** Every relationship with its peers, keyed by name, ordered by server name and then {@code ord}. */
    static Map<String, Relationship> loadRelationships(Connection c) throws SQLException {
        return loadRelationships(c, null);
    }

    /** @param only the relationships to load, or null for all of them */
    static Map<String, Relationship> loadRelationships(Connection c, java.util.Set<String> only) throws SQLException {
        List<String> names = only == null ? List.of() : List.copyOf(only);
        String in = only == null ? "" : " IN (" + String.join(", ", java.util.Collections.nCopies(names.size(), "?")) + ")";
        Map<String, List<PeerDefinition>> peers = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT relationship_name, name, role, url, auto_failover"
                + " FROM peer" + (only == null ? "" : " WHERE relationship_name" + in) + " ORDER BY relationship_name, ord")) {
            for (int i = 0; i < names.size(); i++) ps.setString(i + 1, names.get(i));
            ResultSet rs = ps.executeQuery();
            while (rs.next()) {
                peers.computeIfAbsent(rs.getString("relationship_name"), k -> new ArrayList<>())
                        .add(new PeerDefinition(rs.getString("name"), PeerRole.fromWire(rs.getString("role")),
                                URI.create(rs.getString("url")), rs.getBoolean("auto_failover")));
            }
        }
        Map<String, Relationship> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, server_name, backend, mode, shared_config,"
                + " heartbeat_delay_ms, max_response_delay_ms, max_ack_delay_ms, max_unacked_clients, service"
                + " FROM relationship" + (only == null ? "" : " WHERE name" + in) + " ORDER BY server_name, ord, name")) {
            for (int i = 0; i < names.size(); i++) ps.setString(i + 1, names.get(i));
            ResultSet rs = ps.executeQuery();
            while (rs.next()) {
                String name = rs.getString("name");
                HaParameters params = new HaParameters(getLong(rs, "heartbeat_delay_ms"),
                        getLong(rs, "max_response_delay_ms"), getLong(rs, "max_ack_delay_ms"),
                        getLong(rs, "max_unacked_clients"));
                out.put(name, new Relationship(name, rs.getString("server_name"),
                        Backend.fromWire(rs.getString("backend")), HaMode.fromWire(rs.getString("mode")),
                        peers.getOrDefault(name, List.of()), rs.getBoolean("shared_config"), params,
                        ServiceType.fromWire(rs.getString("service"))));
            }
        }
        return out;
    }

    private ServerRecord toRecord(ServerRow row) {
        String password = secret(row, "password", row.passwordEnc, passwordBinding(row.name, row.url));
        URI proxy = uri(row.proxy);
        String proxyAuth = secret(row, "proxy credentials", row.proxyAuthEnc, proxyBinding(row.name, row.proxy));
        if (proxy != null && proxyAuth != null) proxy = withUserInfo(proxy, proxyAuth);
        ConnectionSettings conn = new ConnectionSettings(uri(row.url), proxy, row.username, password,
                row.trustAnchorPem, row.allowPlainHttpPeers);
        return new ServerRecord(row.name, Backend.fromWire(row.backend), conn, row.addedAt, row.site);
    }

    private String secret(ServerRow row, String what, String stored, String binding) {
        if (stored == null) return null;
        try {
            return cipher.decrypt(stored, binding);
        } catch (RuntimeException e) {
            // the database was copied without its key, the key is unreachable, or the value was moved or altered
            log.warn("The stored {} of server {} cannot be decrypted ({}); it must be entered again", what, row.name,
                    e.getMessage());
            return null;
        }
    }

    static String passwordBinding(String server, String url) {
        return SecretCipher.binding("server", "password_enc", server, url);
    }

    static String proxyBinding(String server, String proxyWithoutUserInfo) {
        return SecretCipher.binding("server", "proxy_auth_enc", server, proxyWithoutUserInfo);
    }

    /**
     * Encrypts again, bound to their rows, the secrets an earlier version stored (see V7__bound_secrets.sql). A row
     * whose value cannot be read keeps its mark and is tried again at the next open; a failure never stops the open.
     */
    private void upgradeLegacySecrets() {
        try {
            int upgraded = db.transaction(c -> {
                List<ServerRow> legacy = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT " + SERVER_COLUMNS + " FROM server"
                        + " WHERE legacy_secrets");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) legacy.add(ServerRow.of(rs));
                }
                int n = 0;
                try (PreparedStatement ps = c.prepareStatement("UPDATE server SET password_enc = ?, proxy = ?,"
                        + " proxy_auth_enc = ?, legacy_secrets = FALSE WHERE name = ? AND legacy_secrets")) {
                    for (ServerRow row : legacy) {
                        String password;
                        try {
                            password = SecretCipher.isUnbound(row.passwordEnc) ? cipher.decryptUnbound(row.passwordEnc)
                                    : cipher.decrypt(row.passwordEnc, passwordBinding(row.name, row.url));
                        } catch (UnreadableSecretException e) {
                            log.warn("The stored password of server {} cannot be decrypted ({}); left as it is",
                                    row.name, e.getMessage());
                            continue;
                        }
                        URI proxy = uri(row.proxy);
                        String proxyText = text(withoutUserInfo(proxy));
                        ps.setString(1, cipher.encrypt(password, passwordBinding(row.name, row.url)));
                        ps.setString(2, proxyText);
                        ps.setString(3, cipher.encrypt(proxy == null ? null : proxy.getRawUserInfo(),
                                proxyBinding(row.name, proxyText)));
                        ps.setString(4, row.name);
                        n += ps.executeUpdate();
                    }
                }
                return n;
            });
            if (upgraded > 0) log.info("Encrypted the secrets of {} server(s) again, each bound to its server", upgraded);
        } catch (RuntimeException e) {
            log.warn("The stored secrets could not be encrypted again yet: {}", e.getMessage());
        }
    }

    /** The URI without its user information (which the store keeps encrypted), or null. */
    static URI withoutUserInfo(URI uri) {
        if (uri == null || uri.getRawUserInfo() == null) return uri;
        String s = uri.toString();
        int at = s.indexOf("://");
        if (at < 0) return uri;
        return URI.create(s.substring(0, at + 3) + s.substring(at + 3 + uri.getRawUserInfo().length() + 1));
    }

    static URI withUserInfo(URI uri, String rawUserInfo) {
        String s = uri.toString();
        int at = s.indexOf("://");
        if (at < 0 || uri.getRawUserInfo() != null) return uri;
        return URI.create(s.substring(0, at + 3) + rawUserInfo + "@" + s.substring(at + 3));
    }

    /** A server row as stored, secrets still encrypted; decrypted after the transaction. */
    private record ServerRow(String name, String backend, String url, String proxy, String username,
                             String passwordEnc, String trustAnchorPem, java.time.Instant addedAt,
                             boolean allowPlainHttpPeers, String proxyAuthEnc, String site) {
        static ServerRow of(ResultSet rs) throws SQLException {
            return new ServerRow(rs.getString("name"), rs.getString("backend"), rs.getString("url"),
                    rs.getString("proxy"), rs.getString("username"), rs.getString("password_enc"),
                    rs.getString("trust_anchor_pem"), Database.instant(rs, "added_at"),
                    rs.getBoolean("allow_plain_http_peers"), rs.getString("proxy_auth_enc"), rs.getString("site"));
        }

        @Override public String toString() { return "ServerRow[" + name + "]"; }
    }

    private static String text(URI uri) { return uri == null ? null : uri.toString(); }

    private static URI uri(String s) { return s == null ? null : URI.create(s); }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) ps.setNull(index, Types.BIGINT);
        else ps.setLong(index, value);
    }

    private static Long getLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
