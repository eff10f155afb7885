package tandem.kea.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import tandem.core.ServiceType;
import tandem.kea.KeaService;

/**
 * The subnet_cmds and host_cmds commands that turn one subnet4 (subnet6) entry into another on a running Kea server,
 * without a config-set. Reservations are written to the server's configuration ({@code "operation-target":
 * "memory"}), as a config-set would have put them; the subnet itself with the delta commands where the difference is
 * pools, prefix-delegation pools, options or plain values, and with subnet4-update (subnet6-update) otherwise.
 */
final class SubnetCommands {
    private SubnetCommands() {}

    static final String HOST_CMDS = "libdhcp_host_cmds.so";
    static final String SUBNET_CMDS = "libdhcp_subnet_cmds.so";

    /** One command and its arguments. */
    record Command(String name, ObjectNode arguments) {
        /** The hook library that provides it. */
        String library() { return name.startsWith("reservation-") ? HOST_CMDS : SUBNET_CMDS; }

        @Override public String toString() { return name + " " + arguments; }
    }

    /**
     * The ids of the subnets that differ between two configurations, when nothing else does: shared networks,
     * globals and every other key are the same, and every subnet has an id. Empty when the change reaches beyond
     * top-level subnets, so the commands cannot carry it.
     */
    static Optional<List<Long>> touched(ObjectNode before, ObjectNode after) {
        ObjectNode b = KeaConfigJson.root(before);
        ObjectNode a = KeaConfigJson.root(after);
        // compared key by key, not copied: a large configuration holds megabytes outside its subnets too
        TreeSet<String> keys = new TreeSet<>();
        b.fieldNames().forEachRemaining(keys::add);
        a.fieldNames().forEachRemaining(keys::add);
        String list = subnetsKey(before);
        if (!list.equals(subnetsKey(after))) return Optional.empty();
        for (String key : keys) {
            if (!key.equals(list) && !java.util.Objects.equals(a.get(key), b.get(key))) return Optional.empty();
        }
        TreeSet<String> top = new TreeSet<>();
        before.fieldNames().forEachRemaining(top::add);
        after.fieldNames().forEachRemaining(top::add);
        for (String key : top) {
            if (!key.equals(KeaService.root(KeaConfigJson.service(before)))
                    && !java.util.Objects.equals(before.get(key), after.get(key))) return Optional.empty();
        }
        Map<Long, JsonNode> was = byId(b.get(list));
        Map<Long, JsonNode> now = byId(a.get(list));
        if (was == null || now == null) return Optional.empty();
        TreeSet<Long> ids = new TreeSet<>(was.keySet());
        ids.addAll(now.keySet());
        List<Long> out = new ArrayList<>();
        for (Long id : ids) {
            if (!java.util.Objects.equals(was.get(id), now.get(id))) out.add(id);
        }
        return Optional.of(out);
    }

    /**
     * {@link #touched(ObjectNode, ObjectNode)} for a change known to touch only the subnet of that prefix (null:
     * unknown): only that subnet is compared, as a deep comparison of thousands of subnets costs more than the
     * commands themselves.
     */
    static Optional<List<Long>> touched(ObjectNode before, ObjectNode after, String subnet) {
        if (subnet == null) return touched(before, after);
        ObjectNode b = KeaConfigJson.root(before);
        ObjectNode a = KeaConfigJson.root(after);
        TreeSet<String> keys = new TreeSet<>();
        b.fieldNames().forEachRemaining(keys::add);
        a.fieldNames().forEachRemaining(keys::add);
        String list = subnetsKey(before);
        if (!list.equals(subnetsKey(after))) return Optional.empty();
        for (String key : keys) {
            if (!key.equals(list) && !java.util.Objects.equals(a.get(key), b.get(key))) return Optional.empty();
        }
        if (Math.abs(a.path(list).size() - b.path(list).size()) > 1) return Optional.empty();
        TreeSet<Long> ids = new TreeSet<>();
        for (JsonNode all : List.of(b.path(list), a.path(list))) {
            for (JsonNode s : all) {
                if (!subnet.equals(s.path("subnet").asText())) continue;
                if (!s.path("id").canConvertToExactIntegral()) return Optional.empty();
                ids.add(s.path("id").asLong());
            }
        }
        List<Long> out = new ArrayList<>();
        for (long id : ids) {
            if (!java.util.Objects.equals(subnet(before, id), subnet(after, id))) out.add(id);
        }
        return Optional.of(out);
    }

    private static Map<Long, JsonNode> byId(JsonNode subnets) {
        Map<Long, JsonNode> out = new LinkedHashMap<>();
        if (subnets == null || subnets.isNull()) return out;
        if (!subnets.isArray()) return null;
        for (JsonNode s : subnets) {
            if (!s.path("id").canConvertToExactIntegral() || out.put(s.path("id").asLong(), s) != null) return null;
        }
        return out;
    }

    /** "subnet4" or "subnet6", after the service the configuration is of. */
    private static String subnetsKey(ObjectNode config) {
        return KeaService.subnets(KeaConfigJson.service(config));
    }

    /** The subnet_cmds command of that service: {@code command(DHCPV6, "add")} is subnet6-add. */
    static String command(ServiceType service, String verb) {
        return KeaService.subnets(service) + "-" + verb;
    }

    /** The subnet4 (subnet6) entry of that id in a configuration, or null. */
    static ObjectNode subnet(ObjectNode config, long id) {
        for (JsonNode s : KeaConfigJson.root(config).path(subnetsKey(config))) {
            if (s instanceof ObjectNode o && s.path("id").asLong(-1) == id) return o;
        }
        return null;
    }

    /**
     * The commands that make {@code from} (null: no such subnet) into {@code to} (null: removed), both subnets of
     * {@code service}.
     */
    static List<Command> plan(ServiceType service, ObjectNode from, ObjectNode to) {
        List<Command> out = new ArrayList<>();
        if (from == null && to == null) return out;
        if (from != null && to != null && from.path("id").asLong() != to.path("id").asLong()) {
            out.addAll(plan(service, from, null));
            out.addAll(plan(service, null, to));
            return out;
        }
        long id = (to != null ? to : from).path("id").asLong();
        Map<String, JsonNode> hostsBefore = hosts(from);
        Map<String, JsonNode> hostsAfter = hosts(to);
        if (to == null) {
            hostsBefore.values().forEach(h -> out.add(hostDel(id, h)));
            out.add(new Command(command(service, "del"), object().put("id", id)));
            return out;
        }
        if (from == null) {
            out.add(new Command(command(service, "add"), subnetArgs(service, withoutHosts(to))));
        } else {
            out.addAll(subnetDelta(service, withoutHosts(from), withoutHosts(to)));
        }
        // removed first: a changed address may move to another client within the same change
        for (var e : hostsBefore.entrySet()) {
            if (!hostsAfter.containsKey(e.getKey())) out.add(hostDel(id, e.getValue()));
        }
        for (var e : hostsAfter.entrySet()) {
            JsonNode was = hostsBefore.get(e.getKey());
            if (was == null) out.add(hostWrite("reservation-add", id, e.getValue()));
            else if (!was.equals(e.getValue())) out.add(hostWrite("reservation-update", id, e.getValue()));
        }
        return out;
    }

    /** The delta commands from one subnet (without reservations) to another, or one subnet4-update (subnet6-). */
    private static List<Command> subnetDelta(ServiceType service, ObjectNode from, ObjectNode to) {
        String space = KeaService.daemon(service);
        if (from.equals(to)) return List.of();
        ObjectNode add = identity(to);
        ObjectNode del = identity(to);
        TreeSet<String> keys = new TreeSet<>();
        from.fieldNames().forEachRemaining(keys::add);
        to.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            JsonNode a = from.get(key);
            JsonNode b = to.get(key);
            if (java.util.Objects.equals(a, b) || key.equals("id") || key.equals("subnet")) continue;
            if (key.equals("pools")) {
                if (!listDelta(a, b, SubnetCommands::poolKey, SubnetCommands::poolRef, add, del, key)) return update(service, to);
            } else if (key.equals("pd-pools") && service.isV6()) {
                if (!listDelta(a, b, SubnetCommands::pdPoolKey, SubnetCommands::pdPoolRef, add, del, key)) return update(service, to);
            } else if (key.equals("option-data")) {
                if (!listDelta(a, b, o -> optionKey(o, space), o -> optionRef(o, space), add, del, key)) return update(service, to);
            } else if ((a == null || a.isValueNode()) && (b == null || b.isValueNode())) {
                if (b == null) del.set(key, a);
                else add.set(key, b);
            } else {
                return update(service, to);  // relay, classes and the like: no delta form for them
            }
        }
        List<Command> out = new ArrayList<>();
        if (del.size() > 2) out.add(new Command(command(service, "delta-del"), subnetArgs(service, del)));
        if (add.size() > 2) out.add(new Command(command(service, "delta-add"), subnetArgs(service, add)));
        return out;
    }

    /** Adds the added or changed entries of a keyed list to {@code add}, the removed ones to {@code del}. */
    private static boolean listDelta(JsonNode from, JsonNode to, java.util.function.Function<JsonNode, String> key,
                                     java.util.function.Function<JsonNode, ObjectNode> ref, ObjectNode add,
                                     ObjectNode del, String field) {
        Map<String, JsonNode> was = keyed(from, key);
        Map<String, JsonNode> now = keyed(to, key);
        if (was == null || now == null) return false;
        for (var e : now.entrySet()) {
            if (!e.getValue().equals(was.get(e.getKey()))) KeaConfigJson.array(add, field).add(e.getValue().deepCopy());
        }
        for (var e : was.entrySet()) {
            if (!now.containsKey(e.getKey())) KeaConfigJson.array(del, field).add(ref.apply(e.getValue()));
        }
        return true;
    }

    private static Map<String, JsonNode> keyed(JsonNode list, java.util.function.Function<JsonNode, String> key) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (list == null || list.isNull()) return out;
        if (!list.isArray()) return null;
        for (JsonNode n : list) {
            String k = key.apply(n);
            if (k == null || out.put(k, n) != null) return null;
        }
        return out;
    }

    /** A pool is keyed by its range, written with or without spaces around the dash. */
    private static String poolKey(JsonNode pool) {
        String p = pool.path("pool").asText(null);
        return p == null ? null : p.replace(" ", "");
    }

    private static ObjectNode poolRef(JsonNode pool) {
        return object().put("pool", pool.path("pool").asText());
    }

    /**
     * A prefix-delegation pool is keyed by its prefix, prefix length and delegated length, as Kea identifies it; the
     * prefix however it is spelled (2001:db8:0::/56 is 2001:db8::/56).
     */
    private static String pdPoolKey(JsonNode pool) {
        Ipv6.Prefix prefix = PdPools.of(pool);
        return prefix == null || !pool.path("delegated-len").canConvertToExactIntegral() ? null
                : prefix + "/" + pool.path("delegated-len").asInt();
    }

    private static ObjectNode pdPoolRef(JsonNode pool) {
        ObjectNode o = object().put("prefix", pool.path("prefix").asText());
        o.set("prefix-len", pool.path("prefix-len"));
        o.set("delegated-len", pool.path("delegated-len"));
        return o;
    }

    /** An option is keyed by its name (or code) and space (default: dhcp4 or dhcp6), as Kea identifies it. */
    private static String optionKey(JsonNode option, String defaultSpace) {
        String space = option.path("space").asText(defaultSpace);
        if (option.hasNonNull("code")) return space + "/#" + option.path("code").asInt();
        return option.hasNonNull("name") ? space + "/" + option.path("name").asText() : null;
    }

    private static ObjectNode optionRef(JsonNode option, String defaultSpace) {
        ObjectNode o = object();
        if (option.hasNonNull("code")) o.put("code", option.path("code").asInt());
        else o.put("name", option.path("name").asText());
        o.put("space", option.path("space").asText(defaultSpace));
        return o;
    }

    private static List<Command> update(ServiceType service, ObjectNode to) {
        return List.of(new Command(command(service, "update"), subnetArgs(service, to)));
    }

    private static ObjectNode identity(ObjectNode subnet) {
        return object().put("id", subnet.path("id").asLong()).put("subnet", subnet.path("subnet").asText());
    }

    private static ObjectNode subnetArgs(ServiceType service, ObjectNode subnet) {
        ObjectNode args = object();
        args.putArray(KeaService.subnets(service)).add(subnet.deepCopy());
        return args;
    }

    static ObjectNode withoutHosts(ObjectNode subnet) {
        ObjectNode copy = subnet.deepCopy();
        copy.remove("reservations");
        return copy;
    }

    private static Command hostDel(long subnetId, JsonNode host) {
        String type = identifierType(host);
        ObjectNode args = object().put("subnet-id", subnetId).put("identifier-type", type)
                .put("identifier", host.path(type).asText()).put("operation-target", "memory");
        return new Command("reservation-del", args);
    }

    private static Command hostWrite(String command, long subnetId, JsonNode host) {
        ObjectNode reservation = ((ObjectNode) host).deepCopy();
        reservation.put("subnet-id", subnetId);
        ObjectNode args = object();
        args.set("reservation", reservation);
        args.put("operation-target", "memory");
        return new Command(command, args);
    }

    /** The reservations of a subnet by their identifier (type and normalized value). */
    private static Map<String, JsonNode> hosts(ObjectNode subnet) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (subnet == null) return out;
        for (JsonNode h : subnet.path("reservations")) {
            String type = identifierType(h);
            if (type == null) throw new ChangeRefused("reservations", "A reservation of subnet "
                    + subnet.path("subnet").asText() + " has no identifier Kea knows");
            out.put(type + "=" + hex(h.path(type).asText()), h);
        }
        return out;
    }

    static String identifierType(JsonNode host) {
        for (String t : KeaService.HOST_IDENTIFIERS) if (host.hasNonNull(t)) return t;
        return null;
    }

    /** An identifier as lowercase hex without separators: Kea writes hw-address with colons, client-id without. */
    static String hex(String identifier) {
        return identifier.replace(":", "").replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
    }

    /**
     * Reservations in the order config-get lists them: by identifier bytes, then identifier type (Kea keeps its
     * hosts in a container ordered that way and renders each subnet's from it).
     */
    static final Comparator<JsonNode> CONFIG_ORDER = Comparator
            .<JsonNode, String>comparing(h -> {
                String type = identifierType(h);
                return type == null ? "" : hex(h.path(type).asText());
            })
            .thenComparingInt(h -> KeaService.HOST_IDENTIFIERS.indexOf(identifierType(h)));

    /** The reservations as config-get shows them in a subnet: without subnet-id, in Kea's order. */
    static ArrayNode configOrder(JsonNode hosts) {
        List<JsonNode> list = new ArrayList<>();
        for (JsonNode h : hosts) {
            ObjectNode copy = ((ObjectNode) h).deepCopy();
            copy.remove("subnet-id");
            list.add(copy);
        }
        list.sort(CONFIG_ORDER);
        ArrayNode out = KeaConfigJson.MAPPER.createArrayNode();
        list.forEach(out::add);
        return out;
    }

    /** A copy of {@code config} with the subnet of that id replaced by {@code subnet} (null: removed), in id order. */
    static ObjectNode splice(ObjectNode config, long id, ObjectNode subnet) {
        ObjectNode out = config.deepCopy();
        ArrayNode all = KeaConfigJson.subnets(out);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).path("id").asLong(-1) == id) all.remove(i);
        }
        if (subnet == null) return out;
        int at = all.size();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).path("id").asLong() > id) {
                at = i;
                break;
            }
        }
        all.insert(at, subnet.deepCopy());
        return out;
    }

    private static ObjectNode object() {
        return KeaConfigJson.MAPPER.createObjectNode();
    }
}
