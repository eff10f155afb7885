package tandem.core.backend;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import tandem.core.Backend;
import tandem.core.ConfigCheck;
import tandem.core.ConnectionSettings;
import tandem.core.PeerObservation;
import tandem.core.Relationship;
import tandem.core.RelationshipState;
import tandem.core.port.ConfigChecker;
import tandem.core.port.PeerProbe;
import tandem.core.port.ServerImporter;

/** The registered backends; everything that depends on a relationship's kind of server is looked up here. */
public final class Backends {
    private final Map<Backend, BackendModule> modules = new LinkedHashMap<>();

    public Backends(List<BackendModule> registered) {
        for (BackendModule m : registered) {
            if (modules.putIfAbsent(m.backend(), m) != null) {
                throw new IllegalArgumentException("Two modules for " + m.backend().wire());
            }
        }
    }

    public List<BackendModule> all() { return List.copyOf(modules.values()); }

    public Optional<BackendModule> find(Backend backend) { return Optional.ofNullable(modules.get(backend)); }

    public BackendModule of(Relationship rel) {
        return find(rel.backend()).orElseThrow(() -> new IllegalArgumentException(
                "No support for " + rel.backend().wire() + " servers"));
    }

    public Map<Backend, ServerImporter> importers() {
        Map<Backend, ServerImporter> out = new LinkedHashMap<>();
        modules.forEach((b, m) -> out.put(b, m.importer()));
        return out;
    }

    /** Every backend's own preferences, in registration order. */
    public List<Setting> settings() {
        return modules.values().stream().flatMap(m -> m.settings().stream()).toList();
    }

    /** Whether the console mirrors configuration changes to the relationship's other servers, and why not. */
    public ReplicationStatus replication(Relationship rel, tandem.core.Preferences preferences) {
        return find(rel.backend()).map(m -> m.replication(rel, preferences)).orElse(ReplicationStatus.NOT_BY_THE_CONSOLE);
    }

    /** How the relationship's configuration tables are read, when its backend offers them. */
    public Optional<tandem.core.config.ConfigTableSource> configuration(Relationship rel) {
        return find(rel.backend()).flatMap(BackendModule::configuration);
    }

    /** The relationship's settings as its backend last read them (empty when it has none). */
    public List<Fact> facts(Relationship rel) {
        return find(rel.backend()).map(m -> m.facts(rel)).orElse(List.of());
    }

    /** How the relationship's leases are read, empty when its backend cannot. */
    public Optional<tandem.core.lease.LeaseSource> leases(Relationship rel) {
        return find(rel.backend()).flatMap(BackendModule::leases);
    }

    /** Each probe goes to its relationship's backend. */
    public PeerProbe probe() {
        return new PeerProbe() {
            @Override
            public CompletableFuture<PeerObservation> probe(Relationship rel, String peer, ConnectionSettings c,
                                                            Duration timeout) {
                Optional<BackendModule> m = find(rel.backend());
                if (m.isEmpty()) {
                    return CompletableFuture.completedFuture(PeerObservation.unreachable(peer,
                            "No support for " + rel.backend().wire() + " servers", Instant.now()));
                }
                return m.get().probe().probe(rel, peer, c, timeout);
            }

            @Override
            public Duration budget(Relationship rel, Duration timeout) {
                return find(rel.backend()).map(m -> m.probe().budget(rel, timeout)).orElse(timeout);
            }

            @Override
            public StateVocabulary vocabulary(Relationship rel) {
                return find(rel.backend()).map(BackendModule::states).orElse(NO_STATES);
            }
        };
    }

    /** Each relationship's checks come from its backend. */
    public ConfigChecker checks() {
        return (Relationship rel, RelationshipState state) -> {
            Optional<BackendModule> m = find(rel.backend());
            return m.isEmpty() ? List.<ConfigCheck>of() : m.get().checks().checks(rel, state);
        };
    }

    /** Each relationship's actions come from its backend. */
    public FailoverActions actions() {
        return new FailoverActions() {
            @Override public List<ActionKind> offered(Relationship rel) {
                return find(rel.backend()).map(m -> m.actions().offered(rel)).orElse(List.of());
            }

            @Override public ActionPlan plan(Relationship rel, RelationshipState state, ActionRequest request) {
                Optional<BackendModule> m = find(rel.backend());
                if (m.isEmpty()) return new ActionPlan.Refused("No support for " + rel.backend().wire() + " servers", null);
                List<ActionKind> offered = m.get().actions().offered(rel);
                if (offered.stream().noneMatch(k -> k.id().equals(request.kind()))) {
                    return new ActionPlan.Refused(rel.name() + " (" + m.get().displayName() + ") offers no "
                            + request.kind() + (offered.isEmpty() ? "; it has no HA or failover actions"
                            : "; it offers " + String.join(", ", offered.stream().map(ActionKind::id).toList())), null);
                }
                return m.get().actions().plan(rel, state, request);
            }

            @Override public tandem.core.HaActionOutcome run(PlannedAction action) {
                return of(action.relationship()).actions().run(action);
            }
        };
    }

    /** For a relationship of a backend that is not registered: nothing is normal, nothing is active. */
    private static final StateVocabulary NO_STATES = new StateVocabulary() {
        @Override public boolean isNormal(String state) { return false; }

        @Override public boolean isActive(String state) { return false; }
    };
}
