package tandem.kea;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import tandem.core.ConnectionSettings;
import tandem.core.Inventory;
import tandem.core.PeerDefinition;
import tandem.core.Relationship;
import tandem.core.ServiceType;
import tandem.core.config.ConfigRow;
import tandem.core.config.ConfigTableSource;
import tandem.core.config.ConfigTables;

/**
 * A Kea relationship's configuration tables: config-get from the first peer that answers, and each subnet's
 * utilization from the server's own statistics (statistic-get-all is built into kea-dhcp4 and kea-dhcp6; no hook
 * needed). When the statistics cannot be read the subnets still show their pool sizes, with nothing leased known.
 */
public final class KeaConfigTables implements ConfigTableSource {
    /** A large configuration takes the server seconds to serialize. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final KeaControlAgentClient client;
    private final Supplier<Inventory> inventory;
    private final Clock clock;

    public KeaConfigTables(KeaControlAgentClient client, Supplier<Inventory> inventory, Clock clock) {
        this.client = client;
        this.inventory = inventory;
        this.clock = clock;
    }

    @Override
    public ConfigTables read(Relationship relationship) throws IOException {
        String daemon = KeaService.daemon(relationship.service());
        List<String> failures = new ArrayList<>();
        for (PeerDefinition peer : relationship.peers()) {
            Optional<ConnectionSettings> c = inventory.get().connectionFor(relationship, peer);
            if (c.isEmpty()) {
                failures.add(peer.name() + ": no connection settings");
                continue;
            }
            KeaEndpoint ep = new KeaEndpoint(c.get().url(), c.get().proxy(), c.get().username(), c.get().password(),
                    c.get().trustAnchorPem(), READ_TIMEOUT);
            KeaReply reply = client.send(ep, "config-get", daemon, null);
            if (!(reply instanceof KeaReply.Success ok) || !ok.arguments().isObject()) {
                failures.add(peer.name() + ": " + (reply instanceof KeaReply.Failure f ? f.message() : "no configuration"));
                continue;
            }
            KeaReply stats = client.send(ep, "statistic-get-all", daemon, null);
            JsonNode statistics = stats instanceof KeaReply.Success s ? s.arguments() : null;
            return tables(relationship.name(), peer.name(), clock.instant(), ok.arguments(), statistics);
        }
        throw new IOException("No server of " + relationship.name() + " answered config-get: "
                + String.join("; ", failures));
    }

    /**
     * The rows of a config-get answer ({"Dhcp4": …} or {"Dhcp6": …}).
     *
     * @param statistics statistic-get-all's arguments, or null when they could not be read
     */
    public static ConfigTables tables(String relationship, String peer, java.time.Instant at, JsonNode config,
                                      JsonNode statistics) {
        ServiceType service = KeaService.of(config);
        boolean v6 = service.isV6();
        JsonNode root = KeaService.rootOf(config);
        String subnetsKey = KeaService.subnets(service);
        Rows rows = new Rows(v6, statistics);
        rows.options("global", root.path("option-data"));
        rows.reservations("global", root.path("reservations"));
        for (JsonNode s : root.path(subnetsKey)) rows.subnet(s, null);
        for (JsonNode n : root.path("shared-networks")) {
            String name = n.path("name").asText("");
            List<String> members = new ArrayList<>();
            for (JsonNode s : n.path(subnetsKey)) {
                rows.subnet(s, name);
                members.add(s.path("subnet").asText(""));
            }
            String iface = KeaJson.text(n, "interface");
            rows.sharedNetworks.add(new ConfigRow.SharedNetwork(name, members, iface == null ? null : "interface " + iface));
            rows.options("shared network " + name, n.path("option-data"));
        }
        for (JsonNode c : root.path("client-classes")) {
            List<String> detail = new ArrayList<>();
            if (c.path("only-if-required").asBoolean(false)) detail.add("only if required");
            int options = c.path("option-data").size();
            if (options > 0) detail.add(options + (options == 1 ? " option" : " options"));
            rows.classes.add(new ConfigRow.ClientClass(c.path("name").asText(""), KeaJson.text(c, "test"),
                    detail.isEmpty() ? null : String.join(", ", detail)));
        }
        return new ConfigTables(relationship, peer, at, rows.subnets, rows.pools, rows.reservations, rows.options,
                rows.sharedNetworks, rows.classes);
    }

    /** Collects the rows while walking the configuration once. */
    private static final class Rows {
        final boolean v6;
        final Map<String, Long> stats = new HashMap<>();
        final boolean haveStats;
        final List<ConfigRow.Subnet> subnets = new ArrayList<>();
        final List<ConfigRow.Pool> pools = new ArrayList<>();
        final List<ConfigRow.Reservation> reservations = new ArrayList<>();
        final List<ConfigRow.Option> options = new ArrayList<>();
        final List<ConfigRow.SharedNetwork> sharedNetworks = new ArrayList<>();
        final List<ConfigRow.ClientClass> classes = new ArrayList<>();

        Rows(boolean v6, JsonNode statistics) {
            this.v6 = v6;
            this.haveStats = statistics != null && statistics.isObject();
            if (haveStats) {
                // each statistic is [[value, timestamp], …], newest first
                statistics.fields().forEachRemaining(e -> {
                    JsonNode v = e.getValue().path(0).path(0);
                    if (v.isNumber()) stats.put(e.getKey(), v.asLong());
                });
            }
        }

        void subnet(JsonNode s, String sharedNetwork) {
            String prefix = s.path("subnet").asText("");
            String id = s.path("id").isMissingNode() ? null : s.path("id").asText();
            BigInteger size = BigInteger.ZERO;
            boolean sized = true;
            for (JsonNode p : s.path("pools")) {
                String range = p.path("pool").asText("");
                String cls = KeaJson.text(p, "client-class");
                pools.add(new ConfigRow.Pool(prefix, range, cls == null ? null : "class " + cls));
                BigInteger n = poolSize(range);
                if (n == null) sized = false;
                else size = size.add(n);
            }
            int pdPools = 0;
            for (JsonNode p : s.path("pd-pools")) {
                pdPools++;
                String range = p.path("prefix").asText("") + "/" + p.path("prefix-len").asText("");
                pools.add(new ConfigRow.Pool(prefix, range, PD_DETAIL + p.path("delegated-len").asText("")));
            }
            options(prefix, s.path("option-data"));
            int reserved = reservations(prefix, s.path("reservations"));
            Long addresses = sized ? clamp(size) : null;
            Long assigned = null;
            if (haveStats && id != null) {
                String total = v6 ? "total-nas" : "total-addresses";
                String leased = v6 ? "assigned-nas" : "assigned-addresses";
                Long t = stats.get("subnet[" + id + "]." + total);
                Long a = stats.get("subnet[" + id + "]." + leased);
                if (t != null) addresses = t;
                assigned = a;
            }
            String comment = KeaJson.text(s, "comment");
            if (comment == null) comment = KeaJson.text(s.path("user-context"), "comment");
            subnets.add(new ConfigRow.Subnet(prefix, id, sharedNetwork, s.path("pools").size() + pdPools, reserved,
                    addresses, assigned, comment));
        }

        int reservations(String subnet, JsonNode list) {
            int n = 0;
            for (JsonNode r : list) {
                String identifier = identifier(r);
                List<String> addresses = new ArrayList<>();
                if (r.hasNonNull("ip-address")) addresses.add(r.path("ip-address").asText());
                for (JsonNode a : r.path("ip-addresses")) addresses.add(a.asText());
                for (JsonNode p : r.path("prefixes")) addresses.add(p.asText());
                reservations.add(new ConfigRow.Reservation(subnet, identifier, String.join(", ", addresses),
                        KeaJson.text(r, "hostname"), null));
                // named by its address, as the option changes find it; by its identifier when it has none
                options("reservation " + (addresses.isEmpty() ? identifier : addresses.get(0)), r.path("option-data"));
                n++;
            }
            return n;
        }

        void options(String level, JsonNode list) {
            for (JsonNode o : list) {
                Integer code = o.path("code").isInt() ? o.path("code").asInt() : null;
                String name = KeaJson.text(o, "name");
                options.add(new ConfigRow.Option(level, name == null ? String.valueOf(code) : name, code,
                        o.path("data").asText("")));
            }
        }
    }

    /** How a pd-pool's detail begins; what follows is its delegated length. */
    public static final String PD_DETAIL = "delegates /";

    /** "hw-address 02:00:…" — the identifier type and value, as Kea names them. */
    static String identifier(JsonNode r) {
        for (String type : KeaService.HOST_IDENTIFIERS) {
            if (r.hasNonNull(type)) return type + " " + r.path(type).asText();
        }
        return "unknown";
    }

    /** The number of addresses of a pool ("first - last" or a prefix), or null when it cannot be read. */
    static BigInteger poolSize(String pool) {
        try {
            int dash = pool.indexOf('-');
            if (dash > 0) {
                BigInteger first = number(pool.substring(0, dash).strip());
                BigInteger last = number(pool.substring(dash + 1).strip());
                return last.compareTo(first) < 0 ? null : last.subtract(first).add(BigInteger.ONE);
            }
            int slash = pool.indexOf('/');
            if (slash > 0) {
                byte[] a = literal(pool.substring(0, slash).strip());
                int len = Integer.parseInt(pool.substring(slash + 1).strip());
                int bits = a.length * 8;
                return len < 0 || len > bits ? null : BigInteger.ONE.shiftLeft(bits - len);
            }
        } catch (RuntimeException | java.net.UnknownHostException e) {
            return null;
        }
        return null;
    }

    private static BigInteger number(String address) throws java.net.UnknownHostException {
        return new BigInteger(1, literal(address));
    }

    /** An address literal's bytes; never a name lookup (a name is refused before InetAddress sees it). */
    private static byte[] literal(String address) throws java.net.UnknownHostException {
        if (!address.matches("[0-9a-fA-F:.]+")) throw new java.net.UnknownHostException(address);
        return InetAddress.getByName(address).getAddress();
    }

    private static Long clamp(BigInteger n) {
        return n.bitLength() >= 63 ? Long.MAX_VALUE : n.longValue();
    }
}
