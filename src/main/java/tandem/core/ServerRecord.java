package tandem.core;

import java.time.Instant;
import java.util.Objects;

/** A server the administrator added; its relationships are derived from its configuration. */
public record ServerRecord(String name, Backend backend, ConnectionSettings connection, Instant addedAt) {
    public ServerRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(connection, "connection");
        if (addedAt == null) addedAt = Instant.now();
    }
}
