package tandem.kea.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import tandem.core.AddressRules;
import tandem.kea.KeaService;

/**
 * Reservations found by any of Kea's host identifiers (hw-address, duid, circuit-id, client-id, flex-id), in a
 * subnet or among the global reservations (subnet null), and the edit of one: what {@link KeaChange.EditReservation}
 * and the generic {@link KeaChange.RemoveReservation} do.
 */
public final class HostReservations {
    private HostReservations() {}

    /** DHCPv6 hosts are known by these only: client-id and circuit-id are DHCPv4 options. */
    private static final List<String> TYPES6 = List.of("hw-address", "duid", "flex-id");

    /** Hex bytes with ':', '-' or nothing between them, or a quoted text (circuit-id, flex-id): how Kea reads them. */
    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]{2}([:-]?[0-9A-Fa-f]{2})*");

    /** Why {@code value} is not an identifier of {@code type} Kea takes, or null. */
    public static String identifierProblem(String type, String value) {
        if (type == null || !KeaService.HOST_IDENTIFIERS.contains(type)) {
            return "The identifier type must be one of " + String.join(", ", KeaService.HOST_IDENTIFIERS);
        }
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) return "Give the client's " + type;
        if (type.equals("hw-address")) return AddressRules.macProblem(v);
        if (type.equals("duid")) return ReservationSyntax.duidProblem(v);
        if (quoted(v) && !type.equals("client-id")) return null;
        return HEX.matcher(v).matches() ? null : v + " is not a " + type + ": write it in hex, e.g. 01:02:03:04"
                + (type.equals("client-id") ? "" : ", or as quoted text such as 'port-7'");
    }

    /**
     * The identifier's bytes in lower-case hex without separators, however it is written (Kea writes a hw-address
     * with colons and a client-id without): two spellings of one client compare equal.
     */
    static String key(String value) {
        String v = value == null ? "" : value.strip();
        if (quoted(v)) return HexFormat.of().formatHex(v.substring(1, v.length() - 1).getBytes(StandardCharsets.UTF_8));
        return v.replace(":", "").replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
    }

    private static boolean quoted(String v) { return v.length() >= 2 && v.startsWith("'") && v.endsWith("'"); }

    /** "client-id 01:aa:…" for descriptions: the MAC alone, as the changes have always shown it. */
    static String shown(String type, String value) {
        if (type.equals("hw-address")) return KeaChange.Macs.normal(value);
        if (type.equals("duid")) return "DUID " + ReservationSyntax.duidNormal(value);
        return type + " " + (value == null ? "" : value.strip());
    }

    /** " in subnet 10.0.0.0/24", or " (global)" for a global reservation. */
    static String where(String subnet) { return subnet == null ? " (global)" : " in subnet " + subnet; }

    /**
     * The reservations of the subnet, or the global ones when {@code subnet} is null; a detached empty list when
     * there are none, so a lookup that fails leaves the configuration as it was.
     */
    static ArrayNode scope(ObjectNode config, String subnet) {
        ObjectNode parent = subnet == null ? KeaConfigJson.root(config) : KeaChange.Subnets.existing(config, subnet);
        return parent.has("reservations") ? KeaConfigJson.array(parent, "reservations") : KeaConfigJson.MAPPER.createArrayNode();
    }

    /** The index of the reservation of that identifier in {@code reservations}; refused when there is none. */
    static int find(ObjectNode config, ArrayNode reservations, String subnet, String type, String value) {
        String problem = identifierProblem(type, value);
        if (problem != null) throw new ChangeRefused("identifier", problem);
        if (KeaConfigJson.isV6(config) && !TYPES6.contains(type)) {
            throw new ChangeRefused("identifier", type + " identifies DHCPv4 clients; this is a DHCPv6 relationship");
        }
        String wanted = key(value);
        for (int i = 0; i < reservations.size(); i++) {
            JsonNode r = reservations.get(i);
            if (r.hasNonNull(type) && key(r.path(type).asText()).equals(wanted)) return i;
        }
        throw new ChangeRefused("identifier", (subnet == null ? "There is no global reservation" : "Subnet " + subnet
                + " has no reservation") + " for " + shown(type, value));
    }

    /** Removes the reservation a removal names by its identifier type (or a global one, whatever its type). */
    static void remove(ObjectNode config, KeaChange.RemoveReservation c) {
        String[] id = identifierOf(c);
        ArrayNode reservations = scope(config, c.subnet());
        reservations.remove(find(config, reservations, c.subnet(), id[0], id[1]));
        if (c.subnet() == null && reservations.isEmpty()) KeaConfigJson.root(config).remove("reservations");
    }

    /** {type, value} of a removal: its identifier type when given, else the MAC or the DUID. */
    static String[] identifierOf(KeaChange.RemoveReservation c) {
        if (c.identifierType() != null) return new String[] {c.identifierType(), c.identifier()};
        return c.duid() != null ? new String[] {"duid", c.duid()} : new String[] {"hw-address", c.mac()};
    }

    /**
     * Sets the reservation's addresses, prefixes and host name as the edit gives them, checked as an addition is:
     * within the subnet, not the network or broadcast address, not reserved for another client of the same scope.
     */
    static void edit(ObjectNode config, KeaChange.EditReservation c) {
        boolean v6 = KeaConfigJson.isV6(config);
        ArrayNode reservations = scope(config, c.subnet());
        int at = find(config, reservations, c.subnet(), c.identifierType(), c.identifier());
        ObjectNode r = (ObjectNode) reservations.get(at);
        if (c.hostname() != null && !ReservationSyntax.hostname(c.hostname())) {
            throw new ChangeRefused("hostname", c.hostname() + " is not a valid host name");
        }
        if (c.subnet() != null && (v6 ? Ipv6.prefix(c.subnet()) == null : Ipv4.prefix(c.subnet()) == null)) {
            throw new ChangeRefused("subnet", c.subnet() + " is not a network such as "
                    + (v6 ? "2001:db8:1::/64" : "10.0.0.0/24"));
        }
        List<String> addresses = v6 ? addresses6(c) : addresses4(c);
        List<Ipv6.Prefix> prefixes = prefixes(v6, c);
        for (int i = 0; i < reservations.size(); i++) {
            if (i != at) clash(reservations.get(i), addresses, prefixes, v6);
        }
        // each key replaced where it stands, so the diff shows only the values that change
        ObjectNode edited = r.deepCopy();
        if (v6) {
            set(edited, "ip-addresses", addresses.isEmpty() ? null : array(addresses));
            set(edited, "prefixes", prefixes.isEmpty() ? null : array(prefixes.stream().map(Ipv6.Prefix::toString).toList()));
        } else {
            set(edited, "ip-address", addresses.isEmpty() ? null : KeaConfigJson.MAPPER.getNodeFactory().textNode(addresses.get(0)));
        }
        set(edited, "hostname", c.hostname() == null ? null : KeaConfigJson.MAPPER.getNodeFactory().textNode(c.hostname()));
        if (edited.equals(r)) throw new ChangeRefused("ip", "The reservation of " + shown(c.identifierType(),
                c.identifier()) + " already has these values: nothing to change");
        // in place, its other keys (options, classes, boot fields) and its position kept
        r.removeAll();
        r.setAll(edited);
    }

    private static void set(ObjectNode r, String key, JsonNode value) {
        if (value == null) r.remove(key);
        else r.set(key, value);
    }

    private static ArrayNode array(List<String> values) {
        ArrayNode a = KeaConfigJson.MAPPER.createArrayNode();
        values.forEach(a::add);
        return a;
    }

    /** The edit that puts the reservation back as it is in {@code before}. */
    static KeaChange.EditReservation editBack(ObjectNode before, KeaChange.EditReservation c) {
        ArrayNode reservations = scope(KeaConfigJson.copy(before), c.subnet());
        JsonNode r = reservations.get(find(before, reservations, c.subnet(), c.identifierType(), c.identifier()));
        List<String> addresses = new ArrayList<>();
        if (r.hasNonNull("ip-address")) addresses.add(r.path("ip-address").asText());
        r.path("ip-addresses").forEach(a -> addresses.add(a.asText()));
        List<String> prefixes = new ArrayList<>();
        r.path("prefixes").forEach(p -> prefixes.add(p.asText()));
        return new KeaChange.EditReservation(c.subnet(), c.identifierType(), c.identifier(), addresses, prefixes,
                r.hasNonNull("hostname") ? r.path("hostname").asText() : null);
    }

    private static List<String> addresses4(KeaChange.EditReservation c) {
        if (!c.prefixes().isEmpty()) {
            throw new ChangeRefused("prefix", "A delegated prefix is for DHCPv6 reservations; this is a DHCPv4 relationship");
        }
        if (c.addresses().size() > 1) throw new ChangeRefused("ip", "A DHCPv4 reservation holds one address");
        if (c.addresses().isEmpty()) return List.of();
        String ip = c.addresses().get(0);
        String problem = c.subnet() == null ? AddressRules.ipv4Problem(ip) : AddressRules.reservationProblem(ip, c.subnet());
        if (problem != null) throw new ChangeRefused("ip", problem);
        return List.of(Ipv4.format(Ipv4.parse(ip)));
    }

    private static List<String> addresses6(KeaChange.EditReservation c) {
        List<String> out = new ArrayList<>();
        for (String ip : c.addresses()) {
            String problem = AddressRules.ipv4(ip) >= 0
                    ? ip + " is an IPv4 address; this is a DHCPv6 relationship: give an IPv6 address"
                    : c.subnet() == null ? Ipv6.addressProblem(ip) : Ipv6.reservationProblem(ip, c.subnet());
            if (problem != null) throw new ChangeRefused("ip", problem);
            String normal = Ipv6.format(Ipv6.parse(ip));
            if (out.contains(normal)) throw new ChangeRefused("ip", normal + " is given twice");
            out.add(normal);
        }
        return out;
    }

    private static List<Ipv6.Prefix> prefixes(boolean v6, KeaChange.EditReservation c) {
        List<Ipv6.Prefix> out = new ArrayList<>();
        if (!v6) return out;
        for (String p : c.prefixes()) {
            Ipv6.Prefix prefix = Ipv6.prefix(p);
            if (prefix == null) throw new ChangeRefused("prefix", Ipv6.prefixProblem(p));
            for (Ipv6.Prefix o : out) {
                if (o.range().overlaps(prefix.range())) throw new ChangeRefused("prefix", prefix + " overlaps " + o);
            }
            out.add(prefix);
        }
        return out;
    }

    /** Refuses when another reservation of the scope holds one of the addresses or an overlapping prefix. */
    private static void clash(JsonNode other, List<String> addresses, List<Ipv6.Prefix> prefixes, boolean v6) {
        for (String a : addresses) {
            boolean taken = v6 ? contains6(other.path("ip-addresses"), a)
                    : other.hasNonNull("ip-address") && Ipv4.parse(other.path("ip-address").asText()) == Ipv4.parse(a);
            if (taken) throw new ChangeRefused("ip", a + " is already reserved for " + holder(other));
        }
        for (JsonNode p : other.path("prefixes")) {
            Ipv6.Prefix o = Ipv6.prefix(p.asText());
            for (Ipv6.Prefix mine : prefixes) {
                if (o != null && o.range().overlaps(mine.range())) {
                    throw new ChangeRefused("prefix", mine + " overlaps " + o + ", reserved for " + holder(other));
                }
            }
        }
    }

    private static boolean contains6(JsonNode list, String address) {
        BigInteger wanted = Ipv6.parse(address);
        for (JsonNode a : list) if (wanted.equals(Ipv6.parse(a.asText()))) return true;
        return false;
    }

    private static String holder(JsonNode r) {
        for (String t : KeaService.HOST_IDENTIFIERS) if (r.hasNonNull(t)) return shown(t, r.path(t).asText());
        return "another client";
    }
}
