package tandem.isc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tandem.core.config.ConfigRow;
import tandem.core.config.ConfigTables;

/**
 * A dhcpd configuration as the console's tables: its subnets, dynamic ranges (pools and the ranges written directly
 * in a subnet), host declarations, option values at each level, shared networks and classes. A {@code dhcpd -6}
 * configuration's subnet6 declarations are subnets named by their prefix, their range6 and prefix6 statements (in a
 * pool6 or not) pools, and fixed-address6 hosts go with the subnet6 holding the address. Read in dhcpd's order,
 * an included file in place of its include statement. dhcpd.conf holds no leases, so utilization stays unknown.
 */
public final class IscTables {
    /** The detail of a range written in a subnet without a pool block; only pool blocks can be edited. */
    public static final String BARE_RANGE = "range outside a pool";

    /** Codes of the standard options dhcpd knows by name (dhcp-options(5)); others come from "option X code N". */
    private static final Map<String, Integer> STANDARD_CODES = Map.ofEntries(
            Map.entry("subnet-mask", 1), Map.entry("time-offset", 2), Map.entry("routers", 3),
            Map.entry("time-servers", 4), Map.entry("ien116-name-servers", 5), Map.entry("domain-name-servers", 6),
            Map.entry("log-servers", 7), Map.entry("host-name", 12), Map.entry("domain-name", 15),
            Map.entry("root-path", 17), Map.entry("interface-mtu", 26), Map.entry("broadcast-address", 28),
            Map.entry("static-routes", 33), Map.entry("nis-domain", 40), Map.entry("nis-servers", 41),
            Map.entry("ntp-servers", 42), Map.entry("vendor-encapsulated-options", 43),
            Map.entry("netbios-name-servers", 44), Map.entry("netbios-node-type", 46), Map.entry("netbios-scope", 47),
            Map.entry("dhcp-lease-time", 51), Map.entry("dhcp-server-identifier", 54),
            Map.entry("dhcp-renewal-time", 58), Map.entry("dhcp-rebinding-time", 59),
            Map.entry("vendor-class-identifier", 60), Map.entry("dhcp-client-identifier", 61),
            Map.entry("tftp-server-name", 66), Map.entry("bootfile-name", 67), Map.entry("smtp-server", 69),
            Map.entry("domain-search", 119));

    private final DhcpdConfig config;
    private final List<Subnet> declared;
    private final List<Subnet6> declared6;
    private final Map<String, Integer> definedCodes = new HashMap<>();
    private final Map<String, ConfigRow.Subnet> subnetOrder = new LinkedHashMap<>();
    private final Map<String, String> subnetShared = new HashMap<>();
    private final Map<String, Long> subnetAddresses = new HashMap<>();
    private final List<ConfigRow.Pool> pools = new ArrayList<>();
    private final List<ConfigRow.Reservation> reservations = new ArrayList<>();
    private final List<ConfigRow.Option> options = new ArrayList<>();
    private final Map<String, List<String>> shared = new LinkedHashMap<>();
    private final Map<String, Integer> sharedPools = new HashMap<>();
    private final Map<String, ConfNode> classes = new LinkedHashMap<>();
    private final Map<String, Integer> subclasses = new HashMap<>();

    private IscTables(DhcpdConfig config) {
        this.config = config;
        this.declared = config.subnets();
        this.declared6 = Subnet6.of(config);
    }

    /** Where a node is: the subnet (CIDR) and shared network around it, and the option level it sets. */
    private record Context(String subnet, String sharedNetwork, String level, boolean inPool) {
        Context with(String subnetCidr, String sharedName, String newLevel) {
            return new Context(subnetCidr != null ? subnetCidr : subnet, sharedName != null ? sharedName : sharedNetwork,
                    newLevel, inPool);
        }
    }

    /** The tables of a configuration read from {@code readFrom} at {@code at}. */
    public static ConfigTables of(DhcpdConfig config, String relationship, String readFrom, Instant at) {
        IscTables t = new IscTables(config);
        ConfDocument main = config.document(config.mainPath());
        t.walk(main.root, new Context(null, null, "global", false));
        return t.tables(relationship, readFrom, at);
    }

    /** How a pool's ranges are shown: "10.0.0.10 - 10.0.0.20, 10.0.0.30 - 10.0.0.40". */
    public static String rangeText(List<AddressRange> ranges) {
        return String.join(", ", ranges.stream().map(AddressRange::toString).toList());
    }

    /** The pool a table row shows, found again in a configuration (perhaps read later), or null when it is gone. */
    public static AddressPool poolOf(DhcpdConfig config, ConfigRow.Pool row) {
        if (BARE_RANGE.equals(row.detail())) return null;
        List<AddressPool> found = config.pools().stream().filter(p -> p.subnet().equals(row.subnet())
                && rangeText(p.ranges()).equals(row.range())).toList();
        return found.size() == 1 ? found.get(0) : null;
    }

    private void walk(ConfNode parent, Context ctx) {
        for (ConfNode n : parent.children) {
            if (!n.isBlock()) {
                statement(n, ctx);
                continue;
            }
            String k = n.keyword();
            switch (k) {
                case "subnet" -> {
                    String cidr = DhcpdConfig.cidrOf(n);
                    subnetOrder.putIfAbsent(cidr, null);
                    if (ctx.sharedNetwork() != null) {
                        subnetShared.put(cidr, ctx.sharedNetwork());
                        shared.computeIfAbsent(ctx.sharedNetwork(), x -> new ArrayList<>()).add(cidr);
                    }
                    walk(n, ctx.with(cidr, null, cidr));
                }
                case "subnet6" -> {
                    String prefix = n.tokens.size() > 1 ? n.tokens.get(1).value() : "?";
                    Ipv6.Prefix p = Ipv6.prefix(prefix);
                    String cidr = p == null ? prefix : p.toString();
                    subnetOrder.putIfAbsent(cidr, null);
                    if (ctx.sharedNetwork() != null) {
                        subnetShared.put(cidr, ctx.sharedNetwork());
                        shared.computeIfAbsent(ctx.sharedNetwork(), x -> new ArrayList<>()).add(cidr);
                    }
                    walk(n, ctx.with(cidr, null, cidr));
                }
                case "pool6" -> pool(n, ctx);
                case "shared-network" -> {
                    String name = n.tokens.size() > 1 ? n.tokens.get(1).value() : "?";
                    shared.putIfAbsent(name, new ArrayList<>());
                    walk(n, new Context(null, name, "shared-network " + name, false));
                }
                case "pool" -> pool(n, ctx);
                case "host" -> host(n, ctx);
                case "class" -> {
                    String name = n.tokens.size() > 1 ? n.tokens.get(1).value() : "?";
                    classes.putIfAbsent(name, n);
                    walk(n, new Context(ctx.subnet(), ctx.sharedNetwork(), "class " + name, false));
                }
                case "subclass" -> subclasses.merge(n.tokens.size() > 1 ? n.tokens.get(1).value() : "?", 1, Integer::sum);
                case "group" -> walk(n, ctx.with(null, null, ctx.level().equals("global") ? "group" : ctx.level() + " group"));
                // a conditional's options apply only when its test holds
                case "if", "elsif", "else" -> walk(n, ctx.with(null, null,
                        ctx.level().endsWith("(conditional)") ? ctx.level() : ctx.level() + " (conditional)"));
                default -> { } // failover peers, keys, zones, on-events...: not in these tables
            }
        }
    }

    private void statement(ConfNode n, Context ctx) {
        String k = n.keyword();
        if (k.equals("include")) {
            String target = ConfLoader.includeTarget(config.mainPath(), n);
            ConfDocument inc = target == null ? null : config.document(target);
            if (inc != null) walk(inc.root, ctx);
        } else if (k.equals("option")) {
            option(n, ctx.level());
        } else if (k.equals("range") && !ctx.inPool() && (ctx.subnet() != null || ctx.sharedNetwork() != null)) {
            AddressRange r = AddressRange.fromTokens(n.tokens);
            String where = ctx.subnet() != null ? ctx.subnet() : "shared-network " + ctx.sharedNetwork();
            pools.add(new ConfigRow.Pool(where, rangeText(List.of(r)), BARE_RANGE));
            count(ctx, List.of(r));
        } else if ((k.equals("range6") || k.equals("prefix6")) && !ctx.inPool() && ctx.subnet() != null) {
            V6Range r = V6Range.of(n);
            pools.add(new ConfigRow.Pool(ctx.subnet(), r.text(), r.detail() == null ? BARE_RANGE : BARE_RANGE + "; " + r.detail()));
            subnetAddresses.merge(ctx.subnet(), r.addresses(), IscTables::plus);
        } else if (k.equals("subclass")) {
            subclasses.merge(n.tokens.size() > 1 ? n.tokens.get(1).value() : "?", 1, Integer::sum);
        }
    }

    private void option(ConfNode n, String level) {
        if (n.tokens.size() < 2) return;
        String name = n.tokens.get(1).value();
        if (n.tokens.get(1).is("space")) return;
        // "option NAME code N = TYPE" defines an option; it sets no value
        if (n.tokens.size() > 3 && n.tokens.get(2).is("code")) {
            try {
                definedCodes.put(name, Integer.parseInt(n.tokens.get(3).text()));
            } catch (NumberFormatException ignored) {
                // a code dhcpd would refuse; the table shows the option without it
            }
            return;
        }
        int from = n.tokens.size() > 2 && n.tokens.get(2).text().equals("=") ? 3 : 2;
        Integer code = definedCodes.getOrDefault(name, STANDARD_CODES.get(name));
        options.add(new ConfigRow.Option(level, name, code, words(n, from)));
    }

    private void pool(ConfNode n, Context ctx) {
        List<AddressRange> ranges = new ArrayList<>();
        List<V6Range> ranges6 = new ArrayList<>();
        String peer = null;
        List<String> rules = new ArrayList<>();
        for (ConfNode c : n.children) {
            if (c.isBlock()) continue;
            if (c.keyword().equals("range")) ranges.add(AddressRange.fromTokens(c.tokens));
            else if (c.keyword().equals("range6") || c.keyword().equals("prefix6")) ranges6.add(V6Range.of(c));
            else if (DhcpdConfig.isPeerReference(c)) peer = DhcpdConfig.peerName(c);
            else if (c.keyword().equals("allow") || c.keyword().equals("deny")) rules.add(c.headerWords());
        }
        String where = ctx.subnet() != null ? ctx.subnet()
                : ctx.sharedNetwork() != null ? "shared-network " + ctx.sharedNetwork() : "global";
        List<String> detail = new ArrayList<>();
        if (peer != null) detail.add("failover peer " + peer);
        String shown = rangeText(ranges);
        if (n.keyword().equals("pool6")) {
            shown = String.join(", ", ranges6.stream().map(V6Range::text).toList());
            ranges6.stream().map(V6Range::detail).filter(java.util.Objects::nonNull).distinct().forEach(detail::add);
            if (ctx.subnet() != null) {
                for (V6Range r : ranges6) subnetAddresses.merge(ctx.subnet(), r.addresses(), IscTables::plus);
            }
        }
        detail.addAll(rules);
        pools.add(new ConfigRow.Pool(where, shown, detail.isEmpty() ? null : String.join("; ", detail)));
        count(ctx, ranges);
        walk(n, new Context(ctx.subnet(), ctx.sharedNetwork(), "pool " + shown, true));
    }

    private void count(Context ctx, List<AddressRange> ranges) {
        long size = 0;
        for (AddressRange r : ranges) {
            long lo = Ipv4.parse(r.low()), hi = Ipv4.parse(r.high());
            if (lo >= 0 && hi >= lo) size += hi - lo + 1;
        }
        if (ctx.subnet() != null) subnetAddresses.merge(ctx.subnet(), size, Long::sum);
        else if (ctx.sharedNetwork() != null) sharedPools.merge(ctx.sharedNetwork(), 1, Integer::sum);
    }

    private void host(ConfNode n, Context ctx) {
        String name = n.tokens.size() > 1 ? n.tokens.get(1).value() : "?";
        List<String> ids = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        String hostname = null;
        for (ConfNode c : n.children) {
            if (c.isBlock()) continue;
            String k = c.keyword();
            if (k.equals("hardware") && c.tokens.size() > 2) {
                ids.add(0, "hardware " + c.tokens.get(1).value() + " " + c.tokens.get(2).value());
            } else if (c.startsWith("option", "dhcp-client-identifier") || k.equals("uid")) {
                ids.add("client-id " + words(c, k.equals("uid") ? 1 : 2));
            } else if (k.equals("host-identifier")) {
                ids.add(words(c, 0));
            } else if (k.equals("fixed-address") || k.equals("fixed-address6")) {
                for (int i = 1; i < c.tokens.size(); i++) {
                    if (c.tokens.get(i).kind() != ConfToken.Kind.COMMA) addresses.add(c.tokens.get(i).value());
                }
            } else if ((c.startsWith("option", "host-name") && c.tokens.size() > 2) || (k.equals("ddns-hostname") && hostname == null)) {
                hostname = words(c, k.equals("option") ? 2 : 1).replace("\"", "");
            }
        }
        String subnet = ctx.subnet() != null ? ctx.subnet() : addresses.isEmpty() ? null : subnetContaining(addresses.get(0));
        reservations.add(new ConfigRow.Reservation(subnet, ids.isEmpty() ? null : String.join(", ", ids),
                addresses.isEmpty() ? null : String.join(", ", addresses), hostname, name));
        walk(n, ctx.with(null, null, "reservation " + name));
    }

    private String subnetContaining(String address) {
        long a = Ipv4.parse(address);
        if (a < 0) {
            Subnet6 s6 = Ipv6.parse(address) == null ? null : Subnet6.holding(declared6, address);
            return s6 == null ? null : s6.cidr();
        }
        for (Subnet s : declared) {
            long net = Ipv4.parse(s.network()), mask = Ipv4.parse(s.netmask());
            if (net >= 0 && mask >= 0 && (a & mask) == (net & mask)) return s.cidr();
        }
        return null;
    }

    private static long plus(long a, long b) { return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b; }

    /**
     * A range6 ({@code LOW HIGH}, {@code PREFIX/LEN}, either with {@code temporary}) or prefix6 ({@code LOW HIGH /LEN})
     * statement as a pool row shows it; {@code addresses} is how many addresses it gives (none for delegated prefixes).
     */
    private record V6Range(String text, String detail, long addresses) {
        static V6Range of(ConfNode n) {
            List<String> words = new ArrayList<>();
            for (int i = 1; i < n.tokens.size(); i++) words.add(n.tokens.get(i).value());
            boolean temporary = words.remove("temporary");
            if (n.keyword().equals("prefix6")) {
                String len = words.stream().filter(w -> w.startsWith("/")).findFirst().orElse("");
                List<String> ends = words.stream().filter(w -> !w.startsWith("/")).toList();
                return new V6Range(String.join(" - ", ends), "prefix delegation " + len, 0);
            }
            String text = String.join(" - ", words);
            long size = 0;
            if (words.size() == 2) {
                java.math.BigInteger lo = Ipv6.parse(words.get(0)), hi = Ipv6.parse(words.get(1));
                if (lo != null && hi != null && hi.compareTo(lo) >= 0) size = cap(hi.subtract(lo).add(java.math.BigInteger.ONE));
            } else if (words.size() == 1 && Ipv6.prefix(words.get(0)) != null) {
                size = cap(java.math.BigInteger.ONE.shiftLeft(128 - Ipv6.prefix(words.get(0)).length()));
            }
            return new V6Range(text, temporary ? "temporary" : null, size);
        }

        private static long cap(java.math.BigInteger n) {
            return n.bitLength() < 63 ? n.longValue() : Long.MAX_VALUE;
        }
    }

    /** The statement's words from token {@code from} on, as written (strings keep their quotes). */
    private static String words(ConfNode n, int from) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < n.tokens.size(); i++) {
            ConfToken t = n.tokens.get(i);
            if (b.length() > 0 && t.kind() != ConfToken.Kind.COMMA) b.append(' ');
            b.append(t.text());
        }
        return ConfText.toUnicode(b.toString());
    }

    private ConfigTables tables(String relationship, String readFrom, Instant at) {
        List<ConfigRow.Subnet> subnets = new ArrayList<>();
        for (String cidr : subnetOrder.keySet()) {
            int poolCount = (int) pools.stream().filter(p -> cidr.equals(p.subnet())).count();
            int reserved = (int) reservations.stream().filter(r -> cidr.equals(r.subnet())).count();
            subnets.add(new ConfigRow.Subnet(cidr, null, subnetShared.get(cidr), poolCount, reserved,
                    subnetAddresses.getOrDefault(cidr, 0L), null, null));
        }
        List<ConfigRow.SharedNetwork> networks = new ArrayList<>();
        shared.forEach((name, members) -> {
            Integer direct = sharedPools.get(name);
            networks.add(new ConfigRow.SharedNetwork(name, members,
                    direct == null ? null : direct + " range(s) or pool(s) directly in it"));
        });
        List<ConfigRow.ClientClass> classRows = new ArrayList<>();
        classes.forEach((name, node) -> {
            String test = null;
            List<String> detail = new ArrayList<>();
            for (ConfNode c : node.children) {
                if (c.isBlock()) continue;
                if (c.keyword().equals("match") && test == null) test = c.headerWords();
                else if (c.keyword().equals("spawn") || c.keyword().equals("lease")) detail.add(c.headerWords());
            }
            Integer subs = subclasses.get(name);
            if (subs != null) detail.add(0, subs + " subclass(es)");
            classRows.add(new ConfigRow.ClientClass(name, test, detail.isEmpty() ? null : String.join("; ", detail)));
        });
        return new ConfigTables(relationship, readFrom, at, subnets, pools, reservations, options, networks, classRows);
    }
}
