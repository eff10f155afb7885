package tandem.core.lease;

import java.util.Map;

/**
 * One host reservation as a partner's configuration holds it.
 *
 * @param subnet   the subnet prefix ("10.10.0.0/24"), "global" for a global reservation
 * @param ip       the reserved address, or null
 * @param mac      the hardware address, or null
 * @param duid     the DHCPv6 DUID, or null
 * @param hostname the host name, or null
 * @param detail   the reservation as the server words it (names to text, numbers, lists or maps), compared between
 *                 partners and shown as it is
 */
public record Reservation(String subnet, String ip, String mac, String duid, String hostname, Map<String, Object> detail) {
    public Reservation {
        detail = detail == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(detail));
    }

    /** What makes two partners' reservations the same one: subnet and the client's identifier. */
    String key() {
        return subnet + "|" + (mac != null ? "mac " + mac.toLowerCase(java.util.Locale.ROOT)
                : duid != null ? "duid " + duid.toLowerCase(java.util.Locale.ROOT)
                : ip != null ? "ip " + ip : "host " + hostname);
    }
}
