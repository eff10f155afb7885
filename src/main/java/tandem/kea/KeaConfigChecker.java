package tandem.kea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.ConfigCheck;
import tandem.core.ConfigSnapshot;
import tandem.core.HaMode;
import tandem.core.Inventory;
import tandem.core.PeerDefinition;
import tandem.core.Relationship;
import tandem.core.RelationshipState;
import tandem.core.port.ConfigChecker;
import tandem.core.port.StateStore;

/**
 * {@link KeaHaChecks} over the configuration snapshots the store keeps of each peer of a relationship, plus the
 * last poll's clock skew. A configuration is parsed once per snapshot and looked up again at
 * most every {@link #RECHECK}, so a poll cycle over many relationships does not read every snapshot each time.
 */
public final class KeaConfigChecker implements ConfigChecker {
    private static final Logger LOG = LoggerFactory.getLogger(KeaConfigChecker.class);
    static final Duration RECHECK = Duration.ofSeconds(60);

    private final StateStore store;
    private final Supplier<Inventory> inventory;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(String hash, URI controlAgent, List<ConfigCheck> checks, Instant readAt) {}

    public KeaConfigChecker(StateStore store, Supplier<Inventory> inventory, Clock clock) {
        this.store = store;
        this.inventory = inventory;
        this.clock = clock;
    }

    @Override
    public List<ConfigCheck> checks(Relationship rel, RelationshipState state) {
        if (rel.mode() == HaMode.STANDALONE) return List.of();
        List<ConfigCheck> out = new ArrayList<>(configuration(rel));
        if (state != null) out.addAll(KeaHaChecks.clockSkew(rel, state.peers()));
        return out;
    }

    private List<ConfigCheck> configuration(Relationship rel) {
        Instant now = clock.instant();
        Cached cached = cache.get(rel.name());
        // within RECHECK nothing is read from the store: the UI asks after every poll cycle
        if (cached != null && cached.readAt().plus(RECHECK).isAfter(now)) return cached.checks();
        URI controlAgent = inventory.get().server(rel.serverName()).map(s -> s.connection().url()).orElse(null);
        // the importer stores the primary's configuration; each change and synchronization stores every peer's.
        // Only the hashes are read first: with thousands of relationships, reading and decrypting every stored
        // configuration each minute to find it unchanged would cost gigabytes of garbage
        StringBuilder hashes = new StringBuilder();
        for (PeerDefinition p : rel.peers()) store.latestSnapshotHash(rel.name(), p.name()).ifPresent(h -> hashes.append('/').append(h));
        if (hashes.isEmpty()) return List.of();
        if (cached != null && cached.hash().equals(hashes.toString()) && java.util.Objects.equals(cached.controlAgent(), controlAgent)) {
            cache.put(rel.name(), new Cached(cached.hash(), controlAgent, cached.checks(), now));
            return cached.checks();
        }
        Map<PeerDefinition, ConfigSnapshot> snapshots = new java.util.LinkedHashMap<>();
        for (PeerDefinition p : rel.peers()) store.latestSnapshot(rel.name(), p.name()).ifPresent(s -> snapshots.put(p, s));
        // a snapshot stored between the two reads is checked now and its hash compared next time
        String read = snapshots.values().stream().map(ConfigSnapshot::hash).reduce("", (a, b) -> a + "/" + b);
        List<ConfigCheck> checks = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (var e : snapshots.entrySet()) {
            PeerDefinition peer = e.getKey();
            // the server the relationship was added through is reached at the address the administrator gave
            URI agent = peer.name().equals(rel.serverName()) && controlAgent != null ? controlAgent : peer.url();
            try {
                JsonNode config = mapper.readTree(e.getValue().json());
                // peers share most HA parameters: a finding they all have is listed once
                for (ConfigCheck c : KeaHaChecks.configuration(config, peer.name(), agent)) {
                    if (seen.add(c.sentence())) checks.add(c);
                }
                for (ConfigCheck c : KeaControlSocketChecks.configuration(config, peer.name())) {
                    if (seen.add(c.sentence())) checks.add(c);
                }
            } catch (IOException | RuntimeException ex) {
                LOG.warn("The stored configuration of {} in {} could not be checked: {}", peer.name(), rel.name(), ex.toString());
            }
        }
        cache.put(rel.name(), new Cached(read, controlAgent, List.copyOf(checks), now));
        return List.copyOf(checks);
    }
}
