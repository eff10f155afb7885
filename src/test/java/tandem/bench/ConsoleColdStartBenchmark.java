package tandem.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeCell;
import javafx.stage.Stage;
import tandem.app.ConsoleApp;
import tandem.app.ConsoleStart;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.DaemonState;
import tandem.core.HaMode;
import tandem.core.HaParameters;
import tandem.core.PeerDefinition;
import tandem.core.PeerObservation;
import tandem.core.PeerRole;
import tandem.core.Relationship;
import tandem.core.RelationshipState;
import tandem.core.ServerRecord;
import tandem.core.StatusRules;
import tandem.services.Services;
import tandem.store.Database;
import tandem.store.JdbcInventoryStore;
import tandem.store.JdbcStateStore;
import tandem.store.SecretCipher;
import tandem.ui.BackgroundTasks;
import tandem.ui.MainView;

/**
 * The console opened on a data folder holding 10,000 relationships (each on its own server, servers at 200 sites) with
 * their last-known states, then polling them. The folder is written (or copied) first; the console then runs in a JVM
 * of its own, so that nothing the writing loaded or compiled helps or hinders it. Measures (a) from that JVM's start
 * (the data folder's store opened as
 * {@link ConsoleStart} does, the toolkit started, the window built and shown as {@link ConsoleApp} does) to a usable
 * window: every relationship in the tree, its rows rendered, and the FX thread answering within 50 ms; (b) over the
 * first minute of polling, the longest the FX thread kept a 2 ms probe waiting and the most FX CPU time between two of
 * its posts; (c) typing a filter on the tree, each key press to the next pulse and to the tree showing the result.
 * The relationships are load-balancing pairs polled at 10,000 simulated Control Agents (agent pairs shared by two
 * relationships, 20,000 requests a cycle) in a child process on one listener, each agent at its own 127.1.x.y address.
 * Headless (Monocle, software rendering). Run with {@code mvn -o -q test-compile dependency:build-classpath
 * -Dmdep.includeScope=test -Dmdep.outputFile=cp.txt} then
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) tandem.bench.ConsoleColdStartBenchmark}.
 * Arguments: relationships, endpoints, seconds of polling, filter typed (defaults 10000 10000 60 branch-01234). With
 * {@code -Dtandem.bench.template=DIR} the data folder written once is kept in DIR and copied by later runs (writing it
 * through the stores takes minutes on a busy machine).
 */
public final class ConsoleColdStartBenchmark {
    private static final int SITES = 200;

    private ConsoleColdStartBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(MEASURE)) {
            measure(args);
            return;
        }
        int relationships = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int endpoints = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        String typed = args.length > 3 ? args[3] : "branch-01234";
        headless();
        System.out.printf("Machine: %d cores, %s, Java %s, max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
                ConfigTablesBenchmark.cpuModel(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("Load before: " + load());

        Process agents = startAgents(endpoints);
        try {
            Path dir = Files.createTempDirectory("tandem-coldstart");
            long t = System.nanoTime();
            String template = System.getProperty("tandem.bench.template");
            if (template != null && Files.exists(Path.of(template, "tandem.mv.db"))) {
                // writing 10,000 servers through the stores takes minutes: a folder written by an earlier run is
                // copied instead, its agents' port set to this run's
                copy(Path.of(template), dir);
                try (Database db = Database.open(dir)) {
                    db.transaction(c -> {
                        for (String table : List.of("server", "peer")) {
                            try (var ps = c.prepareStatement("UPDATE " + table
                                    + " SET url = REGEXP_REPLACE(url, ':[0-9]+/', ?)")) {
                                ps.setString(1, ":" + agentPort + "/");
                                ps.executeUpdate();
                            }
                        }
                        return null;
                    });
                }
                System.out.printf("Data folder: copied from %s in %d ms (%s)%n", template, ms(System.nanoTime() - t), dir);
            } else {
                seed(dir, relationships, endpoints, agentPort);
                System.out.printf("Data folder: %,d servers, relationships and last-known states written in %d ms (%s)%n",
                        relationships, ms(System.nanoTime() - t), dir);
                if (template != null) copy(dir, Path.of(template));
            }
            // the console in a JVM of its own, as a user starts it: nothing compiled or loaded by writing the folder
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            // e.g. -Dtandem.bench.console-jvm="-Xmx512m -XX:TieredStopAtLevel=1" to try the console's JVM options
            String jvm = System.getProperty("tandem.bench.console-jvm", "").strip();
            if (!jvm.isEmpty()) command.addAll(Arrays.asList(jvm.split("\\s+")));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), ConsoleColdStartBenchmark.class.getName(),
                    MEASURE, dir.toString(), String.valueOf(relationships), String.valueOf(seconds), typed));
            Process console = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
            if (!console.waitFor(15, TimeUnit.MINUTES)) {
                console.destroy();
                throw new IllegalStateException("the console did not finish within 15 minutes");
            }
        } finally {
            agents.getOutputStream().close();
            agents.destroy();
        }
        System.out.println("Load after: " + load());
        System.exit(0);
    }

    private static final String MEASURE = "--measure";

    /** The child: the console on the prepared folder, timed from this JVM's start. */
    private static void measure(String[] args) throws Exception {
        headless();
        long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.printf("Console JVM: %d ms from its start to the benchmark's first line%n", sinceJvmStart);
        run(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4],
                System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(sinceJvmStart));
        System.exit(0);
    }

    /** Monocle's headless platform with software rendering, as the TestFX tests run. */
    private static void headless() {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        System.setProperty("java.awt.headless", "true");
    }

    private static int agentPort = -1;

    private static Process startAgents(int endpoints) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dtandem.bench.shared-port=true", "-cp", System.getProperty("java.class.path"),
                SimulatedAgentsProcess.class.getName(), String.valueOf(endpoints))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("port ")) throw new IllegalStateException("agents did not start: " + line);
        agentPort = Integer.parseInt(line.substring(5).strip());
        return p;
    }

    private static void copy(Path from, Path to) throws java.io.IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f) && !f.getFileName().toString().contains(".lock")) {
                    Files.copy(f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Servers with sites, one relationship each, and a last-known state for each, through the real stores. */
    private static void seed(Path dir, int n, int endpoints, int port) throws Exception {
        Instant at = Instant.now().minusSeconds(3600);
        try (Database db = Database.open(dir)) {
            JdbcInventoryStore store = new JdbcInventoryStore(db, SecretCipher.inDirectory(dir));
            JdbcStateStore states = new JdbcStateStore(db);
            List<RelationshipState> lastKnown = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                // two relationships share a pair of agents when there are fewer endpoints than peers
                int a = (2 * i) % endpoints;
                URI primary = URI.create("http://" + SimulatedAgentsProcess.host(a) + ":" + port + "/");
                URI secondary = URI.create("http://" + SimulatedAgentsProcess.host(a + 1) + ":" + port + "/");
                String name = String.format("branch-%05d", i);
                Relationship rel = new Relationship(name, name, Backend.KEA, HaMode.LOAD_BALANCING,
                        List.of(new PeerDefinition("primary", PeerRole.PRIMARY, primary, true),
                                new PeerDefinition("secondary", PeerRole.SECONDARY, secondary, true)),
                        false, HaParameters.NONE);
                store.saveServer(new ServerRecord(name, Backend.KEA, ConnectionSettings.of(primary), at,
                        String.format("site-%03d", i % SITES)), List.of(rel));
                Map<String, PeerObservation> seen = new HashMap<>();
                seen.put("primary", i % 20 == 0 ? PeerObservation.unreachable("primary", "Connection refused", at)
                        : up("primary", "primary", at));
                seen.put("secondary", up("secondary", "secondary", at));
                lastKnown.add(new RelationshipState(rel, StatusRules.assess(rel, seen, null,
                        tandem.kea.KeaStates.VOCABULARY), seen, at, false));
                if (lastKnown.size() == 500) {
                    states.saveStates(lastKnown);
                    lastKnown.clear();
                }
            }
            states.saveStates(lastKnown);
        }
    }

    private static PeerObservation up(String peer, String role, Instant at) {
        return new PeerObservation(peer, true, DaemonState.UP, "load-balancing", role, List.of(peer), 4L, true, false,
                0L, 0L, null, at);
    }

    private static final class Console {
        Services services;
        BackgroundTasks tasks;
        MainView view;
        Stage stage;
        Scene scene;
    }

    /** @param start when the JVM started, on {@link System#nanoTime}'s scale */
    private static void run(Path dir, int n, int seconds, String typed, long start) throws Exception {
        Console c = new Console();
        long cpuAtStart = 0; // the JVM's own start counts
        // as ConsoleApp.open: the folder's store opens while the toolkit starts, then the window
        CompletableFuture<Long> opened = CompletableFuture.supplyAsync(() -> {
            c.services = ConsoleStart.of(dir).openLocal();
            c.services.attachSynchronizer();
            return System.nanoTime();
        });
        CompletableFuture<Void> toolkit = new CompletableFuture<>();
        Platform.startup(() -> toolkit.complete(null));
        toolkit.get(60, TimeUnit.SECONDS);
        long toolkitUp = System.nanoTime();
        long storeOpen = opened.get(60, TimeUnit.SECONDS);
        ConfigTablesBenchmark.FxProbe probe = new ConfigTablesBenchmark.FxProbe();
        CompletableFuture<Long> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            c.tasks = BackgroundTasks.forFx();
            c.view = MainView.opening(ConsoleApp.adapt(c.services), c.tasks, ZoneId.systemDefault(),
                    ConsoleApp.backendUis(c.services));
            c.stage = new Stage();
            c.scene = c.view.scene(1200, 760);
            c.stage.setScene(c.scene);
            c.view.rememberWindow(c.stage);
            c.stage.show();
            c.view.start();
            shown.complete(System.nanoTime());
        });
        long windowShown = shown.get(60, TimeUnit.SECONDS);
        // usable: every relationship in the tree, rows rendered, and the FX thread answers a post within 50 ms
        long usable = -1;
        long rowsAt = -1;
        while (usable < 0) {
            long posted = System.nanoTime();
            CompletableFuture<Boolean> rows = new CompletableFuture<>();
            Platform.runLater(() -> rows.complete(c.view.tree().getRoot().getChildren().size() == n && rendered(c) > 0));
            boolean all = rows.get(60, TimeUnit.SECONDS);
            long answered = System.nanoTime();
            if (all && rowsAt < 0) rowsAt = answered;
            if (all && answered - posted <= 50_000_000L) usable = answered;
            else Thread.sleep(5);
            if (System.nanoTime() - start > 120_000_000_000L) throw new IllegalStateException("not usable in 2 minutes");
        }
        System.out.printf("%n(a) JVM start to usable: %,d ms (toolkit up %d ms, store opened %d ms, window shown %d ms,"
                        + " every row in the tree %d ms, FX thread answering within 50 ms %d ms after the JVM started)%n",
                ms(usable - start), ms(toolkitUp - start), ms(storeOpen - start), ms(windowShown - start),
                ms(rowsAt - start), ms(usable - start));
        System.out.printf("    longest FX stall from start to usable: %d ms (%d ms FX CPU)%n", probe.worst(), probe.worstCpu());
        System.out.printf("    CPU from JVM start to usable: %,d ms in all (%.1f of 2 cores' time); by thread: %s%n",
                ms(processCpu() - cpuAtStart), (processCpu() - cpuAtStart) / (double) (usable - start), busiestThreads());

        // (b) the first minute of polling
        AtomicInteger cycles = new AtomicInteger();
        List<Long> stalls = new java.util.concurrent.CopyOnWriteArrayList<>();
        Platform.runLater(() -> c.view.viewModel().lastPollProperty().addListener((o, was, now) -> cycles.incrementAndGet()));
        probe.reset();
        long pollStart = System.nanoTime();
        long worst = 0;
        long worstCpu = 0;
        int unconfirmedGoneAt = -1;
        for (int s = 1; s <= seconds; s++) {
            Thread.sleep(1000);
            long w = probe.worst();
            stalls.add(w);
            worst = Math.max(worst, w);
            worstCpu = Math.max(worstCpu, probe.worstCpu());
            probe.reset();
            CompletableFuture<Integer> unconfirmed = new CompletableFuture<>();
            Platform.runLater(() -> unconfirmed.complete(c.view.viewModel().unconfirmedProperty().get()));
            if (unconfirmedGoneAt < 0 && unconfirmed.get(30, TimeUnit.SECONDS) == 0) unconfirmedGoneAt = s;
        }
        CompletableFuture<String> counts = new CompletableFuture<>();
        Platform.runLater(() -> counts.complete(c.view.viewModel().countsProperty().get().toString()));
        long over50 = stalls.stream().filter(x -> x > 50).count();
        System.out.printf("%n(b) %d s of polling %,d relationships: %d cycles completed; every relationship confirmed"
                        + " after %s s; counts at the end %s%n", seconds, n, cycles.get(),
                unconfirmedGoneAt < 0 ? "(not within the run)" : String.valueOf(unconfirmedGoneAt), counts.get(30, TimeUnit.SECONDS));
        System.out.printf("    longest FX stall: %d ms; longest FX CPU stretch: %d ms; seconds with a stall over 50 ms:"
                + " %d of %d; per-second worst stalls: %s%n", worst, worstCpu, over50, seconds, stalls);
        heap("    heap after the minute of polling");

        // (c) typing a filter, one key at a time, while polling goes on
        TextField[] field = new TextField[1];
        CompletableFuture<Void> found = new CompletableFuture<>();
        Platform.runLater(() -> {
            field[0] = (TextField) c.scene.lookup("#treeFilter");
            field[0].requestFocus();
            found.complete(null);
        });
        found.get(10, TimeUnit.SECONDS);
        probe.reset();
        long[] toPulse = new long[typed.length()];
        long[] toTree = new long[typed.length()];
        int[] rows = new int[typed.length()];
        for (int i = 0; i < typed.length(); i++) {
            String prefix = typed.substring(0, i + 1);
            int expected = expected(n, prefix);
            rows[i] = expected;
            CompletableFuture<Long> pulse = new CompletableFuture<>();
            CompletableFuture<Long> tree = new CompletableFuture<>();
            long pressed = System.nanoTime();
            String ch = String.valueOf(typed.charAt(i));
            Platform.runLater(() -> {
                field[0].insertText(field[0].getLength(), ch);
                ConfigTablesBenchmark.afterNextPulse(c.scene, () -> pulse.complete(System.nanoTime()));
                ConfigTablesBenchmark.afterPulseWhen(c.scene, () -> c.view.tree().getRoot().getChildren().size() == expected,
                        () -> tree.complete(System.nanoTime()));
            });
            toPulse[i] = pulse.get(30, TimeUnit.SECONDS) - pressed;
            toTree[i] = tree.get(30, TimeUnit.SECONDS) - pressed;
            Thread.sleep(120); // about 8 keys a second
        }
        System.out.printf("%n(c) typing \"%s\" in the tree's filter on %,d relationships while polling%n", typed, n);
        System.out.println("    | typed | relationships shown | key to next pulse (ms) | key to tree filtered (ms) |");
        System.out.println("    |---|---:|---:|---:|");
        for (int i = 0; i < typed.length(); i++) {
            System.out.printf("    | %s | %,d | %.1f | %.1f |%n", typed.substring(0, i + 1), rows[i], toPulse[i] / 1e6,
                    toTree[i] / 1e6);
        }
        long[] p = toPulse.clone();
        long[] f = toTree.clone();
        Arrays.sort(p);
        Arrays.sort(f);
        System.out.printf("    key to next pulse: median %.1f ms, max %.1f ms; to tree filtered: median %.1f ms, max %.1f ms;"
                        + " longest FX stall while typing %d ms (%d ms FX CPU)%n", p[p.length / 2] / 1e6,
                p[p.length - 1] / 1e6, f[f.length / 2] / 1e6, f[f.length - 1] / 1e6, probe.worst(), probe.worstCpu());
        probe.stop();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        Platform.runLater(() -> {
            c.view.dispose();
            c.stage.close();
            closed.complete(null);
        });
        closed.get(30, TimeUnit.SECONDS);
        c.tasks.close();
        c.services.close();
        Platform.exit();
    }

    /** Relationships the filter text lets through: name and server "branch-NNNNN", site "site-NNN", peers. */
    private static int expected(int n, String typed) {
        String t = typed.toLowerCase(Locale.ROOT);
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (String.format("branch-%05d", i).contains(t) || String.format("site-%03d", i % SITES).contains(t)
                    || "primary".contains(t) || "secondary".contains(t)) count++;
        }
        return count;
    }

    private static int rendered(Console c) {
        int n = 0;
        for (javafx.scene.Node node : c.view.tree().lookupAll(".tree-cell")) {
            if (node instanceof TreeCell<?> cell && cell.getItem() != null) n++;
        }
        return n;
    }

    private static void heap(String what) {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        }
        System.gc();
        long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf("%s: %d MB live after GC, peak of the heap pools %d MB, max %d MB%n", what, live >> 20,
                peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * CPU time of the busiest threads since the JVM started, threads of a pool summed (the JIT compilers and garbage
     * collector are not among them): where the start went.
     */
    private static String busiestThreads() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> byName = new HashMap<>();
        for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t == null) continue;
            long cpu = threads.getThreadCpuTime(t.getThreadId());
            if (cpu > 0) byName.merge(t.getThreadName().replaceAll("-\\d+$", "-*"), cpu, Long::sum);
        }
        long javaThreads = byName.values().stream().mapToLong(Long::longValue).sum();
        return byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .map(e -> e.getKey() + " " + ms(e.getValue()) + " ms").collect(java.util.stream.Collectors.joining(", "))
                + "; JIT compilers, garbage collector and ended threads " + ms(processCpu() - javaThreads) + " ms";
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static long ms(long nanos) { return TimeUnit.NANOSECONDS.toMillis(nanos); }
}
