package tandem.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tandem.isc.RealSshd;
import tandem.ssh.HostKeyPrompt;
import tandem.ssh.SshSession;
import tandem.ssh.SshSessionPool;
import tandem.ssh.SshSettings;

/**
 * Probes per second against a real sshd on 127.0.0.1 (the ISC probe's own question, {@code pidof dhcpd}): a login
 * per probe (each on a client of its own, as probes did before) next to a login kept by {@link SshSessionPool}, one
 * at a time and eight at a time (the probe executors' size). Run after
 * {@code mvn -o -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/cp.txt} with
 * {@code java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) tandem.bench.SshProbeReuseBenchmark [N [COMMAND]]}.
 */
public final class SshProbeReuseBenchmark {
    private static final String PROBE_QUESTION = "pidof dhcpd >/dev/null 2>&1 || pgrep -x dhcpd >/dev/null 2>&1";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private SshProbeReuseBenchmark() {}

    @FunctionalInterface
    private interface Probe {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        // a second argument replaces the question, e.g. "true" to see the login's share alone
        String question = args.length > 1 ? args[1] : PROBE_QUESTION;
        System.out.println("Each probe runs: " + question);
        System.out.printf("Machine: %d cores, %s, Java %s, load average at start %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("java.version"), loadAverage());
        Path dir = Files.createTempDirectory("ssh-bench");
        try (RealSshd sshd = RealSshd.start(dir)) {
            SshSettings ssh = sshd.settings();
            Path knownHosts = dir.resolve("known_hosts");
            SshSession.open(ssh, knownHosts, (h, t, f) -> true, TIMEOUT).close(); // trusted once, as when added
            Probe fresh = () -> {
                try (SshSession s = SshSession.open(ssh, knownHosts, HostKeyPrompt.REFUSE, TIMEOUT)) {
                    s.exec(question, null, 1024, 1024);
                }
            };
            try (SshSessionPool pool = new SshSessionPool("bench-ssh", knownHosts, HostKeyPrompt.REFUSE)) {
                Probe kept = () -> pool.call(ssh, TIMEOUT, s -> s.exec(question, null, 1024, 1024));
                System.out.println("| probes at once | login per probe (probes/s) | kept login (probes/s) | ratio | logins kept/probes |");
                System.out.println("|---:|---:|---:|---:|---|");
                for (int threads : List.of(1, 8)) {
                    rate(fresh, Math.max(5, n / 10), threads); // warm-up
                    rate(kept, Math.max(5, n / 10), threads);
                    long before = pool.logins();
                    double a = rate(fresh, n, threads);
                    double b = rate(kept, n, threads);
                    System.out.printf("| %d | %.1f | %.1f | %.1fx | %d/%d |%n", threads, a, b, b / a, pool.logins() - before, n);
                }
            }
        }
        System.out.printf("load average at end %s%n", loadAverage());
    }

    private static double rate(Probe probe, int n, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long t0 = System.nanoTime();
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < n; i++) all.add(pool.submit(() -> {
                probe.run();
                return null;
            }));
            for (Future<?> f : all) f.get();
            return n / ((System.nanoTime() - t0) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
