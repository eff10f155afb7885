package tandem.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tandem.services.Services;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.kea.KeaEndpoint;
import tandem.kea.KeaReply;
import tandem.kea.KeaStatus;
import tandem.kea.change.KeaChange;
import tandem.lab.KeaLab;

/**
 * Time from "apply" to every peer verified, next to the raw commands of the same servers in the same run, for a
 * small and a large configuration on a real Kea load-balancing pair. Run with
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=tandem.bench.ApplyBenchmark}
 * (needs Kea installed, like the integration tests, and the Kea 3 root for the kea3 runs). Arguments pick runs:
 * {@code small}, {@code large} (config-set on Kea 2.2), {@code kea3-small}, {@code kea3-large} (config-set on Kea
 * 3.0), {@code hot-small}, {@code hot-large} (host_cmds on Kea 3.0); none runs them all.
 */
public final class ApplyBenchmark {
    private static final List<String> COMMAND_HOOKS = List.of("libdhcp_host_cmds.so", "libdhcp_subnet_cmds.so");

    private ApplyBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.out.printf("Machine: %d cores, %s, Java %s, load average at start %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("java.version"), loadAverage());
        List<String> only = List.of(args);
        boolean all = only.isEmpty();
        System.out.println("| Kea, path | configuration | raw test+set+write, both servers (median ms, runs) "
                + "| first apply (ms) | later applies (median ms, runs) | ratio first | ratio later |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        if (all || only.contains("small")) configSet(false, "2 subnets, 4 reservations", 2, 2, 5);
        if (all || only.contains("large")) configSet(false, "2,000 subnets, 20,000 reservations", 2000, 10, 2);
        if (all || only.contains("kea3-small")) configSet(true, "2 subnets, 4 reservations", 2, 2, 5);
        if (all || only.contains("kea3-large")) configSet(true, "2,000 subnets, 20,000 reservations", 2000, 10, 2);
        if (all || only.contains("hot-small") || only.contains("hot-large")) {
            System.out.println();
            System.out.println("| Kea, path | configuration | raw reservation-add on both (median ms) | raw config-write "
                    + "on both (median ms) | apply to every peer verified (median ms, max, runs) | apply with files "
                    + "written (median ms, max) |");
            System.out.println("|---|---|---:|---:|---:|---:|");
        }
        if (all || only.contains("hot-small")) commands("2 subnets, 4 reservations", 2, 2, 10);
        if (all || only.contains("hot-large")) commands("2,000 subnets, 20,000 reservations", 2000, 10, 10);
        System.out.printf("Load average at end %s%n", loadAverage());
        System.exit(0);
    }

    private static KeaLab start(boolean kea3, int subnets, int perSubnet, List<String> hooks) {
        KeaLab lab = kea3 ? KeaLab.startKea3(KeaLab.Mode.LOAD_BALANCING, 2, 0, KeaLab.HaListener.CONTROL, subnets,
                perSubnet, hooks) : KeaLab.start(KeaLab.Mode.LOAD_BALANCING, 2, 0, subnets, perSubnet);
        lab.awaitStable(Duration.ofSeconds(120));
        return lab;
    }

    private static Services open(KeaLab lab) throws Exception {
        Services services = Services.open(Files.createTempDirectory("tandem-apply-bench"));
        services.updatePreferences(tandem.kea.KeaSettings.preferences(Duration.ofSeconds(10), Duration.ofSeconds(5), null, 8000, true));
        ConnectionSettings c = lab.isKea3()
                ? new ConnectionSettings(lab.caUrl(1), null, lab.kea3(1).user(), lab.kea3(1).password(), null)
                : ConnectionSettings.of(lab.caUrl(1));
        services.inventory().add(Backend.KEA, "bench", c);
        return services;
    }

    /**
     * The config-set path. The raw commands are timed first, then the applies: a raw config-set makes a server
     * report itself reconfigured, which would make every apply read it again. The first apply after the console
     * opened reads every server; later ones reuse what they read while the servers report no reconfiguration since.
     */
    private static void configSet(boolean kea3, String label, int subnets, int perSubnet, int later) throws Exception {
        try (KeaLab lab = start(kea3, subnets, perSubnet, List.of()); Services services = open(lab)) {
            List<Long> raw = new ArrayList<>();
            for (int i = 0; i <= later; i++) {
                long rawSum = 0;
                for (int s = 1; s <= 2; s++) rawSum += raw(services, lab.endpoint(s).withTimeout(Duration.ofSeconds(120)));
                raw.add(rawSum);
            }
            List<Long> applied = new ArrayList<>();
            String method = "";
            for (int i = 0; i <= later; i++) {
                services.poller().refresh();
                var preview = services.changes().prepare("bench", reservation(i));
                long t0 = System.nanoTime();
                var result = services.changes().apply(preview);
                applied.add((System.nanoTime() - t0) / 1_000_000);
                method = result.method();
                if (!result.peers().values().stream().allMatch("verified"::equals)) {
                    throw new IllegalStateException("not verified: " + result.peers());
                }
                awaitLoadBalancing(services, lab);
            }
            long r = median(raw);
            long first = applied.get(0);
            long rest = median(applied.subList(1, applied.size()));
            System.out.printf("| %s, %s | %s | %d (%d) | %d | %d (%d) | %.2f | %.2f |%n", kea3 ? "3.0" : "2.2",
                    method.startsWith("config-set") ? "config-set" : method, label, r, raw.size(), first, rest,
                    applied.size() - 1, (double) first / r, (double) rest / r);
        }
    }

    /** The host_cmds path: a reservation added to a pair whose servers both load host_cmds and subnet_cmds. */
    private static void commands(String label, int subnets, int perSubnet, int runs) throws Exception {
        try (KeaLab lab = start(true, subnets, perSubnet, COMMAND_HOOKS); Services services = open(lab)) {
            List<Long> rawAdd = new ArrayList<>();
            List<Long> rawWrite = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                long add = 0;
                long write = 0;
                for (int s = 1; s <= 2; s++) {
                    KeaEndpoint ep = lab.endpoint(s).withTimeout(Duration.ofSeconds(120));
                    ObjectNode args = tandem.kea.change.KeaConfigJson.parse("""
                            {"reservation": {"subnet-id": 2, "hw-address": "02:dd:00:00:00:%02x",
                             "ip-address": "10.10.1.%d"}, "operation-target": "memory"}""".formatted(i, 150 + i))
                            .deepCopy();
                    long t0 = System.nanoTime();
                    check(services.kea().send(ep, "reservation-add", "dhcp4", args));
                    long t1 = System.nanoTime();
                    check(services.kea().send(ep, "config-write", "dhcp4", null));
                    add += (t1 - t0) / 1_000_000;
                    write += (System.nanoTime() - t1) / 1_000_000;
                }
                rawAdd.add(add);
                rawWrite.add(write);
            }
            List<Long> verified = new ArrayList<>();
            List<Long> total = new ArrayList<>();
            services.poller().refresh();
            for (int i = 0; i < runs; i++) {
                var preview = services.changes().prepare("bench", reservation(i));
                long t0 = System.nanoTime();
                var result = services.changes().apply(preview);
                total.add((System.nanoTime() - t0) / 1_000_000);
                verified.add((result.verifiedAtNanos() - t0) / 1_000_000);
                if (!result.method().equals("reservation-add") || !result.peers().values().stream().allMatch("verified"::equals)) {
                    throw new IllegalStateException("not through host_cmds, or not verified: " + result);
                }
            }
            System.out.printf("| 3.0, host_cmds | %s | %d | %d | %d (%d, %d) | %d (%d) |%n", label, median(rawAdd),
                    median(rawWrite), median(verified), Collections.max(verified), runs, median(total), Collections.max(total));
        }
    }

    private static KeaChange reservation(int i) {
        return new KeaChange.AddReservation("10.10.0.0/24", String.format("02:ee:00:00:00:%02x", i), "10.10.0." + (150 + i), null);
    }

    private static void awaitLoadBalancing(Services services, KeaLab lab) throws InterruptedException {
        for (int s = 1; s <= 2; s++) {
            KeaEndpoint ep = lab.endpoint(s).withTimeout(Duration.ofSeconds(5));
            for (int i = 0; i < 600 && !haState(services, ep).equals("load-balancing"); i++) Thread.sleep(100);
        }
    }

    private static String haState(Services services, KeaEndpoint ep) {
        return services.kea().statusGet(ep).parse(KeaStatus::from)
                .flatMap(KeaStatus::ha).map(h -> h.local().state()).orElse("");
    }

    /** The bare commands on one server with its own configuration; waits (untimed) for HA to settle after. */
    private static long raw(Services services, KeaEndpoint ep) throws InterruptedException {
        var kea = services.kea();
        ObjectNode config = ((ObjectNode) ((KeaReply.Success) kea.configGet(ep)).arguments()).deepCopy();
        config.remove("hash");  // Kea 3 refuses its own hash back
        long t0 = System.nanoTime();
        check(kea.send(ep, "config-test", "dhcp4", config));
        check(kea.send(ep, "config-set", "dhcp4", config));
        check(kea.send(ep, "config-write", "dhcp4", null));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        KeaEndpoint status = ep.withTimeout(Duration.ofSeconds(5));
        for (int i = 0; i < 600 && !haState(services, status).equals("load-balancing"); i++) Thread.sleep(100);
        return ms;
    }

    private static void check(KeaReply reply) {
        if (!reply.isSuccess()) throw new IllegalStateException(reply.toString());
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
