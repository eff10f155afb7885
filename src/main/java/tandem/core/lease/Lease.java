package tandem.core.lease;

import java.util.Locale;
import java.util.Objects;

/**
 * One IPv4 lease as a partner holds it, in backend-neutral terms.
 *
 * @param ip       the leased address
 * @param mac      the hardware address, lower case with colons, or null when the server keeps none
 * @param hostname the client's host name, or null
 * @param subnetId the server's subnet id (Kea subnet-id), or 0 when unknown
 * @param expires  the expiry in seconds since the epoch (Kea: cltt + valid-lft)
 * @param state    the lease state in the backend's words, e.g. "default", "declined", "expired-reclaimed"
 */
public record Lease(String ip, String mac, String hostname, long subnetId, long expires, String state) {
    public Lease {
        Objects.requireNonNull(ip, "ip");
        mac = mac == null || mac.isBlank() ? null : mac.toLowerCase(Locale.ROOT);
        hostname = hostname == null || hostname.isBlank() ? null : hostname;
        state = state == null ? "default" : state;
    }
}
