package tandem.kea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * {@link KeaHaChecks} over the configuration snapshot the store keeps of the server a relationship was added
 * through, plus the last poll's clock skew. A configuration is parsed once per snapshot and looked up again at
 * most every {@link #RECHECK}, so a poll cycle over many relationships does not read every snapshot each time.
 */
public final class KeaConfigChecker implements ConfigChecker {
    private static final Logger LOG = LoggerFactory.getLogger(KeaConfigChecker.class);
    static final Duration RECHECK = Duration.ofSeconds(60);

    private final StateStore store;
    private final Inventory inventory;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(String hash, URI controlAgent, List<ConfigCheck> checks, Instant readAt) {}

    public KeaConfigChecker(StateStore store, Inventory inventory, Clock clock) {
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
        URI controlAgent = inventory.server(rel.serverName()).map(s -> s.connection().url()).orElse(null);
        // the importer stores the configuration of the server it read, which is the relationship's primary
        String self = rel.primary().map(PeerDefinition::name).orElse(rel.serverName());
        Optional<ConfigSnapshot> snapshot = store.latestSnapshot(rel.name(), self);
        if (snapshot.isEmpty()) return List.of();
        if (cached != null && cached.hash().equals(snapshot.get().hash())
                && java.util.Objects.equals(cached.controlAgent(), controlAgent)) {
            cache.put(rel.name(), new Cached(cached.hash(), controlAgent, cached.checks(), now));
            return cached.checks();
        }
        List<ConfigCheck> checks;
        try {
            JsonNode config = mapper.readTree(snapshot.get().json());
            checks = List.copyOf(KeaHaChecks.configuration(config, self, controlAgent));
        } catch (IOException | RuntimeException e) {
            LOG.warn("The stored configuration of {} could not be checked: {}", rel.name(), e.toString());
            checks = List.of();
        }
        cache.put(rel.name(), new Cached(snapshot.get().hash(), controlAgent, checks, now));
        return checks;
    }
}
