package tandem.core.port;

import java.time.Instant;
import java.util.Optional;

/**
 * Which process polls the servers. Alone on a data folder every process polls; on a team store one process of the
 * team does, and the others read what it writes.
 */
public interface PollerLease extends AutoCloseable {
    /** The process that polls: its database login, host and process id, and since when. */
    record Holder(String login, String host, long pid, Instant since) { }

    /** True while this process is the one to poll; takes the lease when nobody holds it. Never blocks for long. */
    boolean poll();

    /** Whether this process held the lease at its last {@link #poll()}. */
    boolean held();

    /** Who polls now, when known. */
    Optional<Holder> holder();

    /** Gives the lease up, so that another process takes over at once. */
    @Override void close();

    /** A process alone on its data folder: it always polls. */
    PollerLease SOLE = new PollerLease() {
        @Override public boolean poll() { return true; }
        @Override public boolean held() { return true; }
        @Override public Optional<Holder> holder() { return Optional.empty(); }
        @Override public void close() { }
    };
}
