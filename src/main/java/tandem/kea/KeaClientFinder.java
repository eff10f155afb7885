package tandem.kea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.Inventory;
import tandem.core.PeerDefinition;
import tandem.core.Relationship;
import tandem.core.lease.ClientQuery;
import tandem.core.lease.Lease;
import tandem.core.lease.LeaseComparison;

/**
 * Finds a client in every Kea DHCPv4 relationship: its reservations in each partner's configuration and its leases
 * in each partner's lease database, with whether the partners agree.
 */
public final class KeaClientFinder {
    /**
     * One reservation or lease of the client.
     *
     * @param subnet   the subnet prefix ("10.10.0.0/24"), "global" for a global reservation, "id N" when unknown
     * @param kind     "reservation" or "lease"
     * @param partners every peer of the relationship with what it holds, or null when it holds nothing
     * @param agree    true when every peer holds the same
     */
    public record Match(String relationship, String subnet, String kind, String ip, String mac, String hostname,
                        Map<String, ObjectNode> partners, boolean agree) {
        /** The peers that hold it. */
        public List<String> holders() {
            return partners.entrySet().stream().filter(e -> e.getValue() != null).map(Map.Entry::getKey).toList();
        }
    }

    /** The matches, and the peers whose leases or configuration could not be read (peer to reason). */
    public record Result(List<Match> matches, Map<String, String> unread) {}

    private final Inventory inventory;
    private final KeaLeaseReader leases;
    private final BiFunction<Relationship, String, Optional<ObjectNode>> configOf;
    private final Duration timeout;

    /** @param configOf a peer's running configuration (config-get answer, {"Dhcp4": ...}), empty when unreadable */
    public KeaClientFinder(Inventory inventory, KeaControlAgentClient client,
                           BiFunction<Relationship, String, Optional<ObjectNode>> configOf, Duration timeout) {
        this.inventory = inventory;
        this.leases = new KeaLeaseReader(client);
        this.configOf = configOf;
        this.timeout = timeout;
    }

    public Result find(ClientQuery query) {
        List<Match> out = new ArrayList<>();
        Map<String, String> unread = new LinkedHashMap<>();
        for (Relationship rel : inventory.relationships()) {
            if (rel.backend() != Backend.KEA || rel.service().isV6()) continue;
            Map<String, JsonNode> configs = new LinkedHashMap<>();
            Map<String, List<Lease>> held = new LinkedHashMap<>();
            for (PeerDefinition p : rel.peers()) {
                String label = rel.name() + "/" + p.name();
                Optional<ObjectNode> config = configOf.apply(rel, p.name());
                if (config.isPresent()) configs.put(p.name(), KeaService.rootOf(config.get()));
                else unread.put(label, "its configuration could not be read");
                Optional<ConnectionSettings> c = inventory.connectionFor(rel, p);
                if (c.isEmpty()) {
                    unread.put(label, "no connection settings");
                    continue;
                }
                KeaLeaseReader.Result r = leases.read(endpoint(c.get()), timeout);
                if (!r.answered()) unread.put(label, r.problem());
                else held.put(p.name(), r.leases());
            }
            out.addAll(reservations(rel, configs, query));
            out.addAll(leases(rel, configs, held, query));
        }
        return new Result(List.copyOf(out), Collections.unmodifiableMap(unread));
    }

    /** Leases compared among the peers whose leases were read; a peer that did not answer is left out. */
    static List<Match> leases(Relationship rel, Map<String, JsonNode> configs, Map<String, List<Lease>> held,
                              ClientQuery query) {
        List<Match> out = new ArrayList<>();
        LeaseComparison cmp = LeaseComparison.of(held, LeaseComparison.DEFAULT_TOLERANCE_SECONDS);
        for (LeaseComparison.Row row : cmp.rows()) {
            boolean hit = row.byPartner().values().stream().filter(Objects::nonNull)
                    .anyMatch(l -> query.matches(l.ip(), l.mac(), l.hostname()));
            if (!hit) continue;
            Lease any = row.any();
            Map<String, ObjectNode> partners = new LinkedHashMap<>();
            row.byPartner().forEach((peer, l) -> partners.put(peer, l == null ? null : leaseJson(l)));
            out.add(new Match(rel.name(), subnetName(configs, any.subnetId()), "lease", row.ip(), any.mac(),
                    any.hostname(), Collections.unmodifiableMap(partners), row.agree()));
        }
        return out;
    }

    static List<Match> reservations(Relationship rel, Map<String, JsonNode> configs, ClientQuery query) {
        // key: subnet + identifying text, so the same reservation on two peers is one match
        Map<String, Map<String, ObjectNode>> found = new LinkedHashMap<>();
        Map<String, String[]> identity = new LinkedHashMap<>();
        for (var e : configs.entrySet()) {
            List<Map.Entry<String, JsonNode>> lists = new ArrayList<>();
            lists.add(Map.entry("global", e.getValue().path("reservations")));
            for (JsonNode s : e.getValue().path("subnet4")) {
                lists.add(Map.entry(s.path("subnet").asText("id " + s.path("id").asText()), s.path("reservations")));
            }
            for (var list : lists) {
                for (JsonNode r : list.getValue()) {
                    String ip = KeaJson.text(r, "ip-address"), mac = KeaJson.text(r, "hw-address"),
                            host = KeaJson.text(r, "hostname");
                    if (!query.matches(ip, mac, host)) continue;
                    String key = list.getKey() + "|" + (mac != null ? "mac " + mac.toLowerCase() : ip != null ? "ip " + ip : "host " + host);
                    found.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(e.getKey(), (ObjectNode) r.deepCopy());
                    identity.putIfAbsent(key, new String[]{list.getKey(), ip, mac, host});
                }
            }
        }
        List<Match> out = new ArrayList<>();
        for (var e : found.entrySet()) {
            Map<String, ObjectNode> partners = new LinkedHashMap<>();
            for (String peer : configs.keySet()) partners.put(peer, e.getValue().get(peer));
            boolean agree = partners.values().stream().allMatch(Objects::nonNull)
                    && partners.values().stream().distinct().count() == 1;
            String[] id = identity.get(e.getKey());
            out.add(new Match(rel.name(), id[0], "reservation", id[1], id[2], id[3],
                    Collections.unmodifiableMap(partners), agree));
        }
        return out;
    }

    static ObjectNode leaseJson(Lease l) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("ip", l.ip());
        n.put("mac", l.mac());
        n.put("hostname", l.hostname());
        n.put("subnet-id", l.subnetId());
        n.put("expires", java.time.Instant.ofEpochSecond(l.expires()).toString());
        n.put("state", l.state());
        return n;
    }

    private static String subnetName(Map<String, JsonNode> configs, long id) {
        for (JsonNode root : configs.values()) {
            for (JsonNode s : root.path("subnet4")) {
                if (s.path("id").asLong(-1) == id && s.hasNonNull("subnet")) return s.path("subnet").asText();
            }
        }
        return "id " + id;
    }

    static KeaEndpoint endpoint(ConnectionSettings c) {
        return new KeaEndpoint(c.url(), c.proxy(), c.username(), c.password(), c.trustAnchorPem(), Duration.ofSeconds(10));
    }
}
