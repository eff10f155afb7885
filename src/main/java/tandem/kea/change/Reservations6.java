package tandem.kea.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import tandem.core.AddressRules;

/**
 * DHCPv6 host reservations: a client known by its DUID or its hardware address, given addresses
 * ({@code ip-addresses}) and delegated prefixes ({@code prefixes}).
 */
final class Reservations6 {
    private Reservations6() {}

    /** "DUID 00:01:..." or the MAC, for descriptions. */
    static String identifierShown(String mac, String duid) {
        return duid != null ? "DUID " + ReservationSyntax.duidNormal(duid) : KeaChange.Macs.normal(mac);
    }

    static void add(ObjectNode config, KeaChange.AddReservation c) {
        String[] id = identifier(c.mac(), c.duid());
        boolean hasIp = c.ip() != null && !c.ip().isBlank();
        if (!hasIp && c.prefix() == null) {
            throw new ChangeRefused("ip", "Give an IPv6 address, a delegated prefix, or both");
        }
        if (c.hostname() != null && !c.hostname().isBlank() && !ReservationSyntax.hostname(c.hostname())) {
            throw new ChangeRefused("hostname", c.hostname() + " is not a valid host name");
        }
        if (hasIp && Ipv6.addressProblem(c.ip()) != null) {
            throw new ChangeRefused("ip", AddressRules.ipv4(c.ip()) >= 0
                    ? c.ip().strip() + " is an IPv4 address; this is a DHCPv6 relationship: give an IPv6 address"
                    : Ipv6.addressProblem(c.ip()));
        }
        Ipv6.Prefix delegated = null;
        if (c.prefix() != null) {
            delegated = Ipv6.prefix(c.prefix());
            if (delegated == null) throw new ChangeRefused("prefix", Ipv6.prefixProblem(c.prefix()));
        }
        ObjectNode s = KeaChange.Subnets.existing(config, c.subnet());
        if (Ipv6.prefix(c.subnet()) == null) {
            throw new ChangeRefused("subnet", c.subnet() + " is not an IPv6 prefix such as 2001:db8:1::/64");
        }
        if (hasIp) {
            String misplaced = Ipv6.reservationProblem(c.ip(), c.subnet());
            if (misplaced != null) throw new ChangeRefused("ip", misplaced);
        }
        BigInteger address = hasIp ? Ipv6.parse(c.ip()) : null;
        for (JsonNode r : s.path("reservations")) {
            if (id[1].equals(normal(id[0], r.path(id[0]).asText("")))) {
                throw new ChangeRefused(id[0].equals("duid") ? "duid" : "mac", identifierShown(c.mac(), c.duid())
                        + " already has a reservation in " + c.subnet());
            }
            for (JsonNode a : r.path("ip-addresses")) {
                if (address != null && address.equals(Ipv6.parse(a.asText()))) {
                    throw new ChangeRefused("ip", Ipv6.format(address) + " is already reserved for " + holder(r));
                }
            }
            for (JsonNode p : r.path("prefixes")) {
                Ipv6.Prefix other = Ipv6.prefix(p.asText());
                if (delegated != null && other != null && other.range().overlaps(delegated.range())) {
                    throw new ChangeRefused("prefix", delegated + " overlaps " + other + ", reserved for " + holder(r));
                }
            }
        }
        ObjectNode r = KeaConfigJson.array(s, "reservations").addObject();
        r.put(id[0], id[1]);
        if (address != null) r.putArray("ip-addresses").add(Ipv6.format(address));
        if (delegated != null) r.putArray("prefixes").add(delegated.toString());
        if (c.hostname() != null && !c.hostname().isBlank()) r.put("hostname", c.hostname().strip());
    }

    static void remove(ObjectNode config, KeaChange.RemoveReservation c) {
        String[] id = identifier(c.mac(), c.duid());
        ObjectNode s = KeaChange.Subnets.existing(config, c.subnet());
        ArrayNode reservations = KeaConfigJson.array(s, "reservations");
        for (int i = 0; i < reservations.size(); i++) {
            if (id[1].equals(normal(id[0], reservations.get(i).path(id[0]).asText("")))) {
                reservations.remove(i);
                return;
            }
        }
        throw new ChangeRefused(id[0].equals("duid") ? "duid" : "mac", "Subnet " + c.subnet() + " has no reservation for "
                + identifierShown(c.mac(), c.duid()));
    }

    /** {key, normal value}: the DUID when given, otherwise the hardware address; exactly one must be there. */
    private static String[] identifier(String mac, String duid) {
        boolean hasMac = mac != null && !mac.isBlank();
        if (duid != null && hasMac) throw new ChangeRefused("duid", "Give a DUID or a MAC address, not both");
        if (duid != null) {
            String problem = ReservationSyntax.duidProblem(duid);
            if (problem != null) throw new ChangeRefused("duid", problem);
            return new String[] {"duid", ReservationSyntax.duidNormal(duid)};
        }
        if (!ReservationSyntax.mac(mac)) {
            throw new ChangeRefused("mac", "Give the client's DUID (e.g. 00:03:00:01:02:00:00:00:00:01) or its MAC"
                    + " address (" + AddressRules.MAC_FORM + ")");
        }
        return new String[] {"hw-address", KeaChange.Macs.normal(mac)};
    }

    private static String normal(String key, String value) {
        return key.equals("duid") ? ReservationSyntax.duidNormal(value) : KeaChange.Macs.normal(value);
    }

    private static String holder(JsonNode r) {
        return r.has("duid") ? "DUID " + r.path("duid").asText() : r.path("hw-address").asText("another client");
    }
}
