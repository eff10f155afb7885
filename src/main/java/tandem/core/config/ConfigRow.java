package tandem.core.config;

import java.util.List;

/**
 * One row of a relationship's configuration tables, as every backend describes it. The console sorts and filters
 * them and hands a selected row back to its backend to edit or remove.
 */
public sealed interface ConfigRow {
    /** The words a filter matches against, lower-cased once. */
    String searchText();

    private static String words(Object... parts) {
        StringBuilder b = new StringBuilder();
        for (Object p : parts) if (p != null) b.append(p).append(' ');
        return b.toString().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * A subnet (Kea), subnet declaration (dhcpd) or scope (Windows).
     *
     * @param id            Kea's subnet id, the Windows scope id, or null
     * @param sharedNetwork the shared network it belongs to, or null
     * @param addresses     addresses its pools hold, null when unknown
     * @param assigned      addresses leased now, null when unknown
     */
    record Subnet(String subnet, String id, String sharedNetwork, int pools, int reservations, Long addresses,
                  Long assigned, String comment) implements ConfigRow {
        /** Leased share of the pools, 0 to 1, or null when unknown. */
        public Double utilization() {
            return addresses == null || assigned == null || addresses == 0 ? null
                    : Math.min(1.0, assigned / (double) addresses);
        }

        @Override public String searchText() { return words(subnet, id, sharedNetwork, comment); }
    }

    /**
     * A dynamic range.
     *
     * @param range  "first - last" or a prefix
     * @param detail what else governs it: dhcpd's failover peer, Kea's client class, or null
     */
    record Pool(String subnet, String range, String detail) implements ConfigRow {
        @Override public String searchText() { return words(subnet, range, detail); }
    }

    /**
     * A host reservation.
     *
     * @param identifier how the client is known, e.g. "hw-address 00:11:22:33:44:55" or "duid …"
     * @param name       dhcpd's host declaration name or a Windows reservation's name, else null
     */
    record Reservation(String subnet, String identifier, String address, String hostname, String name)
            implements ConfigRow {
        @Override public String searchText() { return words(subnet, identifier, address, hostname, name); }
    }

    /**
     * An option's value at one level.
     *
     * @param level "global", the subnet, "shared network " and its name, or "reservation " and its address
     *              (Kea: its identifier when it has no address)
     * @param code  the option code, or null when the backend names only
     */
    record Option(String level, String name, Integer code, String data) implements ConfigRow {
        @Override public String searchText() { return words(level, name, code, data); }
    }

    /** A shared network (dhcpd: shared-network) and the subnets it joins. */
    record SharedNetwork(String name, List<String> subnets, String detail) implements ConfigRow {
        public SharedNetwork { subnets = List.copyOf(subnets); }

        @Override public String searchText() { return words(name, String.join(" ", subnets), detail); }
    }

    /** A client class, shown read-only. @param test its test expression, or null */
    record ClientClass(String name, String test, String detail) implements ConfigRow {
        @Override public String searchText() { return words(name, test, detail); }
    }
}
