package tandem.isc;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tandem.core.access.Need;
import tandem.core.access.Permission;

/**
 * The permission bits a dhcpd.conf write needs, read from what the write changes rather than from who asked for it:
 * the same files before and after are compared statement by statement (whitespace and comments aside), so an
 * undo, a migration or a console edit is judged like any other write.
 * <ul>
 *   <li>a failover peer declaration, or which peers the pools of a subnet refer to: {@code dhcp-administrator};</li>
 *   <li>a subnet added or removed: {@code add-scope} on the server (and {@code dhcp-administrator} when its pools
 *       are in failover);</li>
 *   <li>pools and ranges, host declarations and any other statement inside a subnet: {@code edit-pools},
 *       {@code edit-reservations} and {@code scope-options} on that subnet (a host outside any subnet counts for
 *       the subnet of its fixed address);</li>
 *   <li>anything else (global options, keys, classes, shared networks, includes):
 *       {@code administer-dhcp-servers}.</li>
 * </ul>
 */
final class IscChangeNeeds {
    private IscChangeNeeds() { }

    private static final String NO_PEER = "(no failover)";

    /** @param relationship what the needs name (the server's relationship, or the server when it has none) */
    static List<Need> of(String relationship, DhcpdConfig before, ConfigChange change) {
        DhcpdConfig after;
        try {
            Map<String, String> files = new HashMap<>(before.render());
            files.putAll(change.after());
            after = DhcpdConfig.read(before.mainPath(), path -> {
                String text = files.get(path);
                if (text == null) throw new NoSuchFileException(path);
                return text;
            });
        } catch (IOException | ConfSyntaxException | RuntimeException e) {
            // what cannot be read cannot be judged: only a DHCP administrator writes it
            return List.of(Need.administrator(relationship));
        }
        return of(relationship, before, after);
    }

    static List<Need> of(String relationship, DhcpdConfig before, DhcpdConfig after) {
        Footprint was = Footprint.of(before, after), is = Footprint.of(after, before);
        Set<Need> needs = new LinkedHashSet<>();
        Set<String> subnetsAddedOrRemoved = symmetricDifference(was.subnets, is.subnets);
        if (!subnetsAddedOrRemoved.isEmpty()) needs.add(new Need(Permission.ADD_SCOPE, relationship, null));
        if (!was.peerDeclarations.equals(is.peerDeclarations)) return List.of(Need.administrator(relationship));
        for (String moved : symmetricDifference(was.poolPeers, is.poolPeers)) {
            // a pool without failover counts only where it sits beside pools in failover
            String scope = moved.substring(0, moved.indexOf('|'));
            if (!moved.endsWith("|" + NO_PEER) || inFailover(was, scope) || inFailover(is, scope)) {
                return List.of(Need.administrator(relationship));
            }
        }
        for (Item i : changed(was.items, is.items)) {
            if (i.scope() != null && subnetsAddedOrRemoved.contains(i.scope())) continue;
            needs.add(i.scope() == null ? new Need(Permission.ADMINISTER_DHCP_SERVERS, relationship, null)
                    : new Need(i.bit(), relationship, i.scope()));
        }
        // a write that changes nothing a rule names (e.g. only comments): the server as a whole
        if (needs.isEmpty()) needs.add(new Need(Permission.ADMINISTER_DHCP_SERVERS, relationship, null));
        return List.copyOf(needs);
    }

    private static boolean inFailover(Footprint f, String scope) {
        return f.poolPeers.stream().anyMatch(p -> p.startsWith(scope + "|") && !p.endsWith("|" + NO_PEER));
    }

    /** One statement or block as it counts: the bit it needs and the subnet it is in (null: the server). */
    private record Item(Permission bit, String scope, String text) { }

    /** What a configuration holds, in the units the rules compare. */
    private static final class Footprint {
        // kept in the file's order, so that the needs (and the first one a refusal names) come out the same each time
        final Set<String> subnets = new LinkedHashSet<>();
        final Map<String, Integer> peerDeclarations = new java.util.LinkedHashMap<>();
        /** "subnet|peer" for every pool and range: which peers the pools of each subnet refer to. */
        final Set<String> poolPeers = new LinkedHashSet<>();
        final Map<Item, Integer> items = new java.util.LinkedHashMap<>();

        /** @param other the configuration on the other side, whose subnets also place a host by its address */
        static Footprint of(DhcpdConfig config, DhcpdConfig other) {
            Footprint f = new Footprint();
            List<Subnet> subnets = new ArrayList<>(config.subnets());
            subnets.addAll(other.subnets());
            Set<ConfNode> counted = Collections.newSetFromMap(new IdentityHashMap<>());
            for (ConfSite s : config.sites()) {
                ConfNode n = s.node();
                if (counted.contains(n)) continue;
                String scope = s.subnet() == null ? null : DhcpdConfig.subnetOf(s.subnet(), s.doc()).cidr();
                String k = n.keyword();
                if (DhcpdConfig.isPeerDeclaration(n)) {
                    f.peerDeclarations.merge(text(n), 1, Integer::sum);
                } else if (n.isBlock() && k.equals("subnet")) {
                    f.subnets.add(DhcpdConfig.subnetOf(n, s.doc()).cidr());
                    f.add(new Item(Permission.SCOPE_OPTIONS, DhcpdConfig.subnetOf(n, s.doc()).cidr(), header(n)));
                    continue; // its statements count one by one
                } else if (n.isBlock() && k.equals("pool")) {
                    String peer = NO_PEER;
                    StringBuilder rest = new StringBuilder(header(n));
                    for (ConfNode c : n.children) {
                        if (DhcpdConfig.isPeerReference(c)) peer = DhcpdConfig.peerName(c);
                        else rest.append(' ').append(text(c));
                    }
                    f.poolPeers.add(scope + "|" + peer);
                    f.add(new Item(Permission.EDIT_POOLS, scope, rest.toString()));
                } else if (!n.isBlock() && k.equals("range")) {
                    f.poolPeers.add(scope + "|" + NO_PEER);
                    f.add(new Item(Permission.EDIT_POOLS, scope, text(n)));
                } else if (DhcpdConfig.isPeerReference(n)) {
                    f.poolPeers.add(scope + "|" + DhcpdConfig.peerName(n) + "|outside a pool");
                } else if (n.isBlock() && k.equals("host")) {
                    f.add(new Item(Permission.EDIT_RESERVATIONS, scope != null ? scope : subnetOfHost(n, subnets), text(n)));
                } else if (n.isBlock() && (k.equals("shared-network") || k.equals("group"))) {
                    f.add(new Item(Permission.SCOPE_OPTIONS, scope, header(n)));
                    continue; // what it holds counts one by one
                } else {
                    f.add(new Item(Permission.SCOPE_OPTIONS, scope, text(n)));
                }
                if (n.isBlock()) absorb(n, counted);
            }
            return f;
        }

        private void add(Item i) { items.merge(i, 1, Integer::sum); }
    }

    private static void absorb(ConfNode n, Set<ConfNode> counted) {
        if (n.children == null) return;
        for (ConfNode c : n.children) {
            counted.add(c);
            absorb(c, counted);
        }
    }

    /** The subnet (of either side) that holds the host's fixed address; null when it names none or a host name. */
    private static String subnetOfHost(ConfNode host, List<Subnet> subnets) {
        for (ConfNode c : host.children) {
            if (c.isBlock() || !c.keyword().equals("fixed-address")) continue;
            List<ConfToken> words = c.tokens.stream().filter(t -> t.kind() == ConfToken.Kind.WORD).toList();
            // several addresses, or a name: no one subnet
            if (words.size() != 2 || c.tokens.stream().anyMatch(t -> t.kind() == ConfToken.Kind.COMMA)) return null;
            long ip = Ipv4.parse(words.get(1).value());
            if (ip < 0) return null;
            for (Subnet s : subnets) {
                long net = Ipv4.parse(s.network());
                int prefix = Ipv4.prefixLength(s.netmask());
                if (net < 0 || prefix < 0) continue;
                long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
                if ((ip & mask) == (net & mask)) return s.cidr();
            }
        }
        return null;
    }

    /** The node's words, whatever whitespace and comments surround them. */
    private static String text(ConfNode n) {
        StringBuilder b = new StringBuilder(header(n));
        if (n.children != null) {
            b.append(" {");
            for (ConfNode c : n.children) b.append(' ').append(text(c));
            b.append(" }");
        }
        return b.toString();
    }

    private static String header(ConfNode n) {
        StringBuilder b = new StringBuilder();
        for (ConfToken t : n.tokens) {
            if (t.kind() == ConfToken.Kind.EOF) continue;
            if (b.length() > 0) b.append(' ');
            b.append(t.text());
        }
        return b.toString();
    }

    private static <T> Set<T> symmetricDifference(Set<T> a, Set<T> b) {
        Set<T> out = new LinkedHashSet<>(a);
        out.addAll(b);
        Set<T> both = new HashSet<>(a);
        both.retainAll(b);
        out.removeAll(both);
        return out;
    }

    private static List<Item> changed(Map<Item, Integer> a, Map<Item, Integer> b) {
        List<Item> out = new ArrayList<>();
        Set<Item> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (Item i : keys) if (!a.getOrDefault(i, 0).equals(b.getOrDefault(i, 0))) out.add(i);
        return out;
    }
}
