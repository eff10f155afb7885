package tandem.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tandem.services.Services;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.Preferences;
import tandem.kea.KeaEndpoint;
import tandem.kea.KeaReply;
import tandem.kea.KeaStatus;
import tandem.kea.change.KeaChange;
import tandem.lab.KeaLab;

/**
 * Time from "apply" to every peer verified, next to the raw config-test + config-set + config-write times of the
 * same servers in the same run, for a small and a large configuration on a real Kea load-balancing pair. Run with
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=tandem.bench.ApplyBenchmark}
 * (needs Kea installed, like the integration tests); {@code -Dexec.args=small} or {@code large} runs one size.
 */
public final class ApplyBenchmark {
    private ApplyBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.out.printf("Machine: %d cores, %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("java.version"));
        System.out.println("| configuration | raw test+set+write, both servers (median ms, runs) | first apply (ms) "
                + "| later applies (median ms, runs) | ratio first | ratio later |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        List<String> only = List.of(args);
        if (only.isEmpty() || only.contains("small")) run("2 subnets, 4 reservations", 2, 2, 5);
        if (only.isEmpty() || only.contains("large")) run("2,000 subnets, 20,000 reservations", 2000, 10, 2);
        System.exit(0);
    }

    /**
     * The raw commands are timed first, then the applies: a raw config-set makes a server report itself
     * reconfigured, which would make every apply read it again. The first apply after the console opened reads
     * every server; later ones reuse what they read while the servers report no reconfiguration since.
     */
    private static void run(String label, int subnets, int reservationsPerSubnet, int later) throws Exception {
        Path data = Files.createTempDirectory("tandem-apply-bench");
        try (KeaLab lab = KeaLab.start(KeaLab.Mode.LOAD_BALANCING, 2, 0, subnets, reservationsPerSubnet);
             Services services = Services.open(data)) {
            lab.awaitStable(Duration.ofSeconds(90));
            services.updatePreferences(tandem.kea.KeaSettings.preferences(Duration.ofSeconds(10), Duration.ofSeconds(5), null, 8000, true));
            services.inventory().add(Backend.KEA, "bench", ConnectionSettings.of(lab.caUrl(1)));
            List<Long> raw = new ArrayList<>();
            for (int i = 0; i <= later; i++) {
                long rawSum = 0;
                for (int s = 1; s <= 2; s++) rawSum += raw(services, lab.endpoint(s).withTimeout(Duration.ofSeconds(120)));
                raw.add(rawSum);
            }
            List<Long> applied = new ArrayList<>();
            for (int i = 0; i <= later; i++) {
                services.poller().refresh();
                var preview = services.changes().prepare("bench", new KeaChange.AddReservation("10.10.0.0/24",
                        String.format("02:ee:00:00:00:%02x", i), "10.10.0." + (150 + i), null));
                long t0 = System.nanoTime();
                var result = services.changes().apply(preview);
                applied.add((System.nanoTime() - t0) / 1_000_000);
                if (!result.peers().values().stream().allMatch("verified"::equals)) {
                    throw new IllegalStateException("not verified: " + result.peers());
                }
                awaitLoadBalancing(services, lab);
            }
            long r = median(raw);
            long first = applied.get(0);
            long rest = median(applied.subList(1, applied.size()));
            System.out.printf("| %s | %d (%d) | %d | %d (%d) | %.2f | %.2f |%n", label, r, raw.size(), first, rest,
                    applied.size() - 1, (double) first / r, (double) rest / r);
        }
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
        JsonNode config = ((KeaReply.Success) kea.configGet(ep)).arguments();
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
}
