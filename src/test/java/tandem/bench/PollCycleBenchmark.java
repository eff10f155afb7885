package tandem.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.HaMode;
import tandem.core.HaParameters;
import tandem.core.Inventory;
import tandem.core.PeerDefinition;
import tandem.core.PeerRole;
import tandem.core.Preferences;
import tandem.core.Relationship;
import tandem.core.RelationshipStatus;
import tandem.core.ServerRecord;
import tandem.kea.KeaAsyncHttp;
import tandem.kea.KeaControlAgentClient;
import tandem.kea.KeaModule;
import tandem.kea.KeaPeerProbe;
import tandem.core.port.PeerProbe;
import tandem.poll.StatusPoller;
import tandem.store.Database;
import tandem.store.JdbcInventoryStore;
import tandem.store.JdbcStateStore;
import tandem.store.SecretCipher;

/**
 * Poll-cycle wall time and threads over 10, 100 and 1,000 simulated Control Agents on loopback, through the real
 * poller, Kea probe, HTTP client and H2 store. Not a unit test; run it with
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=tandem.bench.PollCycleBenchmark}
 * (arguments: endpoint counts, default 10 100 1000).
 * <p>
 * System properties: {@code tandem.bench.transport} console (default: the probe {@link KeaModule} builds, as the
 * console polls), okhttp (the OkHttp client, as before) or hc5 ({@link KeaAsyncHttp} with
 * {@code tandem.bench.io-threads}, {@code tandem.bench.per-route}, {@code tandem.bench.in-flight});
 * {@code tandem.bench.warmup} and {@code tandem.bench.cycles}; {@code tandem.bench.shared-port=true} puts every
 * agent on one listener at its own 127.1.x.y address (one descriptor fewer per agent, for 5,000+ agents under a
 * 20,000 open-file limit); {@code tandem.bench.agents-port} uses agents run by {@link SimulatedControlAgents#main} in
 * another process (their CPU is then not counted); {@code tandem.bench.histogram=true} prints the live heap's largest classes. CPU per cycle
 * is read per native thread from /proc (GC and JIT included) and includes the simulated agents' own thread.
 */
public final class PollCycleBenchmark {
    private static final int WARMUP = Integer.getInteger("tandem.bench.warmup", 3);
    private static final int MEASURED = Integer.getInteger("tandem.bench.cycles", 10);
    /** console (KeaModule's probe), okhttp (the blocking-dispatcher client) or hc5 (KeaAsyncHttp, tunable). */
    private static final String TRANSPORT = System.getProperty("tandem.bench.transport", "console");

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String a : args) sizes.add(Integer.parseInt(a));
        if (sizes.isEmpty()) sizes = List.of(10, 100, 1000);
        System.out.printf("Machine: %d cores, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
        System.out.println("Transport: " + TRANSPORT);
        System.out.println("| endpoints | requests/cycle | first cycle ms | not OK after first | median ms | max ms | threads added (peak) | CPU s/cycle (all) | of which agents | heap after GC MB |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int n : sizes) run(n);
    }

    private static void run(int endpoints) throws Exception {
        Path dir = Files.createTempDirectory("tandem-bench");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // the agents in another process (see SimulatedControlAgents.main) at 127.1.x.y on this port, or in this one
        Integer external = Integer.getInteger("tandem.bench.agents-port");
        try (SimulatedControlAgents agents = external != null ? null : new SimulatedControlAgents(endpoints);
             Database db = Database.open(dir);
             KeaControlAgentClient client = new KeaControlAgentClient();
             KeaAsyncHttp hc5 = TRANSPORT.equals("hc5") ? new KeaAsyncHttp(client,
                     Integer.getInteger("tandem.bench.io-threads", KeaAsyncHttp.DEFAULT_IO_THREADS),
                     Integer.getInteger("tandem.bench.per-route", KeaAsyncHttp.DEFAULT_CONNECTIONS_PER_AGENT),
                     Integer.getInteger("tandem.bench.in-flight", KeaAsyncHttp.DEFAULT_MAX_IN_FLIGHT)) : null) {
            var store = new JdbcInventoryStore(db, SecretCipher.inDirectory(dir));
            var states = new JdbcStateStore(db);
            for (int i = 0; i + 1 < endpoints; i += 2) {
                URI primary = agents != null ? URI.create("http://" + agents.host(i) + ":" + agents.port(i) + "/")
                        : URI.create("http://127.1." + (i >> 8) + "." + (i & 255) + ":" + external + "/");
                URI secondary = agents != null
                        ? URI.create("http://" + agents.host(i + 1) + ":" + agents.port(i + 1) + "/")
                        : URI.create("http://127.1." + ((i + 1) >> 8) + "." + ((i + 1) & 255) + ":" + external + "/");
                String name = "pair" + i / 2;
                store.saveServer(new ServerRecord(name, Backend.KEA, ConnectionSettings.of(primary), null),
                        List.of(new Relationship(name, name, Backend.KEA, HaMode.LOAD_BALANCING,
                                List.of(new PeerDefinition("primary", PeerRole.PRIMARY, primary, true),
                                        new PeerDefinition("secondary", PeerRole.SECONDARY, secondary, true)),
                                false, HaParameters.NONE)));
            }
            Inventory inventory = new Inventory(store, states, Map.of());
            Preferences prefs = tandem.kea.KeaSettings.preferences(Duration.ofSeconds(10),
                    Duration.ofSeconds(Integer.getInteger("tandem.bench.timeout-s", 2)), null, 8000, true);
            int baseline = threads.getThreadCount();
            threads.resetPeakThreadCount();
            KeaModule module = TRANSPORT.equals("console") ? new KeaModule(client, () -> inventory, states,
                    prefs::timeout, Clock.systemUTC()) : null;
            PeerProbe probe = module != null ? module.probe()
                    : hc5 == null ? new KeaPeerProbe(client, Clock.systemUTC())
                    : new KeaPeerProbe(hc5::sendAsync, Clock.systemUTC());
            try (module; StatusPoller poller = new StatusPoller(inventory, states, probe, () -> prefs, Clock.systemUTC())) {
                long first = time(poller);
                // a cold first cycle that times out would paint healthy servers Unreachable at start-up
                long firstNotOk = poller.states().values().stream().filter(s -> s.status() != RelationshipStatus.OK).count();
                if (firstNotOk > 0) {
                    // why: the transport's own timeout or the poller giving up on probes still queued
                    System.out.println("  first-cycle problems: " + poller.states().values().stream()
                            .flatMap(s -> s.peers().values().stream()).map(o -> o.problem())
                            .filter(java.util.Objects::nonNull).map(m -> m.replaceAll("[0-9.:]+", "#"))
                            .collect(java.util.stream.Collectors.groupingBy(m -> m, java.util.stream.Collectors.counting())));
                }
                for (int i = 0; i < WARMUP; i++) time(poller);
                List<Long> ms = new ArrayList<>();
                Map<String, Long> cpuBefore = cpuByThreadGroup(threads);
                long processCpu = processCpuNanos();
                for (int i = 0; i < MEASURED; i++) ms.add(time(poller));
                double cpuPerCycle = (processCpuNanos() - processCpu) / 1e9 / MEASURED;
                Map<String, Long> cpuAfter = cpuByThreadGroup(threads);
                Map<String, Double> perGroup = new java.util.TreeMap<>();
                cpuAfter.forEach((g, ns) -> perGroup.put(g, (ns - cpuBefore.getOrDefault(g, 0L)) / 1e9 / MEASURED));
                System.gc();
                long heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
                if (Boolean.getBoolean("tandem.bench.histogram")) {
                    String h = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                            new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "gcClassHistogram", new Object[]{new String[0]}, new String[]{String[].class.getName()});
                    h.lines().limit(30).forEach(l -> System.out.println("  histo " + l));
                }
                long notOk = poller.states().values().stream().filter(s -> s.status() != RelationshipStatus.OK).count();
                if (notOk > 0) throw new IllegalStateException(notOk + " relationships not OK: the benchmark is invalid");
                Collections.sort(ms);
                System.out.printf("| %d | %d | %d | %d | %d | %d | %d | %.2f | %.2f | %d |%n", endpoints, endpoints * 2,
                        first, firstNotOk, ms.get(ms.size() / 2), ms.get(ms.size() - 1),
                        threads.getPeakThreadCount() - baseline, cpuPerCycle,
                        perGroup.getOrDefault("simulated-agent", 0.0), heapMb);
                System.out.println("  client threads alive: " + Thread.getAllStackTraces().keySet().stream()
                        .map(Thread::getName).filter(n -> n.startsWith("kea-") || n.startsWith("OkHttp"))
                        .collect(java.util.stream.Collectors.groupingBy(n -> n.replaceAll("[0-9]+", "#"),
                                java.util.TreeMap::new, java.util.stream.Collectors.counting())));
                System.out.println("  cycles ms: " + ms + "  CPU s/cycle by thread group: " + perGroup.entrySet().stream()
                        .filter(e -> e.getValue() >= 0.005).map(e -> e.getKey() + "=" + String.format("%.3f", e.getValue()))
                        .collect(java.util.stream.Collectors.joining(", ")));
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * CPU time of every native thread of this process (GC and JIT threads included), summed by name with digits
     * dropped (kea-http-12 and kea-http-3 are one group); Linux only, 10 ms resolution.
     */
    private static Map<String, Long> cpuByThreadGroup(ThreadMXBean threads) {
        Map<String, Long> out = new java.util.HashMap<>();
        java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
        if (tasks == null) return out;
        for (java.io.File task : tasks) {
            try {
                String name = Files.readString(task.toPath().resolve("comm")).strip();
                String stat = Files.readString(task.toPath().resolve("stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                out.merge(name.replaceAll("[0-9]+", "#"), ticks * 10_000_000L, Long::sum);
            } catch (java.io.IOException | RuntimeException e) {
                // the thread ended meanwhile
            }
        }
        return out;
    }

    private static long time(StatusPoller poller) {
        long t0 = System.nanoTime();
        poller.pollOnce();
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
