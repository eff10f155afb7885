package tandem.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that seals a team store's secrets (server passwords, proxy credentials, journaled dhcpd.conf keys,
 * configuration snapshots), so that every member's Tandem opens what another member stored. Each desktop publishes
 * its public key ({@link TeamIdentity}); a DHCP administrator's Tandem seals the team key for each published key it
 * finds waiting. Until then that desktop can read the store but not its secrets, and says so.
 */
public final class TeamKeys implements SecretKeySource {
    private static final String CHECK_TEXT = "tandem team key";
    private static final String CHECK_BINDING = SecretCipher.binding("team_secret", "key_check");

    private final Database db;
    private final String login;
    private final TeamIdentity identity;
    private final Clock clock;
    private volatile SecretKey key;

    public TeamKeys(Database db, String login, TeamIdentity identity, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.login = Objects.requireNonNull(login, "login");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.clock = clock;
    }

    /**
     * @throws UnreadableSecretException when the team key has not been shared with this desktop yet, naming who
     *                                   can share it
     */
    @Override public SecretKey key() {
        SecretKey k = key;
        if (k != null) return k;
        synchronized (this) {
            if (key == null) {
                key = open().orElseThrow(() -> new UnreadableSecretException(waitingMessage()));
            }
            return key;
        }
    }

    /** Whether this desktop holds the team key (reads the store until it does). */
    public boolean held() {
        if (key != null) return true;
        try {
            key();
            return true;
        } catch (UnreadableSecretException e) {
            return false;
        }
    }

    public String waitingMessage() {
        return "The team's server passwords are not shared with " + login + " on this desktop yet (key "
                + identity.fingerprint() + "): they are shared when a DHCP administrator of the team next runs"
                + " Tandem on the team store";
    }

    /** Publishes this desktop's public key for the login, once. */
    public void publish() {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO team_key_share (login, key_id, public_key,"
                    + " published_at) SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM team_key_share WHERE login = ?"
                    + " AND key_id = ?) AND EXISTS (SELECT 1 FROM team_member WHERE login = ?)")) {
                ps.setString(1, login);
                ps.setString(2, identity.fingerprint());
                ps.setString(3, identity.publicKeyText());
                ps.setObject(4, Database.toDb(clock.instant()));
                ps.setString(5, login);
                ps.setString(6, identity.fingerprint());
                ps.setString(7, login);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Makes the team key when the store has none yet (a new team: nothing is sealed for the team so far) and
     * shares it with this desktop. Only for a DHCP administrator's Tandem; the caller checks that.
     * @return whether a key was made (false: the team already has one)
     */
    public boolean createIfAbsent() {
        publish();
        SecretKey fresh = new SecretKeySpec(randomKey(), "AES");
        boolean made = db.transaction(c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, 0x54414E44454D4B59L); // "TANDEMKY": two first administrators at once make one key
                lock.execute();
            }
            if (checkValue(c).isPresent()) return false;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO team_secret (id, key_check, created_by, created_at) VALUES (1, ?, ?, ?)")) {
                ps.setString(1, new SecretCipher(() -> fresh).encrypt(CHECK_TEXT, CHECK_BINDING));
                ps.setString(2, login);
                ps.setObject(3, Database.toDb(clock.instant()));
                ps.executeUpdate();
            }
            seal(c, login, identity.fingerprint(), identity.publicKeyText(), fresh);
            return true;
        });
        if (made) key = fresh;
        return made;
    }

    /** Whether the team has a key at all. */
    public boolean exists() {
        return db.transaction(c -> checkValue(c).isPresent());
    }

    /**
     * Seals the team key for every published key of a current member still waiting for it.
     * @return the logins it was shared with (empty when none waited, or this desktop lacks the key)
     */
    public List<String> shareWithWaiting() {
        if (!held()) return List.of();
        SecretKey k = key;
        return db.transaction(c -> {
            List<String[]> waiting = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT s.login, s.key_id, s.public_key FROM team_key_share s"
                    + " JOIN team_member m ON m.login = s.login WHERE s.wrapped_key IS NULL ORDER BY s.login, s.key_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) waiting.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
            List<String> shared = new ArrayList<>();
            for (String[] w : waiting) {
                try {
                    // the fingerprint names the key: a row whose key does not match it is not sealed for
                    if (!TeamIdentity.fingerprint(TeamIdentity.publicKey(w[2])).equals(w[1])) continue;
                } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
                    continue;
                }
                seal(c, w[0], w[1], w[2], k);
                shared.add(w[0]);
            }
            return shared;
        });
    }

    /** The logins with a desktop waiting for the team key. */
    public List<String> waiting() {
        return db.transaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT s.login FROM team_key_share s JOIN"
                    + " team_member m ON m.login = s.login WHERE s.wrapped_key IS NULL ORDER BY s.login");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        });
    }

    private void seal(Connection c, String member, String keyId, String publicKey, SecretKey k) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE team_key_share SET wrapped_key = ?, shared_by = ?,"
                + " shared_at = ? WHERE login = ? AND key_id = ?")) {
            ps.setString(1, TeamIdentity.wrap(k, publicKey));
            ps.setString(2, login);
            ps.setObject(3, Database.toDb(clock.instant()));
            ps.setString(4, member);
            ps.setString(5, keyId);
            ps.executeUpdate();
        }
    }

    /** The team key as sealed for this desktop, checked against the team's check value. */
    private Optional<SecretKey> open() {
        return db.transaction(c -> {
            Optional<String> check = checkValue(c);
            if (check.isEmpty()) return Optional.empty();
            String wrapped = null;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT wrapped_key FROM team_key_share WHERE login = ? AND key_id = ?")) {
                ps.setString(1, login);
                ps.setString(2, identity.fingerprint());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) wrapped = rs.getString(1);
                }
            }
            if (wrapped == null) return Optional.empty();
            SecretKey k = identity.unwrap(wrapped);
            if (!CHECK_TEXT.equals(new SecretCipher(() -> k).decrypt(check.get(), CHECK_BINDING))) {
                throw new UnreadableSecretException("The key shared with this desktop is not the team's key");
            }
            return Optional.of(k);
        });
    }

    private static Optional<String> checkValue(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT key_check FROM team_secret WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    private static byte[] randomKey() {
        byte[] raw = new byte[FileSecretKeySource.KEY_BYTES];
        new SecureRandom().nextBytes(raw);
        return raw;
    }
}
