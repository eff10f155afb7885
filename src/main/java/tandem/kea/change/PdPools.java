package tandem.kea.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * DHCPv6 prefix-delegation pools ({@code pd-pools}): Kea writes a pool as {@code prefix}, {@code prefix-len} and
 * {@code delegated-len}; the changes name it as one prefix such as 2001:db8:8::/56.
 */
final class PdPools {
    private PdPools() {}

    static void add(ObjectNode config, KeaChange.AddPdPool c) {
        requireV6(config);
        String problem = Ipv6.pdPoolProblem(c.prefix(), c.delegatedLength());
        if (problem != null) throw new ChangeRefused(Ipv6.prefix(c.prefix()) == null ? "prefix" : "delegated-length", problem);
        Ipv6.Prefix wanted = Ipv6.prefix(c.prefix());
        ObjectNode s = KeaChange.Subnets.existing(config, c.subnet());
        for (JsonNode p : s.path("pd-pools")) {
            Ipv6.Prefix other = of(p);
            if (other != null && other.range().overlaps(wanted.range())) {
                throw new ChangeRefused("prefix", "Prefix-delegation pool " + wanted + " overlaps " + other + " of "
                        + c.subnet());
            }
        }
        ObjectNode p = KeaConfigJson.array(s, "pd-pools").addObject();
        p.put("prefix", Ipv6.format(wanted.network()));
        p.put("prefix-len", wanted.length());
        p.put("delegated-len", c.delegatedLength());
    }

    static void remove(ObjectNode config, KeaChange.RemovePdPool c) {
        requireV6(config);
        Ipv6.Prefix wanted = Ipv6.prefix(c.prefix());
        if (wanted == null) throw new ChangeRefused("prefix", Ipv6.prefixProblem(c.prefix()));
        ObjectNode s = KeaChange.Subnets.existing(config, c.subnet());
        ArrayNode pools = KeaConfigJson.array(s, "pd-pools");
        for (int i = 0; i < pools.size(); i++) {
            if (wanted.equals(of(pools.get(i)))) {
                pools.remove(i);
                return;
            }
        }
        throw new ChangeRefused("prefix", "Subnet " + c.subnet() + " has no prefix-delegation pool " + wanted);
    }

    /** The pool's prefix, or null when Kea's fields do not make one. */
    static Ipv6.Prefix of(JsonNode pool) {
        return Ipv6.prefix(pool.path("prefix").asText("") + "/" + pool.path("prefix-len").asText(""));
    }

    private static void requireV6(ObjectNode config) {
        if (!KeaConfigJson.isV6(config)) {
            throw new ChangeRefused("prefix", "Prefix delegation is DHCPv6 only; this is a DHCPv4 relationship");
        }
    }
}
