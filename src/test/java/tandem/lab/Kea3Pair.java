package tandem.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import tandem.kea.KeaControlAgentClient;
import tandem.kea.KeaEndpoint;
import tandem.kea.KeaReply;
import tandem.kea.KeaStatus;

/**
 * A Kea 3.0 load-balancing pair on 127.0.0.1, each kea-dhcp4 run with chroot in the Debian root of Kea 3
 * ({@value #ROOT}, or -Dtandem.kea3.root), reached on its own HTTP control socket with basic auth, loading
 * host_cmds and subnet_cmds. Its files live inside the root; {@link #close()} stops the two processes it started
 * (by pid) and deletes them. There is no skipping: without the root, {@link #start} throws.
 */
public final class Kea3Pair implements AutoCloseable {
    public static final String ROOT = "/var/cache/tandem/kea3-root";
    public static final String USER = "tandem";
    public static final String PASSWORD = "lab-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KeaControlAgentClient CLIENT = new KeaControlAgentClient();

    private final Path root;
    private final Path dir;
    private final int[] ports;
    private final List<Process> processes = new ArrayList<>();

    private Kea3Pair(Path root, Path dir, int[] ports) {
        this.root = root;
        this.dir = dir;
        this.ports = ports;
    }

    public static Kea3Pair start(int subnets, int reservationsPerSubnet) {
        Path root = Path.of(System.getProperty("tandem.kea3.root", ROOT));
        if (!Files.isExecutable(root.resolve("usr/sbin/kea-dhcp4"))) {
            throw new IllegalStateException("No Kea 3 root at " + root + " (build it as the README says)");
        }
        try {
            Files.createDirectories(root.resolve("tmp"));
            Files.createDirectories(root.resolve("run/kea"));
            Files.createDirectories(root.resolve("var/lib/kea"));
            Path dir = Files.createTempDirectory(root.resolve("tmp"), "tandem-kea3-pair-");
            Kea3Pair pair = new Kea3Pair(root, dir, new int[]{freePort(), freePort()});
            Runtime.getRuntime().addShutdownHook(new Thread(pair::close));
            pair.write(subnets, reservationsPerSubnet);
            for (int i = 1; i <= 2; i++) pair.launch(i);
            pair.awaitState("load-balancing", Duration.ofSeconds(120));
            return pair;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The path Kea sees for a file of this pair. */
    private String inside(Path p) {
        return "/" + root.relativize(p).toString();
    }

    private void write(int subnetCount, int perSubnet) throws IOException {
        Path auth = Files.createDirectories(dir.resolve("auth"));
        Files.writeString(auth.resolve("user"), USER);
        Files.writeString(auth.resolve("pw"), PASSWORD);
        ArrayNode subnets = JSON.createArrayNode();
        for (int i = 0; i < subnetCount; i++) {
            String net = "10." + (10 + i / 256) + "." + (i % 256);
            ObjectNode s = subnets.addObject().put("id", i + 1).put("subnet", net + ".0/24");
            s.putArray("pools").addObject().put("pool", net + ".100 - " + net + ".200");
            s.putArray("option-data").addObject().put("name", "routers").put("data", net + ".1");
            ArrayNode res = s.putArray("reservations");
            for (int r = 0; r < perSubnet; r++) {
                int n = i * perSubnet + r;
                res.addObject().put("hw-address", String.format("02:00:%02x:%02x:%02x:%02x", (n >> 24) & 255,
                        (n >> 16) & 255, (n >> 8) & 255, n & 255)).put("ip-address", net + "." + (10 + r))
                        .put("hostname", "host-" + n);
            }
        }
        for (int i = 1; i <= 2; i++) {
            ObjectNode ha = JSON.createObjectNode().put("this-server-name", "server" + i).put("mode", "load-balancing")
                    .put("heartbeat-delay", 1000).put("max-response-delay", 3000).put("max-ack-delay", 1000)
                    .put("max-unacked-clients", 0);
            // peers talk to each other's control sockets, so every command and HA goes through one port a server
            ha.putObject("multi-threading").put("enable-multi-threading", true).put("http-dedicated-listener", false);
            ArrayNode peers = ha.putArray("peers");
            for (int j = 1; j <= 2; j++) {
                peers.addObject().put("name", "server" + j).put("url", url(j).toString())
                        .put("role", j == 1 ? "primary" : "secondary").put("auto-failover", true)
                        .put("basic-auth-user", USER).put("basic-auth-password-file", inside(auth.resolve("pw")));
            }
            ObjectNode dhcp4 = JSON.createObjectNode();
            dhcp4.putObject("interfaces-config").putArray("interfaces");
            ObjectNode socket = dhcp4.putArray("control-sockets").addObject().put("socket-type", "http")
                    .put("socket-address", "127.0.0.1").put("socket-port", ports[i - 1]);
            ObjectNode authn = socket.putObject("authentication").put("type", "basic").put("realm", "kea")
                    .put("directory", inside(auth));
            authn.putArray("clients").addObject().put("user-file", "user").put("password-file", "pw");
            dhcp4.putObject("lease-database").put("type", "memfile").put("persist", false);
            ArrayNode hooks = dhcp4.putArray("hooks-libraries");
            for (String lib : List.of("libdhcp_lease_cmds.so", "libdhcp_host_cmds.so", "libdhcp_subnet_cmds.so")) {
                hooks.addObject().put("library", lib);
            }
            hooks.addObject().put("library", "libdhcp_ha.so").putObject("parameters").putArray("high-availability").add(ha);
            dhcp4.set("subnet4", subnets);
            dhcp4.putArray("loggers").addObject().put("name", "kea-dhcp4").put("severity", "WARN")
                    .putArray("output-options").addObject().put("output", "stdout");
            ObjectNode config = JSON.createObjectNode();
            config.set("Dhcp4", dhcp4);
            JSON.writeValue(config(i).toFile(), config);
        }
    }

    private Path config(int i) {
        return dir.resolve("kea-dhcp4-s" + i + ".json");
    }

    private void launch(int i) throws IOException {
        processes.add(new ProcessBuilder("chroot", root.toString(), "/usr/sbin/kea-dhcp4", "-c", inside(config(i)))
                .redirectErrorStream(true).redirectOutput(dir.resolve("s" + i + ".out").toFile()).start());
    }

    public URI url(int i) {
        return URI.create("http://127.0.0.1:" + ports[i - 1] + "/");
    }

    public KeaEndpoint endpoint(int i) {
        return new KeaEndpoint(url(i), null, USER, PASSWORD, null, Duration.ofSeconds(30));
    }

    /** The configuration file a server was started with (it is what config-write writes). */
    public Path configFile(int i) {
        return config(i);
    }

    public String haState(int i) {
        KeaReply r = CLIENT.statusGet(endpoint(i).withTimeout(Duration.ofSeconds(5)));
        return r.parse(KeaStatus::from).flatMap(KeaStatus::ha).map(h -> h.local() == null ? "" : h.local().state())
                .orElse("");
    }

    /** Until both servers report the state, bounded by the timeout. */
    public void awaitState(String state, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int attempt = 0; attempt < 10_000 && System.nanoTime() < deadline; attempt++) {
            if (state.equals(haState(1)) && state.equals(haState(2))) return;
            for (Process p : processes) {
                if (!p.isAlive()) throw new IllegalStateException("kea-dhcp4 exited: see " + dir);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("The Kea 3 pair did not reach " + state + " within " + timeout + " (" + dir + ")");
    }

    @Override
    public synchronized void close() {
        for (Process p : processes) {
            p.destroy();
            try {
                if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        if (Boolean.getBoolean("tandem.lab.keep")) return;
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // already gone
        }
    }
}
