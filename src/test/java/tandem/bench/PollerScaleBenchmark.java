package tandem.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import tandem.core.Backend;
import tandem.core.ConfigSnapshot;
import tandem.core.ConnectionSettings;
import tandem.core.DaemonState;
import tandem.core.HaMode;
import tandem.core.HaParameters;
import tandem.core.Inventory;
import tandem.core.PeerDefinition;
import tandem.core.PeerObservation;
import tandem.core.PeerRole;
import tandem.core.Preferences;
import tandem.core.Relationship;
import tandem.core.RelationshipState;
import tandem.core.ServerRecord;
import tandem.core.StatusEvent;
import tandem.core.port.PeerProbe;
import tandem.core.port.StateStore;
import tandem.poll.StatusPoller;
import tandem.store.Database;
import tandem.store.JdbcInventoryStore;
import tandem.store.JdbcStateStore;
import tandem.store.SecretCipher;

/**
 * The status poller's own share of a cycle at scale, without the network: the inventory (servers with credentials,
 * one relationship of two peers each) in the local H2 store, and a probe that answers at once from one "transport"
 * thread. Reports what reading the inventory costs, the cold and steady cycles (wall, CPU, allocation, state writes),
 * the live heap, and the heap each peer's round-trip history takes once it is full ({@code fill} relationships
 * polled for 1,500 cycles ten seconds apart). Run with
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) tandem.bench.PollerScaleBenchmark [relationships
 * cycles fill]} (default 10000 10 1000).
 */
public final class PollerScaleBenchmark {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int relationships = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int cycles = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int fill = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        System.out.printf("Machine: %d cores, Java %s, max heap %d MB, load average at start %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, loadAverage());
        Path dir = Files.createTempDirectory("tandem-poller-bench");
        try (Database db = Database.open(dir)) {
            SecretCipher cipher = SecretCipher.inDirectory(dir);
            JdbcInventoryStore store = new JdbcInventoryStore(db, cipher);
            long t0 = System.nanoTime();
            for (int i = 0; i < relationships; i++) addBranch(store, i);
            System.out.printf("Inventory: %,d servers and relationships, %,d peers, stored in %.1f s%n", relationships,
                    2 * relationships, (System.nanoTime() - t0) / 1e9);
            CountingStates states = new CountingStates(new JdbcStateStore(db));
            Inventory inventory = new Inventory(store, states, Map.of());

            measure("inventory.relationships()", 10, inventory::relationships);
            measure("inventory.servers()", 10, inventory::servers);
            measure("inventory.fingerprint()", 10, inventory::fingerprint);

            MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
            InstantProbe probe = new InstantProbe(clock);
            Preferences prefs = tandem.kea.KeaSettings.preferences(Duration.ofSeconds(10), Duration.ofSeconds(1), null,
                    8000, true);
            try (StatusPoller poller = new StatusPoller(inventory, states, probe, () -> prefs, clock)) {
                cycle("cold cycle", poller, states, clock);
                List<double[]> steady = new ArrayList<>();
                for (int i = 0; i < cycles; i++) steady.add(cycle(null, poller, states, clock));
                summarize("steady cycle", steady);
                System.out.printf("Live heap after %d cycles: %d MB%n", cycles + 1, liveHeap() >> 20);
            } finally {
                probe.close();
            }
        }
        if (fill > 0) fillRoundTrips(fill);
        System.out.println("Load average at end " + loadAverage());
    }

    /** Live heap before and after {@code fill} relationships have each polled a full history of round trips. */
    private static void fillRoundTrips(int fill) throws Exception {
        Path dir = Files.createTempDirectory("tandem-poller-fill");
        try (Database db = Database.open(dir)) {
            JdbcInventoryStore store = new JdbcInventoryStore(db, SecretCipher.inDirectory(dir));
            for (int i = 0; i < fill; i++) addBranch(store, i);
            CountingStates states = new CountingStates(new JdbcStateStore(db));
            Inventory inventory = new Inventory(store, states, Map.of());
            MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
            InstantProbe probe = new InstantProbe(clock);
            Preferences prefs = tandem.kea.KeaSettings.preferences(Duration.ofSeconds(10), Duration.ofSeconds(1), null,
                    8000, true);
            try (StatusPoller poller = new StatusPoller(inventory, states, probe, () -> prefs, clock)) {
                long empty = liveHeap();
                poller.pollOnce();
                long one = liveHeap();
                for (int c = 1; c < 1500; c++) {
                    clock.advance(Duration.ofMillis(10_000 + (c * 7919L) % 400));
                    poller.pollOnce();
                }
                long full = liveHeap();
                int peers = 2 * fill;
                int kept = poller.roundTrips().of("branch-0").get("branch-0-a").size();
                System.out.printf("Round trips of %,d peers: after one cycle %,d bytes a peer; after 1,500 cycles (%d "
                        + "samples kept a peer) %,d bytes a peer over the live heap before polling%n", peers,
                        (one - empty) / peers, kept, (full - empty) / peers);
            } finally {
                probe.close();
            }
        }
    }

    private static void addBranch(JdbcInventoryStore store, int i) {
        String name = "branch-" + i;
        URI a = URI.create("http://127.1." + (i / 250) + "." + (i % 250 + 1) + ":8000/");
        URI b = URI.create("http://127.2." + (i / 250) + "." + (i % 250 + 1) + ":8000/");
        Relationship r = new Relationship(name, name, Backend.KEA, HaMode.LOAD_BALANCING,
                List.of(new PeerDefinition(name + "-a", PeerRole.PRIMARY, a, true),
                        new PeerDefinition(name + "-b", PeerRole.SECONDARY, b, true)),
                false, new HaParameters(10_000L, 60_000L, 10_000L, 10L));
        ConnectionSettings c = new ConnectionSettings(a, null, "tandem", "secret-" + i, null);
        store.saveServer(new ServerRecord(name, Backend.KEA, c, Instant.parse("2026-01-01T00:00:00Z")), List.of(r));
    }

    private static void measure(String what, int runs, Supplier<?> read) {
        for (int i = 0; i < 3; i++) read.get();
        double[] ms = new double[runs];
        long allocated = 0;
        long cpu = 0;
        for (int i = 0; i < runs; i++) {
            long a0 = THREADS.getCurrentThreadAllocatedBytes();
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            read.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
            cpu += THREADS.getCurrentThreadCpuTime() - c0;
            allocated += THREADS.getCurrentThreadAllocatedBytes() - a0;
        }
        Arrays.sort(ms);
        System.out.printf("%s: median %.1f ms, max %.1f ms, CPU %.1f ms, allocated %.1f MB a read%n", what,
                ms[runs / 2], ms[runs - 1], cpu / 1e6 / runs, allocated / 1e6 / runs);
    }

    /** @return wall ms, poller-thread CPU ms, process CPU ms, allocated MB, states written, transactions */
    private static double[] cycle(String label, StatusPoller poller, CountingStates states, MutableClock clock) {
        clock.advance(Duration.ofSeconds(10));
        int writes = states.written.get();
        int transactions = states.transactions.get();
        long a0 = THREADS.getCurrentThreadAllocatedBytes();
        long c0 = THREADS.getCurrentThreadCpuTime();
        long p0 = processCpu();
        long t0 = System.nanoTime();
        poller.pollOnce();
        double[] r = {(System.nanoTime() - t0) / 1e6, (THREADS.getCurrentThreadCpuTime() - c0) / 1e6,
                (processCpu() - p0) / 1e6, (THREADS.getCurrentThreadAllocatedBytes() - a0) / 1e6,
                states.written.get() - writes, states.transactions.get() - transactions};
        if (label != null) {
            System.out.printf("%s: %.0f ms, poller thread CPU %.0f ms, process CPU %.0f ms, allocated %.0f MB, "
                    + "%.0f states written in %.0f store calls%n", label, r[0], r[1], r[2], r[3], r[4], r[5]);
        }
        return r;
    }

    private static void summarize(String label, List<double[]> runs) {
        double[] wall = runs.stream().mapToDouble(r -> r[0]).sorted().toArray();
        System.out.printf("%s (%d): median %.0f ms, max %.0f ms, poller thread CPU median %.0f ms, process CPU "
                        + "median %.0f ms, allocated median %.0f MB, states written %.0f in %.0f store calls in all%n",
                label, runs.size(), wall[wall.length / 2], wall[wall.length - 1], median(runs, 1), median(runs, 2),
                median(runs, 3), runs.stream().mapToDouble(r -> r[4]).sum(), runs.stream().mapToDouble(r -> r[5]).sum());
    }

    private static double median(List<double[]> runs, int k) {
        double[] v = runs.stream().mapToDouble(r -> r[k]).sorted().toArray();
        return v[v.length / 2];
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long liveHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** Every peer answers "load-balancing" at once, from one thread, as a non-blocking client's would. */
    private static final class InstantProbe implements PeerProbe, AutoCloseable {
        private final ExecutorService transport = Executors.newSingleThreadExecutor();
        private final Clock clock;

        InstantProbe(Clock clock) { this.clock = clock; }

        @Override
        public CompletableFuture<PeerObservation> probe(Relationship rel, String peer, ConnectionSettings c, Duration timeout) {
            return CompletableFuture.supplyAsync(() -> new PeerObservation(peer, true, DaemonState.UP, "load-balancing",
                    null, List.of(), 0L, true, false, 0L, 0L, null, clock.instant()), transport);
        }

        @Override public tandem.core.backend.StateVocabulary vocabulary(Relationship rel) { return tandem.kea.KeaStates.VOCABULARY; }

        @Override public void close() { transport.shutdownNow(); }
    }

    /** Counts what the poller writes. */
    private static final class CountingStates implements StateStore {
        final AtomicInteger written = new AtomicInteger();
        final AtomicInteger transactions = new AtomicInteger();
        private final StateStore store;

        CountingStates(StateStore store) { this.store = store; }

        @Override public void saveStates(List<RelationshipState> states) {
            if (!states.isEmpty()) transactions.incrementAndGet();
            written.addAndGet(states.size());
            store.saveStates(states);
        }

        @Override public Map<String, RelationshipState> lastKnown() { return store.lastKnown(); }

        @Override public Map<String, RelationshipState> lastKnown(java.util.Set<String> names) { return store.lastKnown(names); }

        @Override public void appendEvents(List<StatusEvent> events) {
            if (!events.isEmpty()) transactions.incrementAndGet();
            store.appendEvents(events);
        }

        @Override public List<StatusEvent> events(int limit) { return store.events(limit); }

        @Override public void saveSnapshot(ConfigSnapshot snapshot) { store.saveSnapshot(snapshot); }

        @Override public Optional<ConfigSnapshot> latestSnapshot(String relationship, String peer) {
            return store.latestSnapshot(relationship, peer);
        }
    }

    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) { now = start; }

        void advance(Duration d) { now = now.plus(d); }

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(java.time.ZoneId zone) { return this; }

        @Override public Instant instant() { return now; }
    }
}
