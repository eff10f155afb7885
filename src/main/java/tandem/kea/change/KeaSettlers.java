package tandem.kea.change;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tandem.core.PeerDefinition;
import tandem.core.Relationship;
import tandem.core.change.Settler;
import tandem.core.port.ReplicationStore;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.core.port.ReplicationStore.Status;
import tandem.core.port.ReplicationStore.Target;
import tandem.core.port.ReplicationStore.TargetOutcome;

/** How the Kea changes a process left unfinished are settled: by reading the servers. */
final class KeaSettlers {
    private KeaSettlers() {}

    /**
     * A configuration change cut short: the server it was first written to (the source of truth then) is read. If
     * it holds the change, every other peer is brought in line from it; if not, nothing was applied anywhere.
     */
    static final class ChangeSettler implements Settler {
        private final Function<String, Optional<Relationship>> find;
        private final KeaServerWriter writer;
        private final KeaReplicator replicator;

        ChangeSettler(Function<String, Optional<Relationship>> find, KeaServerWriter writer, KeaReplicator replicator) {
            this.find = find;
            this.writer = writer;
            this.replicator = replicator;
        }

        @Override public List<String> locks(JournalEntry entry) { return List.of(KeaChangeService.lockOf(entry.relationship())); }

        @Override
        public Settlement settle(JournalEntry entry, List<Target> targets) {
            Map<String, String> servers = new LinkedHashMap<>();
            targets.forEach(t -> servers.put(t.server(), t.outcome().name().toLowerCase()));
            Optional<Relationship> found = find.apply(entry.relationship());
            if (found.isEmpty()) return new Settlement(Status.FAILED, servers, "the relationship is no longer in the inventory");
            Relationship rel = found.get();
            Target first = targets.stream()
                    .filter(t -> t.outcome() == TargetOutcome.APPLIED || t.outcome() == TargetOutcome.UNKNOWN)
                    .findFirst().orElse(null);
            if (first == null) return new Settlement(Status.FAILED, servers, "no server had been changed");
            String written = first.server();
            if (first.detail() != null && first.detail().startsWith(KeaHostsDatabaseChange.HOSTS_DATABASE)) {
                return KeaHostsDatabaseChange.settle(writer, rel, written, KeaChangeService.fromJson(entry.change()), servers);
            }
            ObjectNode now = writer.readNow(rel, written);
            if (!KeaReplicator.holds(KeaChangeService.fromJson(entry.change()), now)) {
                servers.put(written, "does not hold the change");
                return new Settlement(Status.FAILED, servers, written + " does not hold the change: it was not applied");
            }
            servers.put(written, "holds the change");
            // a change through commands lives in the running configuration until config-write: the cut may have
            // come before the files were written, and a peer already holding it gets no config-set that would
            boolean commands = targets.stream().anyMatch(t -> t.detail() != null && t.detail().startsWith(KeaHotChange.COMMANDS));
            if (commands) servers.put(written, "holds the change; " + writeFile(writer, rel, written));
            writer.snapshot(rel, written, now);
            List<String> behind = new ArrayList<>();
            for (String peer : replicator.replicationTargets(rel, written)) {
                String outcome = replicator.syncPeer(rel, peer, now, entry.description());
                if (commands && outcome.equals("verified")) {
                    String written2 = writeFile(writer, rel, peer);
                    if (!written2.equals("file written")) outcome = "failed: " + written2;
                }
                servers.put(peer, outcome);
                if (!outcome.equals("verified")) behind.add(peer);
            }
            boolean primaryAway = rel.primary().isPresent() && !written.equals(rel.primary().get().name());
            return new Settlement(primaryAway ? Status.PENDING_PRIMARY : Status.APPLIED, servers,
                    written + " holds the change; " + (behind.isEmpty() ? "every other peer was brought in line"
                            : String.join(", ", behind) + " marked out of sync")
                            + (primaryAway ? "; the primary receives it when it returns" : ""));
        }
    }

    private static String writeFile(KeaServerWriter writer, Relationship rel, String server) {
        try {
            KeaConfigChannel.check(server, "config-write", writer.writeAsync(rel, server).get(120, java.util.concurrent.TimeUnit.SECONDS));
            return "file written";
        } catch (KeaConfigChannel.ConfigCommandFailed e) {
            return e.getMessage();
        } catch (Exception e) {
            return "config-write on " + server + " got no answer: " + e;
        }
    }

    /** A synchronization or replay cut short: the peers it did not finish are synchronized again later. */
    static final class SyncSettler implements Settler {
        private final Function<String, Optional<Relationship>> find;
        private final ReplicationStore journal;
        private final Clock clock;

        SyncSettler(Function<String, Optional<Relationship>> find, ReplicationStore journal, Clock clock) {
            this.find = find;
            this.journal = journal;
            this.clock = clock;
        }

        @Override public List<String> locks(JournalEntry entry) { return List.of(KeaChangeService.lockOf(entry.relationship())); }

        @Override
        public Settlement settle(JournalEntry entry, List<Target> targets) {
            Map<String, String> servers = new LinkedHashMap<>();
            Optional<Relationship> rel = find.apply(entry.relationship());
            Set<String> done = new HashSet<>();
            targets.stream().filter(t -> t.outcome() == TargetOutcome.APPLIED).forEach(t -> done.add(t.server()));
            rel.ifPresent(r -> r.peers().stream().map(PeerDefinition::name)
                    .filter(p -> !done.contains(p) && !p.equals(entry.appliedTo())).forEach(p -> {
                        journal.markOutOfSync(r.name(), p, "an interrupted '" + entry.description() + "'", clock.instant());
                        servers.put(p, "marked out of sync");
                    }));
            return new Settlement(Status.FAILED, servers, "interrupted; the peers it had not finished are synchronized"
                    + " again when they answer");
        }
    }
}
