package tandem.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import tandem.core.config.ConfigRow;
import tandem.core.config.ConfigTables;
import tandem.ui.BackgroundTasks;
import tandem.ui.ConfigurationTab;
import tandem.ui.ConfigurationViewModel;
import tandem.ui.ConfigurationViewModel.Kind;
import tandem.ui.ConsoleContext;
import tandem.ui.Theme;

/**
 * How the Configuration tab copes with a large relationship: 2,000 subnets and 20,000 reservations (synthetic, no
 * server). Measures the time to open the tab (rows handed over, models built, first layout) and, typing a filter one
 * key at a time on the Reservations table sorted by address, each key press until the next layout pulse; a probe
 * posts to the FX thread every 2 ms throughout and reports the longest the FX thread kept it waiting, and the most CPU
 * time the FX thread spent between two of its posts (which a loaded machine does not stretch, nor garbage collection). Headless
 * (Monocle, software rendering), three runs in one JVM (the first is cold). Run with
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=tandem.bench.ConfigTablesBenchmark}
 * or, where the exec plugin is not at hand offline, {@code mvn -o -q test-compile dependency:build-classpath
 * -Dmdep.includeScope=test -Dmdep.outputFile=cp.txt} then
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) tandem.bench.ConfigTablesBenchmark}.
 * Arguments: subnets, reservations per subnet, the filter typed (defaults 2000 10 host-12345).
 */
public final class ConfigTablesBenchmark {
    private ConfigTablesBenchmark() {}

    public static void main(String[] args) throws Exception {
        int subnets = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int perSubnet = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String typed = args.length > 2 ? args[2] : "host-12345";
        // headless, as the UI tests run
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        System.setProperty("java.awt.headless", "true");
        System.out.printf("Machine: %d cores, %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                cpuModel(), System.getProperty("java.version"));
        ConfigTables tables = synthetic(subnets, perSubnet);
        System.out.printf("Tables: %,d subnets, %,d pools, %,d reservations, %,d options%n", tables.subnets().size(),
                tables.pools().size(), tables.reservations().size(), tables.options().size());

        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        // each run closes its window; the toolkit stays for the next
        Platform.setImplicitExit(false);
        started.get(30, TimeUnit.SECONDS);
        FxProbe probe = new FxProbe();
        try {
            for (int run = 1; run <= 3; run++) runOnce(run, tables, typed, probe);
        } finally {
            probe.stop();
            Platform.exit();
        }
        System.exit(0);
    }

    private static void runOnce(int run, ConfigTables tables, String typed, FxProbe probe) throws Exception {
        BackgroundTasks tasks = BackgroundTasks.forFx();
        ConfigurationViewModel vm = new ConfigurationViewModel(tasks,
                name -> java.util.Optional.of(new ConfigurationViewModel.Reading("server1", () -> tables)));
        ConsoleContext console = new ConsoleContext(null, null, tasks, null, null, () -> { });
        Holder h = new Holder();
        probe.reset();
        long start = System.nanoTime();
        CompletableFuture<Long> opened = new CompletableFuture<>();
        Platform.runLater(() -> {
            h.tab = new ConfigurationTab(vm, console, Map.of());
            h.stage = new Stage();
            h.scene = new Scene((javafx.scene.Parent) h.tab.node(), 1000, 700);
            Theme.apply(h.scene);
            h.stage.setScene(h.scene);
            h.stage.show();
            vm.tablesProperty().addListener((o, was, now) -> {
                // open: the first layout after which the shown table holds every row, its rows down to its bottom
                TableView<ConfigRow> shown = h.tab.table(vm.shownProperty().get());
                if (now != null) afterPulseWhen(h.scene, () -> shown.getItems().size() == vm.rows(vm.shownProperty().get()).size()
                        && full(shown), () -> opened.complete(System.nanoTime()));
            });
            vm.show("bench");
        });
        long openMs = ms(opened.get(60, TimeUnit.SECONDS) - start);
        // the probe's posts queued behind that last layout run only after it, and the frame is still drawn: wait
        // for them before reading the longest stall, or the last and often longest one goes unseen
        Thread.sleep(300);
        long openBlock = probe.worst();
        long openCpu = probe.worstCpu();

        // the Reservations table, sorted by address, then the filter typed one key at a time
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Platform.runLater(() -> {
            vm.shownProperty().set(Kind.RESERVATIONS);
            TableView<ConfigRow> t = h.tab.table(Kind.RESERVATIONS);
            TableColumn<ConfigRow, ?> address = t.getColumns().stream()
                    .filter(c -> c.getText().equals("Address")).findFirst().orElseThrow();
            t.getSortOrder().setAll(List.of(address));
            h.filter = (TextField) h.scene.lookup("#configFilter");
            // typing starts once the table is laid out down to its bottom, as after opening
            afterPulseWhen(h.scene, () -> full(t), () -> ready.complete(null));
        });
        ready.get(30, TimeUnit.SECONDS);
        Thread.sleep(200);
        probe.reset();
        long[] keys = new long[typed.length()];
        long[] onFx = new long[typed.length()];
        int[] rows = new int[typed.length()];
        for (int i = 0; i < typed.length(); i++) {
            String ch = String.valueOf(typed.charAt(i));
            CompletableFuture<Long> answered = new CompletableFuture<>();
            long pressed = System.nanoTime();
            int k = i;
            Platform.runLater(() -> {
                long begin = System.nanoTime();
                h.filter.insertText(h.filter.getLength(), ch);
                onFx[k] = System.nanoTime() - begin;
                rows[k] = vm.rows(Kind.RESERVATIONS).size();
                afterNextPulse(h.scene, () -> answered.complete(System.nanoTime()));
            });
            keys[i] = answered.get(30, TimeUnit.SECONDS) - pressed;
            Thread.sleep(120); // a fast typist: about 8 keys a second
        }
        long typingBlock = probe.worst();
        long typingCpu = probe.worstCpu();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        Platform.runLater(() -> {
            h.stage.close();
            closed.complete(null);
        });
        closed.get(10, TimeUnit.SECONDS);
        tasks.close();

        System.out.printf("%nRun %d%n", run);
        System.out.printf("  open the tab (window shown, read handed over, laid out with every row): %d ms;"
                + " longest FX thread stall meanwhile: %d ms (%d ms of FX thread CPU time)%n", openMs, openBlock, openCpu);
        System.out.println("  | key | rows shown | handler on FX (ms) | key to next pulse (ms) |");
        System.out.println("  |---|---:|---:|---:|");
        for (int i = 0; i < typed.length(); i++) {
            System.out.printf("  | %s | %,d | %.1f | %.1f |%n", typed.substring(0, i + 1), rows[i], onFx[i] / 1e6, keys[i] / 1e6);
        }
        long[] sorted = keys.clone();
        Arrays.sort(sorted);
        System.out.printf("  key press: median %.1f ms, max %.1f ms; longest FX thread stall while typing: %d ms"
                + " (%d ms of FX thread CPU time)%n", sorted[sorted.length / 2] / 1e6, sorted[sorted.length - 1] / 1e6,
                typingBlock, typingCpu);
    }

    private static final class Holder {
        ConfigurationTab tab;
        Stage stage;
        Scene scene;
        TextField filter;
    }

    /** Runs {@code then} once the next layout pulse of the scene is done; call on the FX thread. */
    static void afterNextPulse(Scene scene, Runnable then) {
        Runnable[] self = new Runnable[1];
        self[0] = () -> {
            scene.removePostLayoutPulseListener(self[0]);
            then.run();
        };
        scene.addPostLayoutPulseListener(self[0]);
        Platform.requestNextPulse();
    }

    /** Whether the table's rows are laid out down to its bottom. */
    private static boolean full(TableView<?> table) {
        return table.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow && flow.isVisible()
                && table.getHeight() - flow.getBoundsInParent().getMaxY() <= 3;
    }

    /** Runs {@code then} after the first layout pulse at whose end {@code done} holds; call on the FX thread. */
    static void afterPulseWhen(Scene scene, java.util.function.BooleanSupplier done, Runnable then) {
        Runnable[] self = new Runnable[1];
        self[0] = () -> {
            if (!done.getAsBoolean()) {
                Platform.requestNextPulse();
                return;
            }
            scene.removePostLayoutPulseListener(self[0]);
            then.run();
        };
        scene.addPostLayoutPulseListener(self[0]);
        Platform.requestNextPulse();
    }

    /**
     * Posts to the FX thread every 2 ms and keeps the longest wait: how long the thread was busy at a stretch; and
     * the FX thread's CPU time between two posts, which a loaded machine does not stretch as it stretches the wait.
     */
    static final class FxProbe {
        private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
        private final AtomicLong worst = new AtomicLong();
        private final AtomicLong worstCpu = new AtomicLong();
        private long lastCpu = -1; // on the FX thread only
        private final java.util.concurrent.ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fx-probe");
            t.setDaemon(true);
            return t;
        });

        FxProbe() {
            timer.scheduleAtFixedRate(() -> {
                long posted = System.nanoTime();
                Platform.runLater(() -> {
                    worst.accumulateAndGet(System.nanoTime() - posted, Math::max);
                    long cpu = CPU.getCurrentThreadCpuTime();
                    if (lastCpu >= 0) worstCpu.accumulateAndGet(cpu - lastCpu, Math::max);
                    lastCpu = cpu;
                });
            }, 0, 2, TimeUnit.MILLISECONDS);
        }

        void reset() {
            worst.set(0);
            worstCpu.set(0);
        }

        long worst() { return ms(worst.get()); }

        long worstCpu() { return ms(worstCpu.get()); }

        void stop() { timer.shutdownNow(); }
    }

    private static long ms(long nanos) { return TimeUnit.NANOSECONDS.toMillis(nanos); }

    static ConfigTables synthetic(int subnets, int perSubnet) {
        List<ConfigRow.Subnet> s = new ArrayList<>();
        List<ConfigRow.Pool> p = new ArrayList<>();
        List<ConfigRow.Reservation> r = new ArrayList<>();
        List<ConfigRow.Option> o = new ArrayList<>();
        for (int i = 0; i < subnets; i++) {
            String net = "10." + (10 + i / 256) + "." + (i % 256);
            String prefix = net + ".0/24";
            s.add(new ConfigRow.Subnet(prefix, String.valueOf(i + 1), null, 1, perSubnet, 101L, (long) (i * 7 % 102),
                    i % 5 == 0 ? "building " + i / 5 : null));
            p.add(new ConfigRow.Pool(prefix, net + ".100 - " + net + ".200", null));
            o.add(new ConfigRow.Option(prefix, "routers", 3, net + ".1"));
            for (int k = 0; k < perSubnet; k++) {
                int n = i * perSubnet + k;
                String mac = String.format("hw-address 02:00:%02x:%02x:%02x:%02x", (n >> 24) & 255, (n >> 16) & 255,
                        (n >> 8) & 255, n & 255);
                r.add(new ConfigRow.Reservation(prefix, mac, net + "." + (10 + k), "host-" + n, null));
            }
        }
        o.add(new ConfigRow.Option("global", "domain-name", 15, "example.org"));
        return new ConfigTables("bench", "server1", Instant.now(), s, p, r, o, List.of(), List.of());
    }

    static String cpuModel() {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .orElse(System.getProperty("os.arch"));
        } catch (java.io.IOException e) {
            return System.getProperty("os.arch");
        }
    }
}
