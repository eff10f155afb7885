package tandem.core;

import java.net.URI;
import java.util.Objects;

/** One server of a relationship as the configuration declares it; {@code url} is its control endpoint. */
public record PeerDefinition(String name, PeerRole role, URI url, boolean autoFailover) {
    public PeerDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(url, "url");
    }
}
