package tandem.core.lease;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Leases of the partners of one relationship side by side, keyed by address. Partners of a healthy relationship
 * hold the same leases; the differences this lists are what HA failed to replicate.
 */
public final class LeaseComparison {
    /** Expiries closer than this agree: the partners write a lease a moment apart. */
    public static final long DEFAULT_TOLERANCE_SECONDS = 5;

    /** Why the partners disagree about one address. */
    public enum Difference { ONE_PARTNER_ONLY, EXPIRY, STATE }

    /**
     * One address as each partner holds it.
     *
     * @param ip          the address
     * @param byPartner   every compared partner, in the order given, with its lease or null when it has none
     * @param differences empty when the partners agree
     */
    public record Row(String ip, Map<String, Lease> byPartner, List<Difference> differences) {
        public boolean agree() { return differences.isEmpty(); }

        /** The partners that hold a lease for the address. */
        public List<String> holders() {
            return byPartner.entrySet().stream().filter(e -> e.getValue() != null).map(Map.Entry::getKey).toList();
        }

        /** Any partner's lease (the first holder's). */
        public Lease any() {
            return byPartner.values().stream().filter(Objects::nonNull).findFirst().orElseThrow();
        }
    }

    private final List<Row> rows;

    private LeaseComparison(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /** Compares the leases of each partner (name to its leases; insertion order kept), sorted by address. */
    public static LeaseComparison of(Map<String, List<Lease>> leasesByPartner, long toleranceSeconds) {
        Map<String, Map<String, Lease>> byIp = new TreeMap<>(LeaseComparison::compareAddresses);
        for (var e : leasesByPartner.entrySet()) {
            for (Lease l : e.getValue()) byIp.computeIfAbsent(l.ip(), k -> new LinkedHashMap<>()).put(e.getKey(), l);
        }
        List<Row> rows = new ArrayList<>();
        for (var e : byIp.entrySet()) {
            Map<String, Lease> side = new LinkedHashMap<>();
            for (String partner : leasesByPartner.keySet()) side.put(partner, e.getValue().get(partner));
            rows.add(new Row(e.getKey(), java.util.Collections.unmodifiableMap(side), differences(side, toleranceSeconds)));
        }
        return new LeaseComparison(rows);
    }

    private static List<Difference> differences(Map<String, Lease> side, long tolerance) {
        List<Lease> held = side.values().stream().filter(Objects::nonNull).toList();
        List<Difference> out = new ArrayList<>();
        if (held.size() < side.size()) out.add(Difference.ONE_PARTNER_ONLY);
        long min = held.stream().mapToLong(Lease::expires).min().orElse(0);
        long max = held.stream().mapToLong(Lease::expires).max().orElse(0);
        if (max - min > tolerance) out.add(Difference.EXPIRY);
        if (held.stream().map(Lease::state).distinct().count() > 1) out.add(Difference.STATE);
        return List.copyOf(out);
    }

    /** Every address any partner holds. */
    public List<Row> rows() { return rows; }

    /** The addresses the partners disagree about. */
    public List<Row> disagreements() { return rows.stream().filter(r -> !r.agree()).toList(); }

    /** How many disagreements each subnet id has (by the first holder's subnet id), in subnet order. */
    public Map<Long, Integer> disagreementsPerSubnet() {
        Map<Long, Integer> out = new TreeMap<>();
        for (Row r : disagreements()) out.merge(r.any().subnetId(), 1, Integer::sum);
        return out;
    }

    /** The subnet ids any partner has a lease in. */
    public java.util.SortedSet<Long> subnets() {
        TreeSet<Long> out = new TreeSet<>();
        rows.forEach(r -> out.add(r.any().subnetId()));
        return out;
    }

    /** Dotted IPv4 addresses in numeric order; anything else after them, as text. */
    static int compareAddresses(String a, String b) {
        long x = numeric(a), y = numeric(b);
        if (x >= 0 && y >= 0) return Long.compare(x, y);
        if (x >= 0) return -1;
        if (y >= 0) return 1;
        return a.compareTo(b);
    }

    private static long numeric(String ip) {
        String[] parts = ip.split("\\.", -1);
        if (parts.length != 4) return -1;
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) return -1;
            int n = Integer.parseInt(p);
            if (n > 255) return -1;
            v = v * 256 + n;
        }
        return v;
    }
}
