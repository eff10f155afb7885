package tandem.isc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The configuration table's edits of a subnet's own statements, an option's value and a host declaration. Each is
 * made on a copy, changing only the statements it is about (in place, so comments and layout stay), and returns the
 * change to preview; input is checked field by field ({@link RowFields.Invalid}).
 */
public final class RowEdits {
    private RowEdits() {}

    public static final String DEFAULT_LEASE_TIME = "default-lease-time";
    public static final String MAX_LEASE_TIME = "max-lease-time";
    public static final String ROUTERS = "routers";
    public static final String DNS_SERVERS = "domain-name-servers";
    public static final String DOMAIN_NAME = "domain-name";
    public static final String HARDWARE = "hardware";
    public static final String FIXED_ADDRESS = "fixed-address";
    public static final String HOST_NAME = "host-name";
    public static final String VALUE = "value";

    /** The statements a subnet's Edit… offers, in the dialog's order: what an administrator sets per subnet. */
    public static final List<String> SUBNET_FIELDS = List.of(ROUTERS, DNS_SERVERS, DOMAIN_NAME, DEFAULT_LEASE_TIME, MAX_LEASE_TIME);
    /** A host declaration's fields in the dialog's order. */
    public static final List<String> HOST_FIELDS = List.of(HARDWARE, FIXED_ADDRESS, HOST_NAME);

    // ---------------------------------------------------------------------------------------------- subnet

    /** The subnet's own statements as they are written now (values without keyword; "" when not set). */
    public static Map<String, String> subnetValues(DhcpdConfig config, String cidr) {
        ConfNode subnet = subnetNode(config, cidr);
        Map<String, String> out = new LinkedHashMap<>();
        for (String f : SUBNET_FIELDS) {
            ConfNode n = one(subnet, subnetStatement(f), f);
            out.put(f, n == null ? "" : valueOf(n, f.equals(DEFAULT_LEASE_TIME) || f.equals(MAX_LEASE_TIME) ? 1 : 2, f.equals(DOMAIN_NAME)));
        }
        return out;
    }

    /**
     * Sets the subnet's statements to {@code values} (field → text): the whole set of {@link #SUBNET_FIELDS}, a field
     * empty or left out removing its statement (the global setting then applies).
     */
    public static FailoverEdits.Edit editSubnet(DhcpdConfig config, String cidr, Map<String, String> values) {
        String def = RowFields.seconds(DEFAULT_LEASE_TIME, values.get(DEFAULT_LEASE_TIME));
        String max = RowFields.seconds(MAX_LEASE_TIME, values.get(MAX_LEASE_TIME));
        if (def != null && max != null && Long.parseLong(max) < Long.parseLong(def)) {
            throw new RowFields.Invalid(MAX_LEASE_TIME, "The longest lease (" + max + " s) is shorter than the default lease ("
                    + def + " s): dhcpd would never give the default");
        }
        String routers = RowFields.addresses(ROUTERS, values.get(ROUTERS));
        Subnet s = DhcpdConfig.subnetOf(subnetNode(config, cidr), config.document(config.mainPath()));
        if (routers != null) {
            long net = Ipv4.parse(s.network()), mask = Ipv4.parse(s.netmask());
            for (String r : routers.split(", ")) {
                if (net >= 0 && mask >= 0 && (Ipv4.parse(r) & mask) != (net & mask)) {
                    throw new RowFields.Invalid(ROUTERS, "Router " + r + " is not in subnet " + s.cidr() + ": clients could not reach it");
                }
            }
        }
        String dns = RowFields.addresses(DNS_SERVERS, values.get(DNS_SERVERS));
        String domain = RowFields.domain(DOMAIN_NAME, values.get(DOMAIN_NAME));
        DhcpdConfig after = config.copy();
        ConfNode subnet = subnetNode(after, cidr);
        put(subnet, subnetStatement(ROUTERS), routers == null ? null : "option routers " + routers, ROUTERS);
        put(subnet, subnetStatement(DNS_SERVERS), dns == null ? null : "option domain-name-servers " + dns, DNS_SERVERS);
        put(subnet, subnetStatement(DOMAIN_NAME), domain == null ? null : "option domain-name " + RowFields.quote(domain), DOMAIN_NAME);
        put(subnet, subnetStatement(DEFAULT_LEASE_TIME), def == null ? null : "default-lease-time " + def, DEFAULT_LEASE_TIME);
        put(subnet, subnetStatement(MAX_LEASE_TIME), max == null ? null : "max-lease-time " + max, MAX_LEASE_TIME);
        return FailoverEdits.finish(config, after, List.of());
    }

    private static Predicate<ConfNode> subnetStatement(String field) {
        return switch (field) {
            case DEFAULT_LEASE_TIME, MAX_LEASE_TIME -> n -> n.startsWith(field);
            default -> n -> n.startsWith("option", field);
        };
    }

    private static ConfNode subnetNode(DhcpdConfig config, String cidr) {
        List<ConfNode> found = config.sites().stream().filter(s -> s.node().isBlock() && s.node().keyword().equals("subnet")
                && DhcpdConfig.cidrOf(s.node()).equals(cidr)).map(ConfSite::node).toList();
        if (found.size() != 1) {
            throw new IllegalArgumentException(found.isEmpty() ? "no subnet " + cidr + " in the configuration now"
                    : "subnet " + cidr + " is declared " + found.size() + " times: edit the one you mean in the file");
        }
        return found.get(0);
    }

    // ---------------------------------------------------------------------------------------------- options

    /**
     * Sets the value of the option {@code name} where the table shows it: {@code level} "global" or a subnet's CIDR;
     * {@code value} null removes the statement. Only an option written once at that level is changed.
     */
    public static FailoverEdits.Edit setOption(DhcpdConfig config, String level, String name, String value) {
        String v = value == null ? null : RowFields.optionValue(VALUE, name, value);
        DhcpdConfig after = config.copy();
        List<ConfSite> found = optionSites(after, level, name);
        if (found.size() != 1) {
            throw new IllegalArgumentException(found.isEmpty() ? "option " + name + " is not set at " + level + " now"
                    : "option " + name + " is written " + found.size() + " times at " + level + ": edit the one you mean in the file");
        }
        ConfSite s = found.get(0);
        if (v == null) {
            ConfLayout.remove(s.parent(), s.node());
        } else {
            // "option NAME = expression" stays an expression
            boolean expression = s.node().tokens.size() > 2 && s.node().tokens.get(2).text().equals("=");
            s.node().setHeader("option " + s.node().tokens.get(1).text() + (expression ? " = " : " ") + v);
        }
        return FailoverEdits.finish(config, after, List.of());
    }

    /** The option statements ({@code option NAME value}, not definitions) written directly at the level. */
    private static List<ConfSite> optionSites(DhcpdConfig config, String level, String name) {
        boolean global = level.equals("global");
        return config.sites().stream().filter(s -> !s.node().isBlock() && s.node().tokens.size() > 2
                        && s.node().startsWith("option", name) && !s.node().tokens.get(2).is("code"))
                .filter(s -> global ? s.subnet() == null && s.sharedNetwork() == null && isRoot(config, s.parent())
                        : s.parent() == s.subnet() && s.subnet() != null && DhcpdConfig.cidrOf(s.subnet()).equals(level))
                .toList();
    }

    private static boolean isRoot(DhcpdConfig config, ConfNode n) {
        return config.files().stream().anyMatch(f -> config.document(f).root == n);
    }

    // ---------------------------------------------------------------------------------------------- hosts

    /** The host's fields as written now ("" when not set). */
    public static Map<String, String> hostValues(DhcpdConfig config, String name) {
        ConfNode host = hostNode(config, name);
        Map<String, String> out = new LinkedHashMap<>();
        ConfNode hw = one(host, hostStatement(HARDWARE), HARDWARE);
        out.put(HARDWARE, hw == null ? "" : valueOf(hw, 2, false));
        ConfNode fixed = one(host, hostStatement(FIXED_ADDRESS), FIXED_ADDRESS);
        out.put(FIXED_ADDRESS, fixed == null ? "" : valueOf(fixed, 1, false));
        ConfNode hn = one(host, hostStatement(HOST_NAME), HOST_NAME);
        out.put(HOST_NAME, hn == null ? "" : valueOf(hn, 2, true));
        return out;
    }

    /**
     * Sets the hardware address, fixed addresses and host name of {@code host NAME} (empty removes a statement).
     * A MAC address or fixed IPv4 address another host declaration has is refused; an address in no declared
     * subnet is a warning (dhcpd never gives it out).
     */
    public static FailoverEdits.Edit editHost(DhcpdConfig config, String name, Map<String, String> values) {
        String mac = RowFields.mac(HARDWARE, values.get(HARDWARE));
        String fixed = RowFields.fixedAddresses(FIXED_ADDRESS, values.get(FIXED_ADDRESS));
        String hostname = RowFields.domain(HOST_NAME, values.get(HOST_NAME));
        ConfNode self = hostNode(config, name);
        List<String> warnings = new ArrayList<>();
        for (ConfSite s : config.sites()) {
            ConfNode h = s.node();
            if (h == self || !h.isBlock() || !h.keyword().equals("host")) continue;
            String other = h.tokens.size() > 1 ? h.tokens.get(1).value() : "?";
            for (ConfNode c : h.children) {
                if (mac != null && hostStatement(HARDWARE).test(c) && c.tokens.size() > 2 && mac.equalsIgnoreCase(c.tokens.get(2).value())) {
                    throw new RowFields.Invalid(HARDWARE, "Host \"" + other + "\" already has " + mac);
                }
                if (fixed != null && hostStatement(FIXED_ADDRESS).test(c)) {
                    for (ConfToken t : c.tokens.subList(1, c.tokens.size())) {
                        for (String a : fixed.split(", ")) {
                            if (Ipv4.parse(a) >= 0 && t.value().equals(a)) {
                                throw new RowFields.Invalid(FIXED_ADDRESS, "Host \"" + other + "\" already has " + a);
                            }
                        }
                    }
                }
            }
        }
        if (fixed != null) {
            for (String a : fixed.split(", ")) {
                long ip = Ipv4.parse(a);
                if (ip < 0) continue;
                boolean inSubnet = config.subnets().stream().anyMatch(sub -> {
                    long net = Ipv4.parse(sub.network()), mask = Ipv4.parse(sub.netmask());
                    return net >= 0 && mask >= 0 && (ip & mask) == (net & mask);
                });
                if (!inSubnet) warnings.add(a + " is in no subnet this server declares: dhcpd will not give it to the host");
            }
        }
        DhcpdConfig after = config.copy();
        ConfNode host = hostNode(after, name);
        ConfNode hw = one(host, hostStatement(HARDWARE), HARDWARE);
        // a token-ring or other hardware type stays what it is
        String type = hw != null && hw.tokens.size() > 1 ? hw.tokens.get(1).text() : "ethernet";
        put(host, hostStatement(HARDWARE), mac == null ? null : "hardware " + type + " " + mac, HARDWARE);
        put(host, hostStatement(FIXED_ADDRESS), fixed == null ? null : "fixed-address " + fixed, FIXED_ADDRESS);
        put(host, hostStatement(HOST_NAME), hostname == null ? null : "option host-name " + RowFields.quote(hostname), HOST_NAME);
        boolean identified = host.children.stream().anyMatch(c -> !c.isBlock() && (c.keyword().equals("hardware")
                || c.keyword().equals("uid") || c.keyword().equals("host-identifier")
                || c.startsWith("option", "dhcp-client-identifier")));
        if (!identified) throw new RowFields.Invalid(HARDWARE, "Enter the MAC address: nothing else identifies this host");
        return FailoverEdits.finish(config, after, warnings);
    }

    private static Predicate<ConfNode> hostStatement(String field) {
        return switch (field) {
            case HARDWARE -> n -> !n.isBlock() && n.startsWith("hardware");
            case FIXED_ADDRESS -> n -> !n.isBlock() && n.startsWith("fixed-address");
            default -> n -> !n.isBlock() && n.startsWith("option", "host-name");
        };
    }

    private static ConfNode hostNode(DhcpdConfig config, String name) {
        List<ConfNode> found = config.sites().stream().map(ConfSite::node).filter(n -> n.isBlock() && n.keyword().equals("host")
                && n.tokens.size() > 1 && n.tokens.get(1).value().equals(name)).toList();
        if (found.size() != 1) {
            throw new IllegalArgumentException(found.isEmpty() ? "no host \"" + name + "\" in the configuration now"
                    : found.size() + " host declarations are named \"" + name + "\": edit the one you mean in the file");
        }
        return found.get(0);
    }

    // ---------------------------------------------------------------------------------------------- statements

    /** The block's one statement that matches, or null; two are refused (which one would dhcpd use?). */
    private static ConfNode one(ConfNode block, Predicate<ConfNode> which, String what) {
        List<ConfNode> found = block.children.stream().filter(c -> !c.isBlock() && which.test(c)).toList();
        if (found.size() > 1) throw new IllegalArgumentException(what + " is written " + found.size() + " times in "
                + block.headerWords() + ": edit it in the file");
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * Makes the block's statement read {@code text}: changed in place when it is there (untouched when it already
     * says so), removed for null, else added after the block's last statement (before its pools and hosts).
     */
    private static void put(ConfNode block, Predicate<ConfNode> which, String text, String what) {
        ConfNode n = one(block, which, what);
        if (n == null) {
            if (text == null) return;
            int at = 0;
            for (int i = 0; i < block.children.size(); i++) if (!block.children.get(i).isBlock()) at = i + 1;
            ConfLayout.insert(block, at, ConfNode.statement("", text));
        } else if (text == null) {
            ConfLayout.remove(block, n);
        } else if (!n.headerWords().equals(text)) {
            n.setHeader(text);
        }
    }

    /** The words from token {@code from} on; a quoted text without its quotes when {@code text}. */
    private static String valueOf(ConfNode n, int from, boolean text) {
        if (text && n.tokens.size() == from + 1) return n.tokens.get(from).value();
        StringBuilder b = new StringBuilder();
        for (int i = from; i < n.tokens.size(); i++) {
            ConfToken t = n.tokens.get(i);
            if (b.length() > 0 && t.kind() != ConfToken.Kind.COMMA) b.append(' ');
            b.append(ConfText.toUnicode(t.text()));
        }
        return b.toString();
    }
}
