package tandem.core.lease;

import java.util.Locale;
import java.util.Objects;

/**
 * One lease as a partner holds it, in backend-neutral terms (DHCPv4 or DHCPv6).
 *
 * @param ip       the leased address
 * @param mac      the hardware address, lower case with colons, or null when the server keeps none
 * @param hostname the client's host name, or null
 * @param subnetId the subnet's id within its relationship (Kea subnet-id; ISC and Windows: the subnet address as a
 *                 number; an ISC subnet6: a number derived from its prefix, above every IPv4 one), or 0 when unknown
 * @param expires  the expiry in seconds since the epoch (Kea: cltt + valid-lft)
 * @param state    the lease state in the backend's words, e.g. "active", "declined", "expired-reclaimed"
 * @param duid     the DHCPv6 client's DUID, lower case with colons, or null for DHCPv4
 */
public record Lease(String ip, String mac, String hostname, long subnetId, long expires, String state, String duid) {
    public Lease {
        Objects.requireNonNull(ip, "ip");
        mac = mac == null || mac.isBlank() ? null : mac.toLowerCase(Locale.ROOT);
        hostname = hostname == null || hostname.isBlank() ? null : hostname;
        state = state == null ? "active" : state;
        duid = duid == null || duid.isBlank() ? null : duid.toLowerCase(Locale.ROOT);
    }

    /** A DHCPv4 lease. */
    public Lease(String ip, String mac, String hostname, long subnetId, long expires, String state) {
        this(ip, mac, hostname, subnetId, expires, state, null);
    }

    /** What identifies the client: its DUID for DHCPv6, else its hardware address; null when neither is known. */
    public String client() { return duid != null ? duid : mac; }
}
