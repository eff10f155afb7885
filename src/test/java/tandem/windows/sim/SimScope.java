package tandem.windows.sim;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One DHCPv4 scope of a simulated server with what hangs off it: exclusion ranges, reservations, scope option values
 * and reserved-IP option values. Addresses are kept as unsigned 32-bit numbers; lists of option values are immutable.
 */
public final class SimScope {
    /** A reservation as Add-DhcpServerv4Reservation stores it. */
    public record Reservation(long ip, String clientId, String name, String description, String type) {}

    /**
     * A lease in the server's own database. Each partner keeps its own: failover's lease updates are not modelled,
     * so a test can put a lease on one partner only (as a lost update would leave it) and replication never copies
     * leases.
     *
     * @param expiry null for a lease without an end (a reservation's)
     */
    public record Lease(long ip, String clientId, String hostName, java.time.OffsetDateTime expiry, String state) {}

    final long scopeId;
    long subnetMask;
    long startRange;
    long endRange;
    String name = "";
    String description = "";
    String state = "Active";
    Duration leaseDuration = Duration.ofDays(8);
    String type = "Dhcp";
    long maxBootpClients = 4294967295L;
    long delay;
    String superscopeName = "";
    boolean activatePolicies = true;
    boolean napEnable;
    String napProfile = "";
    /** start → end, both inclusive. */
    final TreeMap<Long, Long> exclusions = new TreeMap<>();
    final TreeMap<Long, Reservation> reservations = new TreeMap<>();
    /** Not configuration: {@link #copyFrom} leaves them as they are. */
    final TreeMap<Long, Lease> leases = new TreeMap<>();
    final TreeMap<Long, List<String>> options = new TreeMap<>();
    /** reserved address → option id → values. */
    final TreeMap<Long, TreeMap<Long, List<String>>> reservedOptions = new TreeMap<>();

    SimScope(long startRange, long endRange, long subnetMask) {
        this.scopeId = startRange & subnetMask;
        this.startRange = startRange;
        this.endRange = endRange;
        this.subnetMask = subnetMask;
    }

    public SimIp scopeId() { return SimIp.of(scopeId); }

    public String name() { return name; }

    public String state() { return state; }

    boolean contains(long ip) { return ip >= startRange && ip <= endRange; }

    /** A deep copy, as replication writes it onto the partner. */
    SimScope copy() {
        SimScope c = new SimScope(startRange, endRange, subnetMask);
        c.copyFrom(this);
        return c;
    }

    /** Overwrites everything of this scope with {@code source}'s (ranges, properties and all items). */
    void copyFrom(SimScope source) {
        subnetMask = source.subnetMask;
        startRange = source.startRange;
        endRange = source.endRange;
        name = source.name;
        description = source.description;
        state = source.state;
        leaseDuration = source.leaseDuration;
        type = source.type;
        maxBootpClients = source.maxBootpClients;
        delay = source.delay;
        superscopeName = source.superscopeName;
        activatePolicies = source.activatePolicies;
        napEnable = source.napEnable;
        napProfile = source.napProfile;
        exclusions.clear();
        exclusions.putAll(source.exclusions);
        reservations.clear();
        reservations.putAll(source.reservations);
        options.clear();
        options.putAll(source.options);
        reservedOptions.clear();
        for (Map.Entry<Long, TreeMap<Long, List<String>>> e : source.reservedOptions.entrySet()) {
            reservedOptions.put(e.getKey(), new TreeMap<>(e.getValue()));
        }
    }

    /** Addresses a client could get: the range minus exclusions and reservations. */
    long freeAddresses() {
        long free = endRange - startRange + 1;
        for (Map.Entry<Long, Long> e : exclusions.entrySet()) {
            long from = Math.max(e.getKey(), startRange);
            long to = Math.min(e.getValue(), endRange);
            if (to >= from) free -= to - from + 1;
        }
        for (long ip : reservations.keySet()) if (!excluded(ip)) free--;
        return Math.max(free, 0);
    }

    private boolean excluded(long ip) {
        Map.Entry<Long, Long> e = exclusions.floorEntry(ip);
        return e != null && ip <= e.getValue();
    }

    SimObject toObject() {
        return new SimObject("Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/DHCP/DhcpServerv4Scope")
                .put("ScopeId", SimIp.of(scopeId))
                .put("SubnetMask", SimIp.of(subnetMask))
                .put("StartRange", SimIp.of(startRange))
                .put("EndRange", SimIp.of(endRange))
                .put("ActivatePolicies", activatePolicies)
                .put("Delay", delay)
                .put("Description", description)
                .put("LeaseDuration", leaseDuration)
                .put("MaxBootpClients", maxBootpClients)
                .put("Name", name)
                .put("NapEnable", napEnable)
                .put("NapProfile", napProfile)
                .put("State", state)
                .put("SuperscopeName", superscopeName)
                .put("Type", type);
    }
}
