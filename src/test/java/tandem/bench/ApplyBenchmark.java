package tandem.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tandem.app.Services;
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
 * (needs Kea installed, like the integration tests).
 */
public final class ApplyBenchmark {
    private ApplyBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.out.printf("Machine: %d cores, %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("java.version"));
        System.out.println("| configuration | runs | raw test+set+write, both servers (median ms) | apply to verified (median ms) | ratio |");
        System.out.println("|---|---:|---:|---:|---:|");
        run("2 subnets, 4 reservations", 2, 2, 5);
        run("2,000 subnets, 20,000 reservations", 2000, 10, 1);
        System.exit(0);
    }

    private static void run(String label, int subnets, int reservationsPerSubnet, int runs) throws Exception {
        Path data = Files.createTempDirectory("tandem-apply-bench");
        try (KeaLab lab = KeaLab.start(KeaLab.Mode.LOAD_BALANCING, 2, 0, subnets, reservationsPerSubnet);
             Services services = Services.open(data)) {
            lab.awaitStable(Duration.ofSeconds(90));
            services.updatePreferences(new Preferences(Duration.ofSeconds(10), Duration.ofSeconds(5), null, 8000, true));
            services.inventory().add(Backend.KEA, "bench", ConnectionSettings.of(lab.caUrl(1)));
            List<Long> raw = new ArrayList<>();
            List<Long> applied = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                long rawSum = 0;
                for (int s = 1; s <= 2; s++) rawSum += raw(services, lab.endpoint(s).withTimeout(Duration.ofSeconds(120)));
                raw.add(rawSum);
                services.poller().refresh();
                var preview = services.changes().prepare("bench", new KeaChange.AddReservation("10.10.0.0/24",
                        String.format("02:ee:00:00:00:%02x", i), "10.10.0." + (150 + i), null));
                long t0 = System.nanoTime();
                var result = services.changes().apply(preview);
                applied.add((System.nanoTime() - t0) / 1_000_000);
                if (!result.peers().values().stream().allMatch("verified"::equals)) {
                    throw new IllegalStateException("not verified: " + result.peers());
                }
            }
            long r = median(raw);
            long a = median(applied);
            System.out.printf("| %s | %d | %d | %d | %.2f |%n", label, runs, r, a, (double) a / r);
        }
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
        for (int i = 0; i < 600; i++) {
            String state = kea.statusGet(ep.withTimeout(Duration.ofSeconds(5))).parse(KeaStatus::from)
                    .flatMap(KeaStatus::ha).map(h -> h.local().state()).orElse("");
            if (state.equals("load-balancing")) break;
            Thread.sleep(100);
        }
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
