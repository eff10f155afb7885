package tandem.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.Assessment;
import tandem.core.ConfigSnapshot;
import tandem.core.PeerObservation;
import tandem.core.Relationship;
import tandem.core.RelationshipState;
import tandem.core.RelationshipStatus;
import tandem.core.StatusEvent;
import tandem.core.port.StateStore;

/**
 * Last-known states, the status history and configuration snapshots in the local database. A snapshot is a server's
 * whole configuration, with its lease-database password and HA basic-auth password: it is stored encrypted, bound
 * to its row, and opened only when read back (the configuration checks and the outside-change check need it whole).
 */
public final class JdbcStateStore implements StateStore {
    private static final Logger log = LoggerFactory.getLogger(JdbcStateStore.class);

    /** Snapshots kept per relationship and peer; older ones are dropped as new ones arrive. */
    public static final int SNAPSHOTS_KEPT = 20;
    /** Enough for years of status changes of a large inventory, small enough to read at once. */
    public static final int EVENTS_KEPT = 50_000;

    private final Database db;
    private final SecretCipher cipher;

    /** With the data folder's own key (in the desktop keyring or the folder). */
    public JdbcStateStore(Database db) {
        this(db, SecretCipher.forDataFolder(db.directory()));
    }

    public JdbcStateStore(Database db, SecretCipher cipher) {
        this.db = Objects.requireNonNull(db, "db");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        encryptClearSnapshots();
    }

    static String snapshotBinding(long id, String relationship, String peer) {
        return SecretCipher.binding("config_snapshot", "json", Long.toString(id), relationship, peer);
    }

    /** Snapshots an earlier version stored in clear are encrypted at the first open; a failure never stops the open. */
    private void encryptClearSnapshots() {
        try {
            int n = db.transaction(c -> {
                int done = 0;
                try (PreparedStatement select = c.prepareStatement("SELECT id, relationship, peer, json FROM"
                        + " config_snapshot WHERE json NOT LIKE '" + SecretCipher.PREFIX + "%'");
                     PreparedStatement update = c.prepareStatement("UPDATE config_snapshot SET json = ? WHERE id = ?");
                     ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong("id");
                        update.setString(1, cipher.encrypt(rs.getString("json"),
                                snapshotBinding(id, rs.getString("relationship"), rs.getString("peer"))));
                        update.setLong(2, id);
                        done += update.executeUpdate();
                    }
                }
                return done;
            });
            if (n > 0) log.info("Encrypted {} configuration snapshot(s) stored in clear by an earlier version", n);
        } catch (RuntimeException e) {
            log.warn("The configuration snapshots stored in clear could not be encrypted yet: {}", e.getMessage());
        }
    }

    /** A state of a relationship that is no longer in the inventory is dropped: a poll may outlive a removal. */
    @Override public void saveStates(List<RelationshipState> states) {
        if (states.isEmpty()) return;
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(db.dialect().upsert("relationship_state",
                    List.of("relationship_name"), List.of("relationship_name", "status", "source_of_truth", "reasons",
                            "peers", "observed_at"),
                    "SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM relationship WHERE name = ?)"))) {
                for (RelationshipState state : states) {
                    String name = state.relationship().name();
                    Assessment a = state.assessment();
                    ps.setString(1, name);
                    ps.setString(2, a.status().name());
                    ps.setString(3, a.sourceOfTruth());
                    ps.setString(4, StateJson.reasons(a.reasons()));
                    ps.setString(5, StateJson.peers(state.peers()));
                    ps.setObject(6, Database.toDb(state.observedAt()));
                    ps.setString(7, name);
                    if (ps.executeUpdate() == 0) {
                        log.debug("Not saving the state of {}: it is no longer in the inventory", name);
                    }
                }
            }
            // the team's other processes wake up when this commits (TeamStateListener)
            if (db.dialect() == SqlDialect.POSTGRESQL) {
                TeamStateListener.notifyChanged(c, states.stream().map(s -> s.relationship().name()).toList());
            }
            return null;
        });
    }

    /** Each state joined to the relationship as now defined, marked stale, in inventory order. */
    @Override public Map<String, RelationshipState> lastKnown() {
        return lastKnownOf(null);
    }

    /** Only these relationships: what a team's follower reads when the poller names what it wrote. */
    @Override public Map<String, RelationshipState> lastKnown(java.util.Set<String> names) {
        return names.isEmpty() ? Map.of() : lastKnownOf(names);
    }

    @Override public Map<String, RelationshipState> lastKnown(List<Relationship> known) {
        Map<String, Relationship> relationships = new LinkedHashMap<>();
        for (Relationship r : known) relationships.put(r.name(), r);
        return db.transaction(c -> statesOf(c, relationships, null));
    }

    private Map<String, RelationshipState> lastKnownOf(java.util.Set<String> only) {
        return db.transaction(c -> statesOf(c, JdbcInventoryStore.loadRelationships(c, only), only));
    }

    private Map<String, RelationshipState> statesOf(Connection c, Map<String, Relationship> relationships,
                                                    java.util.Set<String> only) throws SQLException {
        List<String> names = only == null ? List.of() : List.copyOf(only);
        Map<String, RelationshipState> byName = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT relationship_name, status, source_of_truth,"
                + " reasons, peers, observed_at FROM relationship_state" + (only == null ? ""
                : " WHERE relationship_name IN (" + String.join(", ", java.util.Collections.nCopies(names.size(), "?"))
                        + ")"))) {
            for (int i = 0; i < names.size(); i++) ps.setString(i + 1, names.get(i));
            ResultSet rs = ps.executeQuery();
            while (rs.next()) {
                String name = rs.getString("relationship_name");
                Relationship r = relationships.get(name);
                if (r == null) continue;
                try {
                    Assessment a = new Assessment(RelationshipStatus.valueOf(rs.getString("status")),
                            rs.getString("source_of_truth"), StateJson.reasons(rs.getString("reasons")));
                    Map<String, PeerObservation> peers = StateJson.peers(rs.getString("peers"));
                    byName.put(name, new RelationshipState(r, a, peers, Database.instant(rs, "observed_at"),
                            true));
                } catch (IllegalArgumentException | java.io.IOException e) {
                    // A row this version cannot read is as good as none: the next poll replaces it.
                    log.warn("Ignoring the unreadable last-known state of {}: {}", name, e.getMessage());
                }
            }
        }
        Map<String, RelationshipState> ordered = new LinkedHashMap<>();
        for (String name : relationships.keySet()) {
            RelationshipState s = byName.get(name);
            if (s != null) ordered.put(name, s);
        }
        return ordered;
    }

    @Override public void appendEvents(List<StatusEvent> events) {
        if (events.isEmpty()) return;
        for (StatusEvent event : events) {
            Objects.requireNonNull(event.at(), "event.at");
            Objects.requireNonNull(event.relationship(), "event.relationship");
            Objects.requireNonNull(event.to(), "event.to");
        }
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO status_event (at, relationship, from_status,"
                    + " to_status, reason) VALUES (?, ?, ?, ?, ?)")) {
                for (StatusEvent event : events) {
                    ps.setObject(1, Database.toDb(event.at()));
                    ps.setString(2, event.relationship());
                    ps.setString(3, event.from() == null ? null : event.from().name());
                    ps.setString(4, event.to().name());
                    ps.setString(5, event.reason());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM status_event"
                    + " WHERE id <= (SELECT MAX(id) FROM status_event) - ?")) {
                ps.setInt(1, EVENTS_KEPT);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Newest first; events of one instant newest-written first. */
    @Override public List<StatusEvent> events(int limit) {
        if (limit <= 0) return List.of();
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT at, relationship, from_status, to_status, reason"
                    + " FROM status_event ORDER BY at DESC, id DESC FETCH FIRST ? ROWS ONLY")) {
                ps.setInt(1, limit);
                List<StatusEvent> out = new ArrayList<>();
                read(ps, out);
                return List.copyOf(out);
            }
        });
    }

    /** Events of one relationship in a window are read at most this many, the newest: a week of a flapping peer. */
    static final int HISTORY_MAX = 20_000;

    @Override public List<StatusEvent> history(String relationship, Instant since) {
        return db.transaction(c -> {
            List<StatusEvent> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT at, relationship, from_status, to_status, reason"
                    + " FROM status_event WHERE relationship = ? AND at >= ? ORDER BY at DESC, id DESC"
                    + " FETCH FIRST " + HISTORY_MAX + " ROWS ONLY")) {
                ps.setString(1, relationship);
                ps.setObject(2, Database.toDb(since));
                read(ps, out);
            }
            if (out.size() < HISTORY_MAX) {
                try (PreparedStatement ps = c.prepareStatement("SELECT at, relationship, from_status, to_status,"
                        + " reason FROM status_event WHERE relationship = ? AND at < ? ORDER BY at DESC, id DESC"
                        + " FETCH FIRST 1 ROW ONLY")) {
                    ps.setString(1, relationship);
                    ps.setObject(2, Database.toDb(since));
                    read(ps, out);
                }
            }
            java.util.Collections.reverse(out);
            return List.copyOf(out);
        });
    }

    private static void read(PreparedStatement ps, List<StatusEvent> out) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String from = rs.getString("from_status");
                String to = rs.getString("to_status");
                try {
                    out.add(new StatusEvent(Database.instant(rs, "at"), rs.getString("relationship"),
                            from == null ? null : RelationshipStatus.valueOf(from), RelationshipStatus.valueOf(to),
                            rs.getString("reason")));
                } catch (IllegalArgumentException e) {
                    log.warn("Ignoring a status event with an unknown status ({} -> {})", from, to);
                }
            }
        }
    }

    /** Stores the snapshot and drops all but the newest {@value #SNAPSHOTS_KEPT} of its relationship and peer. */
    @Override public void saveSnapshot(ConfigSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(snapshot.relationship(), "snapshot.relationship");
        Objects.requireNonNull(snapshot.peer(), "snapshot.peer");
        Objects.requireNonNull(snapshot.json(), "snapshot.json");
        Objects.requireNonNull(snapshot.takenAt(), "snapshot.takenAt");
        db.transaction(c -> {
            long id;
            // inserted first without its content: the ciphertext is bound to the id the row gets
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO config_snapshot (relationship, peer, hash,"
                    + " json, taken_at) VALUES (?, ?, ?, '', ?)", new String[] {"id"})) {
                ps.setString(1, snapshot.relationship());
                ps.setString(2, snapshot.peer());
                ps.setString(3, snapshot.hash());
                ps.setObject(4, Database.toDb(snapshot.takenAt()));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE config_snapshot SET json = ? WHERE id = ?")) {
                ps.setString(1, cipher.encrypt(snapshot.json(),
                        snapshotBinding(id, snapshot.relationship(), snapshot.peer())));
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM config_snapshot WHERE relationship = ?"
                    + " AND peer = ? AND id NOT IN (SELECT id FROM config_snapshot WHERE relationship = ? AND peer = ?"
                    + " ORDER BY taken_at DESC, id DESC FETCH FIRST " + SNAPSHOTS_KEPT + " ROWS ONLY)")) {
                ps.setString(1, snapshot.relationship());
                ps.setString(2, snapshot.peer());
                ps.setString(3, snapshot.relationship());
                ps.setString(4, snapshot.peer());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override public Optional<ConfigSnapshot> latestSnapshot(String relationship, String peer) {
        if (relationship == null || peer == null) return Optional.empty();
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, hash, json, taken_at FROM config_snapshot"
                    + " WHERE relationship = ? AND peer = ? ORDER BY taken_at DESC, id DESC FETCH FIRST 1 ROW ONLY")) {
                ps.setString(1, relationship);
                ps.setString(2, peer);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.<ConfigSnapshot>empty();
                    Instant at = Database.instant(rs, "taken_at");
                    String json;
                    try {
                        json = cipher.decrypt(rs.getString("json"), snapshotBinding(rs.getLong("id"), relationship, peer));
                    } catch (RuntimeException e) {
                        // as good as none: the next read of the server stores a new one
                        log.warn("The configuration snapshot of {} in {} cannot be decrypted ({}); ignored", peer,
                                relationship, e.getMessage());
                        return Optional.<ConfigSnapshot>empty();
                    }
                    return Optional.of(new ConfigSnapshot(relationship, peer, rs.getString("hash"), json, at));
                }
            }
        });
    }

    @Override public Optional<String> latestSnapshotHash(String relationship, String peer) {
        if (relationship == null || peer == null) return Optional.empty();
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM config_snapshot"
                    + " WHERE relationship = ? AND peer = ? ORDER BY taken_at DESC, id DESC FETCH FIRST 1 ROW ONLY")) {
                ps.setString(1, relationship);
                ps.setString(2, peer);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString("hash")) : Optional.<String>empty();
                }
            }
        });
    }
}
