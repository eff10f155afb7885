package tandem.store;

import java.net.URI;
import java.util.List;

/**
 * Seals a data folder's stored secrets again for a team store: opened with the folder's key, sealed with the key of
 * the desktop that imports, each bound as the store binds it. A value the folder's key cannot open is left out and
 * named in the notes (never its value).
 */
final class ImportSecrets {
    private final SecretCipher from;
    private final SecretCipher to;
    private final List<String> notes;

    ImportSecrets(SecretCipher from, SecretCipher to, List<String> notes) {
        this.from = from;
        this.to = to;
        this.notes = notes;
    }

    /**
     * A server row with its password and proxy credentials sealed for the team store. Rows an earlier version wrote
     * ({@code legacy_secrets}: unbound passwords, proxy credentials in the proxy URL) are brought up to date here,
     * as the store does at its first open, without writing to the folder.
     */
    Object[] server(Object[] row) {
        Columns t = Columns.SERVER;
        Object[] out = row.clone();
        String name = (String) row[t.name], url = (String) row[t.url];
        boolean legacy = Boolean.TRUE.equals(row[t.legacy]);
        String password = open(name, "password", (String) row[t.password], JdbcInventoryStore.passwordBinding(name, url));
        String proxy = (String) row[t.proxy];
        String proxyAuth;
        if (legacy) {
            URI p = proxy == null ? null : URI.create(proxy);
            proxyAuth = p == null ? null : p.getRawUserInfo();
            URI bare = JdbcInventoryStore.withoutUserInfo(p);
            proxy = bare == null ? null : bare.toString();
        } else {
            proxyAuth = open(name, "proxy credentials", (String) row[t.proxyAuth],
                    JdbcInventoryStore.proxyBinding(name, proxy));
        }
        out[t.proxy] = proxy;
        out[t.password] = to.encrypt(password, JdbcInventoryStore.passwordBinding(name, url));
        out[t.proxyAuth] = to.encrypt(proxyAuth, JdbcInventoryStore.proxyBinding(name, proxy));
        out[t.legacy] = false;
        return out;
    }

    private String open(String server, String what, String stored, String binding) {
        if (stored == null) return null;
        try {
            return SecretCipher.isUnbound(stored) ? from.decryptUnbound(stored) : from.decrypt(stored, binding);
        } catch (RuntimeException e) {
            notes.add("server " + server + ": its " + what + " cannot be opened with the folder's key ("
                    + e.getMessage() + "); imported without it, to be entered again");
            return null;
        }
    }

    /**
     * A configuration snapshot sealed for the team store and bound to its number there; null (left out, as a
     * snapshot is read again from the server at the next poll) when the folder's key cannot open it.
     */
    Object[] snapshot(Object[] row, long shift) {
        // columns: id, relationship, peer, hash, json, taken_at
        long id = ((Number) row[0]).longValue();
        String relationship = (String) row[1], peer = (String) row[2], stored = (String) row[4];
        String json;
        if (stored.startsWith(SecretCipher.PREFIX)) {
            try {
                json = from.decrypt(stored, JdbcStateStore.snapshotBinding(id, relationship, peer));
            } catch (RuntimeException e) {
                notes.add("configuration snapshot #" + id + " of " + peer + " in " + relationship + ": it cannot be"
                        + " opened with the folder's key; left out (the next poll reads the configuration again)");
                return null;
            }
        } else {
            json = stored; // an earlier version kept snapshots in clear; the store seals them at its next open
        }
        Object[] out = row.clone();
        out[0] = id + shift;
        out[4] = to.encrypt(json, JdbcStateStore.snapshotBinding(id + shift, relationship, peer));
        return out;
    }

    /** Where the server table's columns are (see {@link FolderRows#TABLES}). */
    private static final class Columns {
        static final Columns SERVER = new Columns();
        final int name, url, proxy, password, proxyAuth, legacy;

        private Columns() {
            List<String> c = FolderRows.TABLES.get("server");
            name = c.indexOf("name");
            url = c.indexOf("url");
            proxy = c.indexOf("proxy");
            password = c.indexOf("password_enc");
            proxyAuth = c.indexOf("proxy_auth_enc");
            legacy = c.indexOf("legacy_secrets");
        }
    }
}
