package tandem.core.port;

import java.time.Instant;
import java.util.Optional;

/** Write locks shared by every process on one data folder (or one team database). */
public interface LockStore {
    /**
     * @param resource what is locked, e.g. "relationship:server1" or "isc-file:dhcp1:/etc/dhcp/dhcpd.conf"
     * @param token    unique per acquisition: only its holder renews or releases it
     */
    record Lock(String resource, String token, String user, String processName, String host, long pid,
                String description, Instant acquiredAt, Instant expiresAt) {}

    /** Takes the lock when nobody holds it; otherwise returns who does and changes nothing. */
    Optional<Lock> tryAcquire(Lock wanted);

    /** Replaces {@code stale} (a holder that is gone) with {@code wanted}, unless the lock changed hands meanwhile. */
    boolean takeOver(Lock stale, Lock wanted);

    /** Moves the expiry of a held lock; false when the token no longer holds it. */
    boolean renew(String resource, String token, Instant expiresAt);

    void release(String resource, String token);
}
