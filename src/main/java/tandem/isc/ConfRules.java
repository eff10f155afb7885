package tandem.isc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The console's own rules on a configuration, beyond what {@code dhcpd -t} checks. */
final class ConfRules {
    private ConfRules() {}

    /** Every problem, at its file and line, over the nodes in dhcpd's reading order. */
    static List<ConfProblem> check(List<ConfSite> sites) {
        List<ConfProblem> out = new ArrayList<>();
        Map<String, PeerDeclaration> declared = new LinkedHashMap<>();
        Map<String, Integer> references = new LinkedHashMap<>();
        for (ConfSite s : sites) {
            ConfNode n = s.node();
            String file = s.doc().path();
            if (DhcpdConfig.isPeerDeclaration(n)) {
                PeerDeclaration d = PeerDeclaration.read(s);
                out.addAll(d.problems());
                if (declared.putIfAbsent(String.valueOf(d.peer().name()), d) != null) {
                    out.add(error(file, n.line, "failover peer \"" + d.peer().name() + "\" is declared twice"));
                }
            } else if (DhcpdConfig.isPeerReference(n)) {
                String name = DhcpdConfig.peerName(n);
                references.merge(String.valueOf(name), 1, Integer::sum);
                if (!n.startsWith("failover", "peer") || n.tokens.size() != 3) {
                    out.add(error(file, n.line, "write a pool's failover peer as: failover peer \"NAME\";"));
                } else if (!declared.containsKey(name)) {
                    out.add(error(file, n.line, "failover peer \"" + name + "\" is not declared before this pool"
                            + " (dhcpd needs the declaration first)"));
                }
                if (s.parent().isBlock() && !s.parent().keyword().equals("pool")) {
                    out.add(error(file, n.line, "a failover peer belongs in a pool, not in a " + s.parent().keyword()));
                }
            } else if (n.isBlock() && n.keyword().equals("pool")) {
                long refs = n.children.stream().filter(DhcpdConfig::isPeerReference).count();
                if (refs > 1) out.add(error(file, n.line, "a pool takes at most one failover peer (this one names " + refs + ")"));
                if (refs > 0) {
                    for (ConfNode c : n.children) {
                        if (!c.isBlock() && c.keyword().equals("range") && AddressRange.fromTokens(c.tokens).dynamicBootp()) {
                            out.add(error(file, c.line, "dynamic-bootp is not allowed in a failover pool"));
                        }
                    }
                }
            } else if (!n.isBlock() && n.keyword().equals("range")) {
                checkRange(s, out);
            }
        }
        for (PeerDeclaration d : declared.values()) {
            if (!references.containsKey(String.valueOf(d.peer().name()))) {
                // dhcpd -t refuses it ("has no referring pools"), so it is an error here too
                out.add(error(d.file(), d.line(), "failover peer \"" + d.peer().name() + "\" is declared but no pool"
                        + " refers to it (dhcpd refuses a peer no pool uses: choose a pool for it)"));
            }
        }
        return out;
    }

    private static void checkRange(ConfSite s, List<ConfProblem> out) {
        AddressRange r = AddressRange.fromTokens(s.node().tokens);
        String file = s.doc().path();
        if (r.low() == null) {
            out.add(error(file, s.node().line, "range needs at least one address"));
            return;
        }
        long low = Ipv4.parse(r.low()), high = Ipv4.parse(r.high());
        if (low < 0 || high < 0) {
            out.add(error(file, s.node().line, "range " + r + ": not an IPv4 address"));
            return;
        }
        if (low > high) out.add(error(file, s.node().line, "range " + r + ": the first address is above the last"));
        if (s.subnet() != null) {
            Subnet sub = DhcpdConfig.subnetOf(s.subnet(), s.doc());
            long net = Ipv4.parse(sub.network()), mask = Ipv4.parse(sub.netmask());
            if (net >= 0 && mask >= 0) {
                for (long a : new long[] {low, high}) {
                    if ((a & mask) != (net & mask)) {
                        out.add(error(file, s.node().line, "range " + r + ": " + Ipv4.format(a) + " is not in subnet " + sub.cidr()));
                        break;
                    }
                }
            }
        } else if (s.parent().isBlock() && s.parent().keyword().equals("pool") && s.sharedNetwork() == null) {
            out.add(error(file, s.node().line, "a pool's range needs a subnet or shared-network around the pool"));
        }
    }

    private static ConfProblem error(String file, int line, String m) {
        return new ConfProblem(file, line, ConfProblem.Severity.ERROR, m);
    }
}
