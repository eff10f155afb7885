package tandem.kea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import tandem.core.ConnectionSettings;
import tandem.core.Inventory;
import tandem.core.PeerDefinition;
import tandem.core.Relationship;
import tandem.core.lease.Lease;
import tandem.core.lease.LeaseSource;
import tandem.core.lease.PartnerLeases;
import tandem.core.lease.Reservation;

/**
 * A Kea relationship's leases from each partner's lease database (lease4-get-page / lease6-get-page, which need the
 * lease_cmds hook), and its reservations from each partner's running configuration (config-get). Read only.
 */
final class KeaLeaseSource implements LeaseSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeaControlAgentClient client;
    private final KeaLeaseReader reader;
    private final Supplier<Inventory> inventory;
    private final Supplier<Duration> requestTimeout;

    KeaLeaseSource(KeaControlAgentClient client, Supplier<Inventory> inventory, Supplier<Duration> requestTimeout) {
        this.client = client;
        this.reader = new KeaLeaseReader(client);
        this.inventory = inventory;
        this.requestTimeout = requestTimeout;
    }

    @Override
    public PartnerLeases read(Relationship rel, OptionalLong subnetId, Duration within) {
        Map<String, List<Lease>> held = new LinkedHashMap<>();
        Map<String, String> unread = new LinkedHashMap<>();
        Map<Long, String> subnets = new LinkedHashMap<>();
        boolean truncated = false;
        String daemon = KeaService.daemon(rel.service());
        for (PeerDefinition p : rel.peers()) {
            Optional<KeaEndpoint> ep = endpoint(rel, p);
            if (ep.isEmpty()) {
                unread.put(p.name(), "no connection settings");
                continue;
            }
            KeaLeaseReader.Result r = reader.read(ep.get(), daemon, within);
            if (!r.answered()) {
                unread.put(p.name(), r.problem());
                continue;
            }
            truncated |= r.truncated();
            held.put(p.name(), subnetId.isPresent()
                    ? r.leases().stream().filter(l -> l.subnetId() == subnetId.getAsLong()).toList() : r.leases());
            if (subnets.isEmpty()) config(ep.get(), daemon).ifPresent(root -> subnets.putAll(subnets(root, rel)));
        }
        return new PartnerLeases(held, unread, subnets, truncated);
    }

    @Override
    public PartnerReservations reservations(Relationship rel, Duration within) {
        Map<String, List<Reservation>> out = new LinkedHashMap<>();
        Map<String, String> unread = new LinkedHashMap<>();
        String daemon = KeaService.daemon(rel.service());
        for (PeerDefinition p : rel.peers()) {
            Optional<JsonNode> root = endpoint(rel, p).flatMap(ep -> config(ep, daemon));
            if (root.isEmpty()) unread.put(p.name(), "its configuration could not be read");
            else out.put(p.name(), reservations(root.get(), rel));
        }
        return new PartnerReservations(out, unread);
    }

    /** The daemon's configuration (the inside of {"Dhcp4": ...}), empty when it does not answer. */
    private Optional<JsonNode> config(KeaEndpoint ep, String daemon) {
        KeaReply reply = client.send(ep, "config-get", daemon, null);
        if (!(reply instanceof KeaReply.Success s)) return Optional.empty();
        return Optional.of(KeaService.rootOf(s.arguments())).filter(n -> !n.isMissingNode());
    }

    static Map<Long, String> subnets(JsonNode root, Relationship rel) {
        Map<Long, String> out = new LinkedHashMap<>();
        for (JsonNode s : allSubnets(root, rel)) {
            if (s.has("id") && s.hasNonNull("subnet")) out.put(s.path("id").asLong(), s.path("subnet").asText());
        }
        return out;
    }

    /** The subnets at top level and inside shared networks. */
    private static List<JsonNode> allSubnets(JsonNode root, Relationship rel) {
        String key = rel.service().isV6() ? "subnet6" : "subnet4";
        List<JsonNode> out = new ArrayList<>();
        root.path(key).forEach(out::add);
        for (JsonNode net : root.path("shared-networks")) net.path(key).forEach(out::add);
        return out;
    }

    static List<Reservation> reservations(JsonNode root, Relationship rel) {
        List<Reservation> out = new ArrayList<>();
        root.path("reservations").forEach(r -> out.add(reservation("global", r)));
        for (JsonNode s : allSubnets(root, rel)) {
            String name = s.path("subnet").asText("id " + s.path("id").asText());
            s.path("reservations").forEach(r -> out.add(reservation(name, r)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Reservation reservation(String subnet, JsonNode r) {
        String ip = KeaJson.text(r, "ip-address");
        if (ip == null && r.path("ip-addresses").size() > 0) ip = r.path("ip-addresses").get(0).asText();
        return new Reservation(subnet, ip, KeaJson.text(r, "hw-address"), KeaJson.text(r, "duid"),
                KeaJson.text(r, "hostname"), JSON.convertValue(r, LinkedHashMap.class));
    }

    private Optional<KeaEndpoint> endpoint(Relationship rel, PeerDefinition p) {
        Optional<ConnectionSettings> c = inventory.get().connectionFor(rel, p);
        return c.map(s -> new KeaEndpoint(s.url(), s.proxy(), s.username(), s.password(), s.trustAnchorPem(),
                requestTimeout.get()));
    }
}
