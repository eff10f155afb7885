package tandem.poll;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.Assessment;
import tandem.core.ChangeActivity;
import tandem.core.ConnectionSettings;
import tandem.core.Inventory;
import tandem.core.PeerDefinition;
import tandem.core.PeerObservation;
import tandem.core.Preferences;
import tandem.core.Relationship;
import tandem.core.RelationshipState;
import tandem.core.ServerRecord;
import tandem.core.StatusEvent;
import tandem.core.StatusRules;
import tandem.core.port.PeerProbe;
import tandem.core.port.PollerLease;
import tandem.core.port.StateStore;
import tandem.core.port.StatusView;

/**
 * Polls every peer of every relationship concurrently, assesses each relationship, records status changes and
 * tells listeners what changed. Cycles run on one background thread (never the FX thread); probes run
 * asynchronously in the HTTP client, so a cycle takes about one timeout at worst, whatever the number of peers.
 */
public final class StatusPoller implements AutoCloseable, StatusView {
    private static final Logger LOG = LoggerFactory.getLogger(StatusPoller.class);

    private final ChangeActivity activity;
    private final PollerLease lease;
    private final Inventory inventory;
    private final StateStore store;
    private final PeerProbe probe;
    private final Supplier<Preferences> preferences;
    private final Clock clock;
    private final EndpointBackoff backoff = new EndpointBackoff();
    private final RoundTripRecorder roundTrips = new RoundTripRecorder();
    private final InventoryCache known;
    private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock cycleLock = new ReentrantLock();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tandem-poller");
        t.setDaemon(true);
        return t;
    });
    private volatile Map<String, RelationshipState> states = Map.of();
    /** Until the last-known states were read: a cycle reads them first, and does not run without them. */
    private volatile boolean lastKnownMissing = true;
    /** The last-known states, read on a thread of their own: a console shows its window meanwhile. */
    private final CompletableFuture<Void> lastKnownRead;
    private volatile Instant lastCycle;
    private ScheduledFuture<?> next;
    private boolean running;

    /** What the relationship's HA or failover states mean, as its backend says. */
    public tandem.core.backend.StateVocabulary vocabulary(Relationship relationship) {
        return probe.vocabulary(relationship);
    }

    public StatusPoller(Inventory inventory, StateStore store, PeerProbe probe, Supplier<Preferences> preferences,
                        Clock clock) {
        this(inventory, store, probe, preferences, new ChangeActivity(), clock);
    }

    /** @param activity the console's own changes under way, named in a status they may have caused */
    public StatusPoller(Inventory inventory, StateStore store, PeerProbe probe, Supplier<Preferences> preferences,
                        ChangeActivity activity, Clock clock) {
        this(inventory, store, probe, preferences, activity, PollerLease.SOLE, clock);
    }

    /**
     * @param lease whether this process polls; while another process of the team does, a cycle reads what that
     *              process wrote instead of asking the servers
     */
    public StatusPoller(Inventory inventory, StateStore store, PeerProbe probe, Supplier<Preferences> preferences,
                        ChangeActivity activity, PollerLease lease, Clock clock) {
        this.lease = lease;
        this.activity = activity;
        this.inventory = inventory;
        this.known = new InventoryCache(inventory);
        this.store = store;
        this.probe = probe;
        this.preferences = preferences;
        this.clock = clock;
        this.lastKnownRead = CompletableFuture.runAsync(this::readLastKnown, r -> {
            Thread t = new Thread(r, "tandem-last-known");
            t.setDaemon(true);
            t.start();
        }).exceptionally(e -> {
            LOG.error("Could not read the last-known states", e);
            return null;
        });
    }

    private void readLastKnown() {
        try {
            states = orderedLastKnown();
            lastKnownMissing = false;
        } catch (RuntimeException e) {
            // each cycle reads them again first: without them every relationship would count as first seen
            LOG.warn("Could not read the last-known states: {}", e.getMessage());
        }
    }

    /** Every reader and writer of {@link #states} waits for the last-known ones first. */
    private void awaitLastKnown() {
        lastKnownRead.join();
    }

    /** The current picture, in inventory order: last-known (stale) states until a poll confirms them. */
    public Map<String, RelationshipState> states() {
        awaitLastKnown();
        return states;
    }

    public Optional<Instant> lastCycle() { return Optional.ofNullable(lastCycle); }

    /** How long each peer took to answer this process's probes, over the last day at most. */
    public tandem.core.port.RoundTrips roundTrips() { return roundTrips; }

    @Override
    public Map<String, RelationshipState> current() { return states(); }

    @Override
    public Map<String, RelationshipState> refresh() {
        cycle();
        return states;
    }

    public void addListener(StatusListener listener) { listeners.add(listener); }

    public void removeListener(StatusListener listener) { listeners.remove(listener); }

    /** Starts polling on the configured interval; the first cycle runs at once. */
    public void start() { start(Duration.ZERO); }

    /** Starts polling on the configured interval, the first cycle after {@code first}. */
    public synchronized void start(Duration first) {
        if (running) return;
        running = true;
        scheduleIn(first);
    }

    /** Polls everything now (in the background), including endpoints that are backing off. */
    public synchronized void refreshNow() {
        backoff.reset();
        if (running) scheduleIn(Duration.ZERO);
        else scheduler.execute(this::safeCycle);
    }

    /**
     * The team's poller wrote new states: a process that follows it shows them now rather than at its next cycle.
     * The poller itself ignores it (its own writes).
     */
    public void followNow(java.util.Set<String> relationships) {
        if (lease.held() || scheduler.isShutdown()) return;
        try {
            scheduler.execute(relationships.isEmpty() ? this::safeCycle : () -> followOnly(relationships));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    /** Reads only the relationships the poller says it wrote: a team of thousands stays cheap to follow. */
    private void followOnly(java.util.Set<String> names) {
        awaitLastKnown();
        cycleLock.lock();
        try {
            Map<String, RelationshipState> previous = states;
            Map<String, RelationshipState> next = new LinkedHashMap<>(previous);
            List<RelationshipState> changed = new ArrayList<>();
            store.lastKnown(names).forEach((name, s) -> {
                if (!previous.containsKey(name)) return; // not in this console's inventory yet: the next cycle adds it
                RelationshipState shown = s.asFresh();
                next.put(name, shown);
                if (!Significant.same(previous.get(name), shown)) changed.add(shown);
            });
            publish(next, changed, List.of(), clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("Could not read what the team's poller wrote: {}", e.getMessage());
        } finally {
            cycleLock.unlock();
        }
    }

    /** Call after servers were added or removed: forgets removed relationships and polls at once. */
    public void inventoryChanged() {
        awaitLastKnown();
        known.invalidate();
        Map<String, RelationshipState> kept = new LinkedHashMap<>();
        Map<String, RelationshipState> current = states;
        for (Relationship r : known.current().relationships()) {
            RelationshipState s = current.get(r.name());
            if (s != null) kept.put(r.name(), s);
        }
        states = kept;
        roundTrips.keepOnly(kept.keySet());
        refreshNow();
    }

    /** One full cycle on the caller's thread; what the command line uses. */
    public List<RelationshipState> pollOnce() {
        cycle();
        return List.copyOf(states.values());
    }

    private synchronized void scheduleIn(Duration delay) {
        if (next != null) next.cancel(false);
        if (scheduler.isShutdown()) return;
        next = scheduler.schedule(() -> {
            safeCycle();
            synchronized (this) {
                if (running) scheduleIn(preferences.get().pollInterval());
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void safeCycle() {
        try {
            cycle();
        } catch (RuntimeException e) {
            // a store or probe bug must not end polling for the whole session
            LOG.error("Poll cycle failed", e);
        }
    }

    private void cycle() {
        awaitLastKnown();
        cycleLock.lock();
        try {
            if (lastKnownMissing) {
                readLastKnown();
                if (lastKnownMissing) throw new IllegalStateException("the last-known states cannot be read");
            }
            runCycle();
        } finally {
            cycleLock.unlock();
        }
    }

    private void runCycle() {
        if (!lease.poll()) {
            follow();
            return;
        }
        Preferences prefs = preferences.get();
        Duration timeout = prefs.timeout();
        Instant started = clock.instant();
        InventoryCache.View view = known.current();
        List<Relationship> relationships = view.relationships();
        Map<String, ServerRecord> servers = view.servers();
        Map<String, RelationshipState> previous = states;

        List<Pending> pending = new ArrayList<>(relationships.size());
        ProbeWait waiting = new ProbeWait();
        // as long as the slowest backend needs for the timeout (an SSH login takes longer than an HTTP request)
        Duration slowest = timeout;
        // what every probe asked would take one after the other: no transport that keeps its timeouts takes longer
        Duration serial = Duration.ZERO;
        for (Relationship rel : relationships) {
            Duration budget = budget(rel, timeout);
            Map<String, CompletableFuture<PeerObservation>> peers = new LinkedHashMap<>();
            for (PeerDefinition peer : rel.peers()) {
                CompletableFuture<PeerObservation> answer = probeOrReuse(rel, peer, servers.get(rel.serverName()),
                        previous.get(rel.name()), started, prefs);
                if (!answer.isDone()) {
                    waiting.add(answer);
                    serial = serial.plus(budget);
                }
                peers.put(peer.name(), answer);
            }
            pending.add(new Pending(rel, budget, peers));
            if (budget.compareTo(slowest) > 0) slowest = budget;
        }
        // The probes carry their own timeouts, counted from when each request leaves; this only ends a cycle whose
        // probe implementation forgets them, without cutting off answers still queued behind others.
        Duration idle = slowest.plusSeconds(2);
        waiting.await(idle, idle.plus(serial)).ifPresent(why -> LOG.warn("Some peers did not answer: {}", why));

        Instant completed = clock.instant();
        Map<String, RelationshipState> next = new LinkedHashMap<>();
        List<RelationshipState> changed = new ArrayList<>();
        List<StatusEvent> events = new ArrayList<>();
        for (Pending entry : pending) {
            Relationship rel = entry.relationship();
            Map<String, PeerObservation> observed = new HashMap<>();
            for (var p : entry.peers().entrySet()) {
                PeerObservation o = p.getValue().getNow(null);
                if (o == null) {
                    o = PeerObservation.unreachable(p.getKey(), "No answer within " + seconds(entry.budget()), completed);
                }
                observed.put(p.getKey(), o);
                String endpoint = rel.peer(p.getKey()).map(d -> d.url().toString()).orElse(p.getKey());
                if (o.reachable()) backoff.succeeded(endpoint);
                else if (!o.observedAt().isBefore(started)) backoff.failed(endpoint, started);
            }
            RelationshipState before = previous.get(rel.name());
            Assessment assessment = activity.explain(rel.name(), StatusRules.assess(rel, observed,
                    before == null ? null : before.assessment().sourceOfTruth(), probe.vocabulary(rel)));
            RelationshipState after = new RelationshipState(rel, assessment, observed, completed, false);
            next.put(rel.name(), after);
            if (before == null || !Significant.same(before, after)) changed.add(after);
            statusEvent(before, after, completed).ifPresent(events::add);
        }
        store.saveStates(changed);
        store.appendEvents(events);
        publish(next, changed, events, completed);
    }

    /** One relationship's probes in a cycle, with how long each may take. */
    private record Pending(Relationship relationship, Duration budget,
                           Map<String, CompletableFuture<PeerObservation>> peers) {}

    /** Takes the states the team's poller wrote: current while it is alive, stale (last known) when nobody polls. */
    private void follow() {
        Instant now = clock.instant();
        boolean pollerAlive = lease.holder().isPresent();
        Map<String, RelationshipState> known = store.lastKnown();
        Map<String, RelationshipState> previous = states;
        Map<String, RelationshipState> next = new LinkedHashMap<>();
        List<RelationshipState> changed = new ArrayList<>();
        for (Relationship r : this.known.current().relationships()) {
            RelationshipState s = known.get(r.name());
            if (s == null) continue;
            RelationshipState shown = pollerAlive ? s.asFresh() : s;
            next.put(r.name(), shown);
            RelationshipState before = previous.get(r.name());
            if (before == null || !Significant.same(before, shown)) changed.add(shown);
        }
        // the poller logged and stored the events; this process only shows the states they led to
        publish(next, changed, List.of(), now);
    }

    private void publish(Map<String, RelationshipState> next, List<RelationshipState> changed, List<StatusEvent> events,
                         Instant completed) {
        states = next;
        lastCycle = completed;
        for (StatusEvent e : events) {
            LOG.info("{}: {} -> {} ({})", e.relationship(), e.from() == null ? "-" : e.from().label(),
                    e.to().label(), e.reason());
        }
        for (StatusListener l : listeners) {
            try {
                l.cycleCompleted(changed, events, completed);
            } catch (RuntimeException e) {
                LOG.error("A status listener failed", e);
            }
        }
    }

    private Duration budget(Relationship rel, Duration timeout) {
        try {
            Duration b = probe.budget(rel, timeout);
            return b == null || b.compareTo(timeout) < 0 ? timeout : b;
        } catch (RuntimeException e) {
            return timeout;
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private CompletableFuture<PeerObservation> probeOrReuse(Relationship rel, PeerDefinition peer, ServerRecord server,
                                                            RelationshipState before, Instant now, Preferences prefs) {
        PeerObservation last = before == null ? null : before.peers().get(peer.name());
        if (last != null && !last.reachable() && !backoff.due(peer.url().toString(), now, prefs.pollInterval())) {
            return CompletableFuture.completedFuture(last);
        }
        if (server == null) {
            return CompletableFuture.completedFuture(
                    PeerObservation.unreachable(peer.name(), "The server record is missing", now));
        }
        // every peer is reached with the settings of the server the relationship was added through, except for
        // credentials an https server's plain-http peer does not get: a problem it reports then says why
        ConnectionSettings connection = server.connection().forPeer(peer.url());
        String withheld = server.connection().withholdsCredentialsFrom(peer.url())
                ? server.connection().withheldReason(peer.name(), peer.url()) : null;
        try {
            // timed from the question to the answer, whatever the backend; a probe that fails is timed too (how
            // long the poller waited), and charted apart
            long asked = System.nanoTime();
            return probe.probe(rel, peer.name(), connection, prefs.timeout())
                    .exceptionally(e -> PeerObservation.unreachable(peer.name(), String.valueOf(e.getMessage()), now))
                    .whenComplete((o, e) -> roundTrips.record(rel.name(), peer.name(), now,
                            Duration.ofNanos(System.nanoTime() - asked), o != null && o.reachable()))
                    .thenApply(o -> withheld == null || o.problem() == null ? o : o.withProblem(o.problem()
                            + ". " + withheld));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(PeerObservation.unreachable(peer.name(), e.getMessage(), now));
        }
    }

    private static Optional<StatusEvent> statusEvent(RelationshipState before, RelationshipState after, Instant at) {
        Assessment a = after.assessment();
        if (before == null) {
            return Optional.of(new StatusEvent(at, after.relationship().name(), null, a.status(), a.summary()));
        }
        Assessment b = before.assessment();
        if (b.status() != a.status()) {
            return Optional.of(new StatusEvent(at, after.relationship().name(), b.status(), a.status(), a.summary()));
        }
        if (!Objects.equals(b.sourceOfTruth(), a.sourceOfTruth()) && a.sourceOfTruth() != null) {
            return Optional.of(new StatusEvent(at, after.relationship().name(), b.status(), a.status(),
                    StatusEvent.SOURCE_OF_TRUTH_NOW + a.sourceOfTruth()));
        }
        return Optional.empty();
    }

    private Map<String, RelationshipState> orderedLastKnown() {
        Map<String, RelationshipState> ordered = new LinkedHashMap<>();
        store.lastKnown(known.current().relationships()).forEach((name, s) -> ordered.put(name, s.asStale()));
        return ordered;
    }

    @Override
    public void close() {
        synchronized (this) {
            running = false;
            if (next != null) next.cancel(false);
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What an administrator would notice; ages and timestamps move every cycle and do not count. */
    static final class Significant {
        private Significant() {}

        static boolean same(RelationshipState a, RelationshipState b) {
            if (a.stale() != b.stale()) return false;
            if (!a.assessment().equals(b.assessment())) return false;
            if (!a.relationship().equals(b.relationship())) return false;
            if (!a.peers().keySet().equals(b.peers().keySet())) return false;
            for (var e : a.peers().entrySet()) {
                if (!sameSeen(e.getValue(), b.peers().get(e.getKey()))) return false;
            }
            return true;
        }

        /** Field by field, without a list a peer: this runs for every peer of every relationship each cycle. */
        private static boolean sameSeen(PeerObservation x, PeerObservation y) {
            return x.reachable() == y.reachable() && x.daemon() == y.daemon() && Objects.equals(x.haState(), y.haState())
                    && Objects.equals(x.reportedRole(), y.reportedRole()) && Objects.equals(x.scopes(), y.scopes())
                    && Objects.equals(x.inTouch(), y.inTouch())
                    && Objects.equals(x.communicationInterrupted(), y.communicationInterrupted())
                    && Objects.equals(x.unackedClients(), y.unackedClients()) && Objects.equals(x.skew(), y.skew())
                    && Objects.equals(x.problem(), y.problem());
        }
    }
}
