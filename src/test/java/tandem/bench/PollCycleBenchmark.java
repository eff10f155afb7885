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
import tandem.kea.KeaControlAgentClient;
import tandem.kea.KeaPeerProbe;
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
 */
public final class PollCycleBenchmark {
    private static final int WARMUP = 3;
    private static final int MEASURED = 10;

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String a : args) sizes.add(Integer.parseInt(a));
        if (sizes.isEmpty()) sizes = List.of(10, 100, 1000);
        System.out.printf("Machine: %d cores, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
        System.out.println("| endpoints | requests/cycle | first cycle ms | not OK after first | median ms | max ms | threads added (peak) |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        for (int n : sizes) run(n);
    }

    private static void run(int endpoints) throws Exception {
        Path dir = Files.createTempDirectory("tandem-bench");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (SimulatedControlAgents agents = new SimulatedControlAgents(endpoints);
             Database db = Database.open(dir);
             KeaControlAgentClient client = new KeaControlAgentClient()) {
            var store = new JdbcInventoryStore(db, SecretCipher.inDirectory(dir));
            var states = new JdbcStateStore(db);
            for (int i = 0; i + 1 < endpoints; i += 2) {
                URI primary = URI.create("http://127.0.0.1:" + agents.port(i) + "/");
                URI secondary = URI.create("http://127.0.0.1:" + agents.port(i + 1) + "/");
                String name = "pair" + i / 2;
                store.saveServer(new ServerRecord(name, Backend.KEA, ConnectionSettings.of(primary), null),
                        List.of(new Relationship(name, name, Backend.KEA, HaMode.LOAD_BALANCING,
                                List.of(new PeerDefinition("primary", PeerRole.PRIMARY, primary, true),
                                        new PeerDefinition("secondary", PeerRole.SECONDARY, secondary, true)),
                                false, HaParameters.NONE)));
            }
            Inventory inventory = new Inventory(store, states, Map.of());
            Preferences prefs = tandem.kea.KeaSettings.preferences(Duration.ofSeconds(10), Duration.ofSeconds(2), null, 8000, true);
            int baseline = threads.getThreadCount();
            threads.resetPeakThreadCount();
            try (StatusPoller poller = new StatusPoller(inventory, states, new KeaPeerProbe(client, Clock.systemUTC()),
                    () -> prefs, Clock.systemUTC())) {
                long first = time(poller);
                // a cold first cycle that times out would paint healthy servers Unreachable at start-up
                long firstNotOk = poller.states().values().stream().filter(s -> s.status() != RelationshipStatus.OK).count();
                for (int i = 0; i < WARMUP; i++) time(poller);
                List<Long> ms = new ArrayList<>();
                for (int i = 0; i < MEASURED; i++) ms.add(time(poller));
                long notOk = poller.states().values().stream().filter(s -> s.status() != RelationshipStatus.OK).count();
                if (notOk > 0) throw new IllegalStateException(notOk + " relationships not OK: the benchmark is invalid");
                Collections.sort(ms);
                System.out.printf("| %d | %d | %d | %d | %d | %d | %d |%n", endpoints, endpoints * 2, first, firstNotOk,
                        ms.get(ms.size() / 2), ms.get(ms.size() - 1), threads.getPeakThreadCount() - baseline);
            }
        }
    }

    private static long time(StatusPoller poller) {
        long t0 = System.nanoTime();
        poller.pollOnce();
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
