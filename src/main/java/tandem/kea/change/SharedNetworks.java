package tandem.kea.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tandem.core.AddressRules;
import tandem.kea.KeaService;

/**
 * Changes of a shared network itself: removing it (its subnets kept at the top level, or removed with it), editing
 * its own parameters, and putting it back as it was, in DHCPv4 and DHCPv6 alike. A shared network is named by its
 * name, as the tables show it.
 */
public final class SharedNetworks {
    /** What an edit may set or remove at the network's level; "comment" is its user-context comment. */
    public static final List<String> EDITABLE = List.of("valid-lifetime", "renew-timer", "rebind-timer", "interface",
            "relay", "comment");
    private static final long MAX_SECONDS = 4294967295L;

    private SharedNetworks() {}

    /**
     * Removes a shared network. With {@code withSubnets} its subnets go too; without, they move to the top-level
     * subnet list with their ids, each given what it inherited from the network and does not set itself, so its
     * clients get the same values.
     */
    public record RemoveSharedNetwork(String network, boolean withSubnets) implements KeaChange {
        public RemoveSharedNetwork {
            network = network == null ? null : network.strip();
        }

        public String describe() {
            return withSubnets ? "Remove shared network " + network + " with its subnets"
                    : "Remove shared network " + network + ", keeping its subnets: they move to the top level with the "
                    + "lifetimes, timers, options, relay and interface they inherited from it, so their clients get the same";
        }

        public void applyTo(ObjectNode config) {
            ObjectNode n = ScopedOptions.sharedNetwork(config, network);
            ArrayNode networks = (ArrayNode) KeaConfigJson.root(config).get("shared-networks");
            if (!withSubnets) {
                String key = KeaService.subnets(KeaConfigJson.service(config));
                JsonNode members = n.path(key);
                if (!members.isMissingNode() && !members.isArray()) {
                    throw new ChangeRefused("network", "The " + key + " of shared network " + network
                            + " is not a list, so its subnets cannot be moved");
                }
                ArrayNode top = KeaConfigJson.subnets(config);
                for (JsonNode s : members) {
                    ObjectNode moved = s.deepCopy();
                    Inheritance.inherit(moved, n, key);
                    insertById(top, moved);
                }
            }
            networks.remove(indexOf(networks, network));
        }

        public KeaChange inverse(ObjectNode before) {
            return RestoreSharedNetwork.of(before, network, prefixes(before, network));
        }
    }

    /**
     * Sets (a value) or removes (null) parameters of the network's own level: valid-lifetime, renew-timer,
     * rebind-timer (seconds), interface, relay ({"ip-addresses": [...]}) and comment (in its user-context). A
     * subnet of the network holding the value the network had follows it: Kea 2.2 writes a network's values into
     * each of its subnets, so those are what the subnet inherited; a subnet with a value of its own keeps it.
     */
    public record EditSharedNetwork(String network, Map<String, JsonNode> parameters) implements KeaChange {
        public EditSharedNetwork {
            network = network == null ? null : network.strip();
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            // a removal reads back from the journal as a JSON null: one spelling, so equal changes stay equal
            if (parameters != null) parameters.forEach((k, v) -> sorted.put(k, v == null ? NullNode.getInstance() : v));
            parameters = sorted;
        }

        public String describe() {
            List<String> parts = new ArrayList<>();
            parameters.forEach((k, v) -> parts.add(k + (v == null || v.isNull() ? " removed" : " " + shown(v))));
            return "Edit shared network " + network + ": " + String.join(", ", parts);
        }

        public void applyTo(ObjectNode config) {
            ObjectNode n = ScopedOptions.sharedNetwork(config, network);
            boolean v6 = KeaConfigJson.isV6(config);
            parameters.forEach((k, v) -> check(k, v, v6));
            String key = KeaService.subnets(KeaConfigJson.service(config));
            for (var e : parameters.entrySet()) {
                JsonNode value = e.getValue() == null || e.getValue().isNull() ? null : e.getValue();
                if (e.getKey().equals("comment")) {
                    comment(n, value == null ? null : value.asText());
                    continue;
                }
                JsonNode was = n.get(e.getKey());
                set(n, e.getKey(), was, value);
                for (JsonNode s : n.path(key)) {
                    if (was != null && s instanceof ObjectNode o && was.equals(o.get(e.getKey()))) set(o, e.getKey(), was, value);
                }
            }
            timersInOrder(n);
        }

        /** Back exactly as the network was, its subnets included. */
        public KeaChange inverse(ObjectNode before) { return RestoreSharedNetwork.of(before, network, List.of()); }

        private void timersInOrder(ObjectNode n) {
            String[] order = {"renew-timer", "rebind-timer", "valid-lifetime"};
            for (int i = 0; i < order.length; i++) {
                for (int j = i + 1; j < order.length; j++) {
                    JsonNode a = n.get(order[i]);
                    JsonNode b = n.get(order[j]);
                    if (a == null || b == null || !a.canConvertToLong() || !b.canConvertToLong() || a.asLong() <= b.asLong()) continue;
                    String field = parameters.containsKey(order[i]) ? order[i] : order[j];
                    throw new ChangeRefused(field, order[i] + " (" + a.asLong() + ") must not be longer than " + order[j]
                            + " (" + b.asLong() + ") in shared network " + network);
                }
            }
        }
    }

    /**
     * Puts a shared network back exactly as it was ({@code previous}; null: removes it) at its place {@code index}
     * in the list, with its subnets: those a removal moved to the top level are taken back from there. {@code
     * subnets} names the prefixes the removal took (none for an edit's undo), and {@code topLevel} holds the
     * top-level entries an undone restore had there, put back.
     */
    public record RestoreSharedNetwork(String network, JsonNode previous, Integer index, List<String> subnets,
                                       JsonNode topLevel) implements KeaChange {
        public RestoreSharedNetwork {
            subnets = subnets == null ? List.of() : List.copyOf(subnets);
            previous = previous == null || previous.isNull() ? null : previous;
            topLevel = topLevel == null || topLevel.isNull() ? null : topLevel;
        }

        /** The network and the top-level subnets of those prefixes as {@code before} has them. */
        static RestoreSharedNetwork of(ObjectNode before, String network, List<String> prefixes) {
            return of(before, network, prefixes, prefixes);
        }

        /** @param topLevelOf the prefixes whose top-level subnets are kept, when {@code before} has them there */
        private static RestoreSharedNetwork of(ObjectNode before, String network, List<String> prefixes,
                                               java.util.Collection<String> topLevelOf) {
            var found = KeaConfigJson.sharedNetwork(before, network);
            Integer at = found.isPresent() && KeaConfigJson.root(before).get("shared-networks") instanceof ArrayNode a
                    ? indexOf(a, network) : null;
            ArrayNode top = JsonNodeFactory.instance.arrayNode();
            Set<String> wanted = Set.copyOf(topLevelOf);
            JsonNode list = KeaConfigJson.root(before).get(KeaService.subnets(KeaConfigJson.service(before)));
            if (list != null) {
                for (JsonNode s : list) if (wanted.contains(s.path("subnet").asText())) top.add(s.deepCopy());
            }
            return new RestoreSharedNetwork(network, found.<JsonNode>map(ObjectNode::deepCopy).orElse(null), at,
                    prefixes, top.isEmpty() ? null : top);
        }

        public String describe() {
            return previous == null ? "Remove shared network " + network + " again"
                    : "Restore shared network " + network + " as it was, with its subnets";
        }

        public void applyTo(ObjectNode config) {
            ObjectNode root = KeaConfigJson.root(config);
            String key = KeaService.subnets(KeaConfigJson.service(config));
            // the very subnets a removal moved to the top level (same id and prefix): another one is not taken back
            Set<String> moved = new HashSet<>();
            if (previous != null) for (JsonNode s : previous.path(key)) moved.add(idAndPrefix(s));
            if (topLevel != null) for (JsonNode s : topLevel) moved.add(idAndPrefix(s));
            if (root.get(key) instanceof ArrayNode top) {
                for (int i = top.size() - 1; i >= 0; i--) if (moved.contains(idAndPrefix(top.get(i)))) top.remove(i);
            }
            JsonNode was = previous;
            ArrayNode networks = was == null && !(root.get("shared-networks") instanceof ArrayNode) ? null
                    : KeaConfigJson.array(root, "shared-networks");
            int at = networks == null ? -1 : indexOf(networks, network);
            if (at >= 0) networks.remove(at);
            if (topLevel != null) for (JsonNode s : topLevel) insertById(KeaConfigJson.subnets(config), s.deepCopy());
            if (was == null) return;
            clashes(config, was.path(key));
            int place = at >= 0 ? at : index == null ? networks.size() : Math.min(index, networks.size());
            networks.insert(place, was.deepCopy());
        }

        public KeaChange inverse(ObjectNode before) {
            // undoing the undo: the subnets this one brings back may be at the top level by then (a removal keeping them)
            Set<String> prefixes = new LinkedHashSet<>(subnets);
            String key = KeaService.subnets(KeaConfigJson.service(before));
            if (previous != null) for (JsonNode s : previous.path(key)) prefixes.add(s.path("subnet").asText());
            if (topLevel != null) for (JsonNode s : topLevel) prefixes.add(s.path("subnet").asText());
            return of(before, network, subnets, prefixes);
        }

        /** A subnet of the network coming back whose prefix or id another subnet took meanwhile: Kea would refuse both. */
        private void clashes(ObjectNode config, JsonNode members) {
            for (JsonNode s : members) {
                for (JsonNode other : KeaConfigJson.allSubnets(config)) {
                    boolean samePrefix = other.path("subnet").asText().equals(s.path("subnet").asText());
                    boolean sameId = s.has("id") && other.path("id").equals(s.path("id"));
                    if (samePrefix || sameId) {
                        throw new ChangeRefused("subnet", "Subnet " + s.path("subnet").asText() + " of shared network "
                                + network + " cannot come back: " + other.path("subnet").asText() + " (id "
                                + other.path("id").asText() + ") is now configured " + (samePrefix ? "" : "with its id ")
                                + "elsewhere");
                    }
                }
            }
        }
    }

    /** Why a parameter's value does not suit it; refused at the parameter's field. */
    static void check(String name, JsonNode value, boolean v6) {
        if (!EDITABLE.contains(name)) {
            throw new ChangeRefused(name, name + " cannot be edited here; editable: " + String.join(", ", EDITABLE));
        }
        if (value == null || value.isNull()) return;
        switch (name) {
            case "valid-lifetime", "renew-timer", "rebind-timer" -> {
                if (!value.canConvertToExactIntegral() || value.asLong() < 0 || value.asLong() > MAX_SECONDS) {
                    throw new ChangeRefused(name, name + " must be a whole number of seconds from 0 to " + MAX_SECONDS);
                }
            }
            case "interface" -> {
                String problem = interfaceProblem(value.isTextual() ? value.asText() : null);
                if (problem != null) throw new ChangeRefused(name, problem);
            }
            case "relay" -> {
                JsonNode addresses = value.path("ip-addresses");
                if (!value.isObject() || !addresses.isArray() || value.size() != 1) {
                    throw new ChangeRefused(name, "relay must be {\"ip-addresses\": [...]}");
                }
                for (JsonNode a : addresses) {
                    String problem = relayProblem(a.asText(), v6);
                    if (problem != null) throw new ChangeRefused(name, problem);
                }
            }
            default -> {
                String text = value.asText();
                if (!value.isTextual() || text.isBlank()) throw new ChangeRefused(name, "comment must be text");
                if (text.chars().anyMatch(Character::isISOControl)) throw new ChangeRefused(name, "comment contains a control character");
            }
        }
    }

    /** Why {@code name} is not a network interface name, or null. */
    public static String interfaceProblem(String name) {
        if (name == null || name.isBlank()) return "Enter an interface name such as eth0";
        if (name.length() > 15) return "An interface name has at most 15 characters";
        if (name.equals("*") || name.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c) || c == '/')) {
            return name + " is not an interface name such as eth0";
        }
        return null;
    }

    /** Why {@code address} is not a relay address of the family the service hands out, or null. */
    public static String relayProblem(String address, boolean v6) {
        String a = address == null ? "" : address.strip();
        if (v6 != (a.indexOf(':') >= 0)) {
            return a + " is " + (v6 ? "IPv4" : "IPv6") + ", but the relay of a " + (v6 ? "DHCPv6" : "DHCPv4")
                    + " network has " + (v6 ? "IPv6" : "IPv4") + " addresses";
        }
        return v6 ? Ipv6.addressProblem(a) : AddressRules.ipv4Problem(a);
    }

    /**
     * Sets one parameter at a level (the network or one of its subnets) that had {@code was}. A lifetime bound
     * (min/max-valid-lifetime) that equalled the old lifetime follows it, as Kea writes them equal when none was
     * given; another bound is widened to take the new lifetime, which Kea refuses outside its bounds.
     */
    private static void set(ObjectNode level, String key, JsonNode was, JsonNode value) {
        if (value == null) level.remove(key);
        else level.set(key, value.deepCopy());
        if (!key.equals("valid-lifetime")) return;
        for (String bound : List.of("min-valid-lifetime", "max-valid-lifetime")) {
            JsonNode b = level.get(bound);
            if (b == null) continue;
            if (was != null && b.equals(was)) {
                if (value == null) level.remove(bound);
                else level.set(bound, value.deepCopy());
            } else if (value != null && b.canConvertToLong()
                    && (bound.startsWith("min") ? b.asLong() > value.asLong() : b.asLong() < value.asLong())) {
                level.set(bound, value.deepCopy());
            }
        }
    }

    private static void comment(ObjectNode n, String text) {
        JsonNode context = n.get("user-context");
        if (text == null) {
            if (context instanceof ObjectNode c) {
                c.remove("comment");
                if (c.isEmpty()) n.remove("user-context");
            }
            n.remove("comment");
            return;
        }
        if (context != null && !context.isObject()) {
            throw new ChangeRefused("comment", "The user-context of shared network " + n.path("name").asText()
                    + " is not a map, so its comment cannot be set here");
        }
        n.remove("comment");
        (context == null ? n.putObject("user-context") : (ObjectNode) context).put("comment", text);
    }

    private static String shown(JsonNode v) {
        if (v.isTextual()) return v.asText();
        JsonNode addresses = v.path("ip-addresses");
        if (addresses.isArray()) {
            List<String> out = new ArrayList<>();
            addresses.forEach(a -> out.add(a.asText()));
            return out.isEmpty() ? "none" : String.join(" ", out);
        }
        return v.toString();
    }

    private static String idAndPrefix(JsonNode subnet) {
        return subnet.path("id").asText() + " " + subnet.path("subnet").asText();
    }

    static int indexOf(ArrayNode networks, String name) {
        for (int i = 0; i < networks.size(); i++) if (networks.get(i).path("name").asText().equals(name)) return i;
        return -1;
    }

    private static List<String> prefixes(ObjectNode config, String network) {
        List<String> out = new ArrayList<>();
        KeaConfigJson.sharedNetwork(config, network).ifPresent(n -> {
            for (JsonNode s : n.path(KeaService.subnets(KeaConfigJson.service(config)))) out.add(s.path("subnet").asText());
        });
        return out;
    }

    /** Where config-get would list it: top-level subnets come in the order of their ids. */
    static void insertById(ArrayNode list, JsonNode subnet) {
        long id = subnet.path("id").asLong(Long.MAX_VALUE);
        int at = list.size();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).path("id").canConvertToExactIntegral() && list.get(i).path("id").asLong() > id) {
                at = i;
                break;
            }
        }
        list.insert(at, subnet);
    }

    /** What a subnet leaving its shared network takes along so that its clients get the same values. */
    static final class Inheritance {
        /** The network's own: its name, its subnets, and its notes, which describe the network, not a subnet. */
        private static final Set<String> NOT_INHERITED = Set.of("name", "subnet4", "subnet6", "user-context", "comment");

        private Inheritance() {}

        /**
         * Copies onto {@code subnet} every parameter of {@code network} it does not set itself, and each of the
         * network's options it does not define (same option space, and same name or code).
         */
        static void inherit(ObjectNode subnet, ObjectNode network, String subnetsKey) {
            for (var it = network.fields(); it.hasNext(); ) {
                var e = it.next();
                String k = e.getKey();
                if (NOT_INHERITED.contains(k) || unset(e.getValue())) continue;
                if (k.equals("option-data")) options(subnet, e.getValue());
                else if (unset(subnet.get(k))) subnet.set(k, e.getValue().deepCopy());
            }
        }

        private static void options(ObjectNode subnet, JsonNode inherited) {
            if (!inherited.isArray()) return;
            JsonNode own = subnet.get("option-data");
            if (own != null && !own.isArray()) {
                throw new ChangeRefused("network", "The option-data of subnet " + subnet.path("subnet").asText()
                        + " is not a list, so the network's options cannot be added to it");
            }
            List<JsonNode> add = new ArrayList<>();
            for (JsonNode o : inherited) {
                boolean defined = false;
                if (own != null) for (JsonNode mine : own) defined |= same(mine, o);
                if (!defined) add.add(o.deepCopy());
            }
            if (!add.isEmpty()) KeaConfigJson.array(subnet, "option-data").addAll(add);
        }

        private static boolean same(JsonNode a, JsonNode b) {
            if (!space(a).equals(space(b))) return false;
            if (a.hasNonNull("name") && b.hasNonNull("name") && a.path("name").asText().equals(b.path("name").asText())) return true;
            return a.hasNonNull("code") && b.hasNonNull("code") && a.path("code").asText().equals(b.path("code").asText());
        }

        /** An option without a space is in the service's own (dhcp4 or dhcp6). */
        private static String space(JsonNode option) {
            String s = option.path("space").asText("");
            return s.isEmpty() || s.equals("dhcp6") ? "dhcp4" : s;
        }

        /** Absent, or written with nothing in it (Kea writes "relay": {"ip-addresses": []} for no relay). */
        static boolean unset(JsonNode v) {
            if (v == null || v.isNull()) return true;
            if (v.isTextual()) return v.asText().isEmpty();
            if (v.isArray()) return v.isEmpty();
            if (v.isObject()) {
                for (JsonNode child : v) if (!unset(child)) return false;
                return true;
            }
            return false;
        }
    }
}
