package tandem.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A server the administrator added; its relationships are derived from its configuration.
 *
 * @param site where the server stands (a branch, a campus), chosen by the administrator to find and filter servers
 *             by; null when none was given
 */
public record ServerRecord(String name, Backend backend, ConnectionSettings connection, Instant addedAt, String site) {
    /** Longest site name; as long as a server name may be. */
    public static final int SITE_MAX = 255;

    public ServerRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(connection, "connection");
        if (addedAt == null) addedAt = Instant.now();
        site = normalSite(site);
    }

    /** A server with no site given. */
    public ServerRecord(String name, Backend backend, ConnectionSettings connection, Instant addedAt) {
        this(name, backend, connection, addedAt, null);
    }

    public ServerRecord withSite(String newSite) {
        return new ServerRecord(name, backend, connection, addedAt, newSite);
    }

    /**
     * The site as stored: trimmed, null when blank.
     *
     * @throws IllegalArgumentException when it is longer than {@link #SITE_MAX} or holds a control character
     */
    public static String normalSite(String site) {
        if (site == null || site.isBlank()) return null;
        String s = site.strip();
        if (s.length() > SITE_MAX) {
            throw new IllegalArgumentException("A site name is at most " + SITE_MAX + " characters (this one has "
                    + s.length() + ")");
        }
        if (s.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("A site name cannot hold a line break, a tab or another control character");
        }
        return s;
    }
}
