package tandem.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.ConfigSnapshot;
import tandem.core.Inventory;
import tandem.core.PeerDefinition;
import tandem.core.PeerObservation;
import tandem.core.PeerRole;
import tandem.core.Preferences;
import tandem.core.Relationship;
import tandem.core.RelationshipState;
import tandem.core.StatusEvent;
import tandem.core.port.ReplicationStore;
import tandem.core.port.StateStore;
import tandem.core.Backend;
import tandem.core.port.ConfigReplication;
import tandem.poll.StatusListener;

/**
 * Keeps relationships in sync without anyone asking, after each poll: replays the journal on a returning primary
 * and then brings the others in line, synchronizes peers that were out of sync (offline during a change, or
 * offline at all) as soon as they are active again, and notices configuration changes made outside the console.
 * Runs on its own thread so a slow config-set never delays polling.
 */
public final class BackgroundSynchronizer implements StatusListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundSynchronizer.class);

    private final Inventory inventory;
    private final Map<Backend, ConfigReplication> replication;
    private final Supplier<List<String>> settleAbandoned;
    private final ReplicationStore journal;
    private final StateStore states;
    private final Supplier<Preferences> preferences;
    private final Supplier<Map<String, RelationshipState>> current;
    private final OutsideChangeDetector outside;
    private final Duration outsideCheckInterval;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tandem-sync");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean busy = new AtomicBoolean();
    private final Map<String, Boolean> wasUp = new HashMap<>();
    private final Map<String, tandem.core.RelationshipStatus> lastStatus = new HashMap<>();
    private final Map<String, Instant> lastOutsideCheck = new HashMap<>();
    /** Per relationship/peer: a peer whose resynchronization failed is retried less and less often. */
    private final RetryBackoff resyncBackoff = new RetryBackoff();
    private final List<java.util.function.Consumer<StatusEvent>> eventListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Reads a peer's configuration for the outside-change check. */
    public interface OutsideChangeDetector {
        Optional<String> read(Relationship relationship, String peer);
    }

    /**
     * @param replication     each backend that keeps its servers' configurations alike through the console
     * @param settleAbandoned settles the changes any process left unfinished (the change runner)
     */
    public BackgroundSynchronizer(Inventory inventory, Map<Backend, ConfigReplication> replication,
                                  Supplier<List<String>> settleAbandoned, ReplicationStore journal,
                                  StateStore states, Supplier<Preferences> preferences,
                                  Supplier<Map<String, RelationshipState>> current, OutsideChangeDetector outside,
                                  Duration outsideCheckInterval, Clock clock) {
        this.inventory = inventory;
        this.replication = Map.copyOf(replication);
        this.settleAbandoned = settleAbandoned;
        this.journal = journal;
        this.states = states;
        this.preferences = preferences;
        this.current = current;
        this.outside = outside;
        this.outsideCheckInterval = outsideCheckInterval;
        this.clock = clock;
    }

    /** Told of every event this service records (e.g. `tandem watch` prints them). */
    public void addEventListener(java.util.function.Consumer<StatusEvent> listener) { eventListeners.add(listener); }

    private void record(StatusEvent event) {
        states.appendEvent(event);
        eventListeners.forEach(l -> l.accept(event));
    }

    @Override
    public void cycleCompleted(List<RelationshipState> changed, List<StatusEvent> events, Instant completedAt) {
        // one pass at a time; a pass that is still running will see the next cycle's state anyway
        if (!busy.compareAndSet(false, true)) return;
        worker.execute(() -> {
            try {
                pass();
            } catch (RuntimeException e) {
                LOG.error("Background synchronization failed", e);
            } finally {
                busy.set(false);
            }
        });
    }

    /** One pass over every relationship; public so a command can run it in the foreground. */
    public void pass() {
        // changes a process left unfinished (killed, or a server that never answered) are settled first
        try {
            settleAbandoned.get().forEach(line -> LOG.info("{}", line));
        } catch (RuntimeException e) {
            LOG.warn("Settling unfinished changes failed: {}", e.getMessage());
        }
        Map<String, RelationshipState> now = current.get();
        List<Relationship> active = new java.util.ArrayList<>();
        for (Relationship rel : inventory.relationships()) {
            RelationshipState state = now.get(rel.name());
            // configuration replication is Kea's; ISC dhcpd pairs are written through their own safe write
            ConfigReplication changes = replication.get(rel.backend());
            // a backend whose servers share or sync their configuration themselves needs none of this
            if (state == null || state.stale() || changes == null) continue;
            guarded(rel, () -> {
                if (!reconnected(rel, state)) active.add(rel);
            });
        }
        // reading every source of truth's configuration takes minutes for thousands of relationships: a pass spends
        // at most half a poll interval on it, the relationships read longest ago (or never) first
        long outsideUntil = System.nanoTime() + preferences.get().pollInterval().toNanos() / 2;
        List<Relationship> oldestFirst = new java.util.ArrayList<>(active);
        oldestFirst.sort(java.util.Comparator.comparing(r -> lastOutsideCheck.getOrDefault(r.name(), Instant.MIN)));
        for (Relationship rel : oldestFirst) {
            if (System.nanoTime() >= outsideUntil) break;
            guarded(rel, () -> checkOutside(replication.get(rel.backend()), rel, now.get(rel.name())));
        }
        for (Relationship rel : active) {
            ConfigReplication changes = replication.get(rel.backend());
            if (changes.replicates(rel)) guarded(rel, () -> reconcile(changes, rel, now.get(rel.name())));
        }
    }

    /** One relationship's step; its failure is logged and the pass goes on with the others. */
    private static void guarded(Relationship rel, Runnable step) {
        try {
            step.run();
        } catch (tandem.core.change.ChangeBlocked busy) {
            LOG.debug("{}: another process is changing it; synchronized on a later pass", rel.name());
        } catch (RuntimeException e) {
            LOG.warn("{}: synchronization failed: {}", rel.name(), e.getMessage());
        }
    }

    /**
     * After the control endpoints were unreachable, the configuration is parsed and HA detected again: the
     * relationship may have changed meanwhile. True when the inventory changed (the next poll sees the new one).
     */
    private boolean reconnected(Relationship rel, RelationshipState state) {
        tandem.core.RelationshipStatus before = lastStatus.put(rel.name(), state.status());
        if (before != tandem.core.RelationshipStatus.UNREACHABLE || state.status() == tandem.core.RelationshipStatus.UNREACHABLE) {
            return false;
        }
        Optional<String> changed = inventory.redetect(rel.serverName());
        changed.ifPresent(sentence -> {
            LOG.info("{}: {}", rel.name(), sentence);
            record(new StatusEvent(clock.instant(), rel.name(), state.status(), state.status(), sentence));
        });
        return changed.isPresent();
    }

    private void reconcile(ConfigReplication changes, Relationship rel, RelationshipState state) {
        String sot = state.assessment().sourceOfTruth();
        if (sot == null) return;
        for (PeerDefinition p : rel.peers()) {
            PeerObservation o = state.peers().get(p.name());
            boolean up = o != null && o.up();
            Boolean before = wasUp.put(rel.name() + "/" + p.name(), up);
            // a peer that left and came back may have lost or changed its configuration meanwhile
            if (before != null && before && !up && p.role() != PeerRole.PRIMARY) {
                journal.markOutOfSync(rel.name(), p.name(), "went offline", clock.instant());
            }
        }
        String primary = rel.primary().map(PeerDefinition::name).orElse(null);
        if (sot.equals(primary) && !journal.pending(rel.name()).isEmpty()) {
            int replayed = changes.replayJournal(rel.name());
            LOG.info("{}: the primary {} is back; replayed {} change(s) made while it was away", rel.name(),
                    primary, replayed);
            record(new StatusEvent(clock.instant(), rel.name(), state.status(), state.status(),
                    "The primary " + primary + " is back and received " + replayed + " change(s) made while it was away"));
            for (PeerDefinition p : rel.peers()) {
                if (!p.name().equals(sot)) journal.markOutOfSync(rel.name(), p.name(), "primary returned", clock.instant());
            }
        }
        resynchronize(changes, rel, state, sot);
    }

    /**
     * Synchronizes the peers marked out of sync that are active again. A peer whose attempt failed waits one poll
     * interval, then two, four... (at most {@link RetryBackoff#CAP}) before the next; a success resets it.
     */
    private void resynchronize(ConfigReplication changes, Relationship rel, RelationshipState state, String sot) {
        Instant now = clock.instant();
        Set<String> waiting = new HashSet<>();
        Set<String> due = new HashSet<>();
        Set<String> outOfSync = journal.outOfSync(rel.name()).keySet();
        for (PeerDefinition p : rel.peers()) {
            // synchronized some other way meanwhile (e.g. `kea sync`): its next failure starts afresh
            if (!outOfSync.contains(p.name())) resyncBackoff.succeeded(key(rel, p.name()));
        }
        for (String peer : outOfSync) {
            (resyncBackoff.due(key(rel, peer), now) ? due : waiting).add(peer);
        }
        if (due.isEmpty()) return;
        Map<String, String> synced;
        try {
            synced = changes.resynchronizeReturningPeers(rel.name(), waiting);
        } catch (tandem.core.change.ChangeBlocked busy) {
            throw busy; // another process holds the relationship: no failure of the peers
        } catch (RuntimeException e) {
            // e.g. the source of truth did not answer: every peer that would have been tried waits
            for (String peer : due) backOff(rel, peer, now, e.getMessage());
            throw e;
        }
        for (var e : synced.entrySet()) {
            if (ConfigReplication.SYNCED.equals(e.getValue())) {
                resyncBackoff.succeeded(key(rel, e.getKey()));
            } else {
                backOff(rel, e.getKey(), now, e.getValue());
            }
            LOG.info("{}: synchronized {} from {}: {}", rel.name(), e.getKey(), sot, e.getValue());
            record(new StatusEvent(clock.instant(), rel.name(), state.status(), state.status(),
                    e.getKey() + " was synchronized from " + sot + ": " + e.getValue()));
        }
    }

    private void backOff(Relationship rel, String peer, Instant now, String why) {
        Duration wait = resyncBackoff.failed(key(rel, peer), now, preferences.get().pollInterval());
        LOG.info("{}: synchronizing {} failed ({}); next attempt in {} s", rel.name(), peer, why, wait.toSeconds());
    }

    private static String key(Relationship rel, String peer) {
        return rel.name() + "/" + peer;
    }

    /** Compares the source of truth's configuration with the last one seen, every outsideCheckInterval. */
    private void checkOutside(ConfigReplication changes, Relationship rel, RelationshipState state) {
        String sot = state.assessment().sourceOfTruth();
        if (sot == null) return;
        Instant now = clock.instant();
        Instant last = lastOutsideCheck.get(rel.name());
        if (last != null && Duration.between(last, now).compareTo(outsideCheckInterval) < 0) return;
        lastOutsideCheck.put(rel.name(), now);
        Optional<String> config = outside.read(rel, sot);
        if (config.isEmpty()) return;
        String hash = changes.fingerprint(config.get());
        // unchanged: nothing to decrypt or store (a copy a minute would also push the older versions out)
        if (states.latestSnapshotHash(rel.name(), sot).filter(hash::equals).isPresent()) return;
        Optional<ConfigSnapshot> known = states.latestSnapshot(rel.name(), sot);
        states.saveSnapshot(new ConfigSnapshot(rel.name(), sot, hash, config.get(), now));
        if (known.isEmpty() || known.get().hash().equals(hash)) return;
        String summary = changes.describeChange(known.get().json(), config.get());
        LOG.info("{}: the configuration of {} was changed outside the console ({})", rel.name(), sot, summary);
        record(new StatusEvent(now, rel.name(), state.status(), state.status(),
                "The configuration of " + sot + " was changed outside the console: " + summary));
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
