package tandem.core.lease;

import java.util.Map;

/**
 * What one read of a relationship's leases found on each partner.
 *
 * @param byPartner every partner that answered, in the relationship's order, with its leases
 * @param unread    the partners whose leases are unknown, with why
 * @param subnets   the subnets' prefixes by id, as the servers' configuration names them (may miss some)
 * @param truncated true when a partner had more leases than one read takes (the comparison is then partial)
 */
public record PartnerLeases(Map<String, java.util.List<Lease>> byPartner, Map<String, String> unread,
                            Map<Long, String> subnets, boolean truncated) {
    public PartnerLeases {
        byPartner = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byPartner));
        unread = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(unread));
        subnets = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(subnets));
    }

    /** The partners' leases side by side. */
    public LeaseComparison comparison() {
        return LeaseComparison.of(byPartner, LeaseComparison.DEFAULT_TOLERANCE_SECONDS);
    }

    /** The subnet's prefix, or "id N" when no configuration named it. */
    public String subnetName(long id) {
        String s = subnets.get(id);
        return s != null ? s : "id " + id;
    }

    /** Only the leases of one subnet. */
    public PartnerLeases only(long subnetId) {
        Map<String, java.util.List<Lease>> kept = new java.util.LinkedHashMap<>();
        byPartner.forEach((p, l) -> kept.put(p, l.stream().filter(x -> x.subnetId() == subnetId).toList()));
        return new PartnerLeases(kept, unread, subnets, truncated);
    }
}
