package tandem.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import tandem.kea.KeaControlAgentClient;
import tandem.kea.KeaEndpoint;
import tandem.kea.KeaReply;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Kea DHCPv4 HA cluster on 127.0.0.1 for integration tests, driven by {@code src/test/lab/kea-lab.sh}.
 * Servers are numbered from 1 (server1 is the primary). {@link #close()} stops every process the lab started
 * and deletes its directory (kept when the system property {@code tandem.lab.keep} is true).
 * <p>
 * There is no skipping: when Kea is not installed, {@link #start} throws and the test fails.
 */
public final class KeaLab implements AutoCloseable {
    /** For the tests' own look at a server, apart from the client under test. */
    private static final KeaControlAgentClient CLIENT = new KeaControlAgentClient();


    public enum Mode {
        LOAD_BALANCING("load-balancing"), HOT_STANDBY("hot-standby"), PASSIVE_BACKUP("passive-backup"),
        /** Servers without the HA hook, each alone (kea-lab.sh --mode standalone). */
        STANDALONE("standalone");

        private final String keaName;

        Mode(String keaName) {
            this.keaName = keaName;
        }

        /** The mode as Kea spells it in the HA configuration. */
        public String keaName() {
            return keaName;
        }
    }

    /** The DHCP daemons each server of the lab runs; BOTH: a DHCPv4 and a DHCPv6 relationship behind one agent. */
    public enum Service {
        DHCP4("dhcp4"), DHCP6("dhcp6"), BOTH("both");

        private final String option;

        Service(String option) {
            this.option = option;
        }
    }

    /** How the HA peers of a Kea 3 lab reach each other. */
    public enum HaListener {
        /** A dedicated HA listener on a port of its own, answering HA commands only (restrict-commands). */
        DEDICATED("dedicated"),
        /** No dedicated listener ({@code http-dedicated-listener: false}): peers use each other's control sockets. */
        CONTROL("control");

        private final String option;

        HaListener(String option) {
            this.option = option;
        }
    }

    /**
     * How to reach a Kea 3 server: its own control socket (also {@link Server#caUrl()}, as there is no Control
     * Agent), the URL its HA peers use, and the basic-auth login of the control socket.
     */
    public record Kea3Access(URI controlUrl, URI haUrl, String user, Path passwordFile) {
        /** The password, read from the lab's password file. */
        public String password() {
            try {
                return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** One server as described in lab.json; pids are null while the process is stopped. */
    public record Server(String id, String name, String role, int caPort, URI caUrl, Path dhcp4Config,
                         Path caConfig, Path socket, Long dhcp4Pid, Long caPid) {
    }

    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Path script;
    private final Mode mode;
    private final Map<String, String> environment;
    private final Thread shutdownHook;
    private volatile List<Server> servers;
    private volatile List<Kea3Access> kea3;  // null for a Kea 2 lab
    private volatile HaListener haListener;
    private volatile String trustAnchorPem;  // the lab CA of a --tls lab, else null
    private boolean closed;

    private KeaLab(Path dir, Path script, Mode mode, Map<String, String> environment) {
        this.dir = dir;
        this.script = script;
        this.mode = mode;
        this.environment = Map.copyOf(environment);
        // a crashed or interrupted test run must not leave Kea daemons behind
        this.shutdownHook = new Thread(this::stopQuietly, "kea-lab-stop");
    }

    /**
     * Starts a cluster and returns once every Control Agent listens (HA may still be converging: see
     * {@link #awaitStable}).
     *
     * @param servers all servers, backups included
     * @param backups how many of them are backups (load-balancing and hot-standby: servers - 2; passive-backup:
     *                servers - 1)
     */
    public static KeaLab start(Mode mode, int servers, int backups) {
        return start(mode, servers, backups, 2, 2);
    }

    public static KeaLab start(Mode mode, int servers, int backups, int subnets, int reservationsPerSubnet) {
        return start(mode, servers, backups, subnets, reservationsPerSubnet, Map.of());
    }

    /**
     * A lab whose servers run {@code service}: DHCPv6 subnets have a pool, a prefix-delegation pool, DUID
     * reservations and a dns-servers option each.
     */
    public static KeaLab start(Service service, Mode mode, int servers, int backups) {
        return start(mode, servers, backups, 2, 2, Map.of(), "--service", service.option);
    }

    /** With extra environment for kea-lab.sh (e.g. KEA_DHCP4_BIN, KEA_HOOKS_DIR). */
    static KeaLab start(Mode mode, int servers, int backups, int subnets, int reservationsPerSubnet,
                        Map<String, String> environment) {
        return start(mode, servers, backups, subnets, reservationsPerSubnet, environment, tempRoot(), List.of());
    }

    /** @param extra more options for {@code kea-lab.sh start} */
    private static KeaLab start(Mode mode, int servers, int backups, int subnets, int reservationsPerSubnet,
                                Map<String, String> environment, String... extra) {
        return start(mode, servers, backups, subnets, reservationsPerSubnet, environment, tempRoot(), List.of(extra));
    }

    /**
     * Starts a Kea 3.0 cluster from the root of {@link #kea3Root()}: each kea-dhcp4 runs under chroot with its own
     * authenticated HTTP control socket and no Control Agent. {@link #endpoint} then carries the login.
     */
    public static KeaLab startKea3(Mode mode, int servers, int backups, HaListener listener) {
        return startKea3(mode, servers, backups, listener, 2, 2);
    }

    public static KeaLab startKea3(Mode mode, int servers, int backups, HaListener listener, int subnets,
                                   int reservationsPerSubnet) {
        return startKea3(mode, servers, backups, listener, subnets, reservationsPerSubnet, List.of());
    }

    /** @param hooks more hook libraries every server loads, by file name (e.g. libdhcp_host_cmds.so) */
    public static KeaLab startKea3(Mode mode, int servers, int backups, HaListener listener, int subnets,
                                   int reservationsPerSubnet, List<String> hooks) {
        return startKea3(Service.DHCP4, mode, servers, backups, listener, subnets, reservationsPerSubnet, hooks);
    }

    /**
     * Kea 3.0 servers running {@code service}'s daemon (DHCP4 or DHCP6, not BOTH: each daemon has its own control
     * socket); DHCPv6 subnets as in {@link #start(Service, Mode, int, int)}.
     */
    public static KeaLab startKea3(Service service, Mode mode, int servers, int backups, HaListener listener,
                                   int subnets, int reservationsPerSubnet, List<String> hooks) {
        return startKea3(service, mode, servers, backups, listener, subnets, reservationsPerSubnet,
                hooks.isEmpty() ? Map.of() : Map.of("KEA_LAB_HOOKS", String.join(",", hooks)));
    }

    private static KeaLab startKea3(Service service, Mode mode, int servers, int backups, HaListener listener,
                                    int subnets, int reservationsPerSubnet, Map<String, String> environment) {
        if (service == Service.BOTH) throw new IllegalArgumentException("a Kea 3 lab runs one daemon a server");
        Path root = kea3Root();
        if (!Files.isExecutable(root.resolve("usr/sbin/kea-" + service.option))) {
            throw new IllegalStateException("no Kea 3 root at " + root + ": build it with src/test/lab/kea3-root.sh "
                    + root + " (or set -Dtandem.kea3.root / KEA3_ROOT)");
        }
        Path tmp = root.resolve("tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the chrooted daemons see only files inside the root: the lab directory goes to its /tmp
        return start(mode, servers, backups, subnets, reservationsPerSubnet, environment, tmp,
                List.of("--kea3", root.toString(), "--ha-listener", listener.option, "--service", service.option));
    }

    /**
     * Servers whose control endpoints (Control Agents on Kea 2, control sockets with a Kea 3 {@code listener}) serve
     * HTTPS with certificates of a throwaway CA ({@code kea-lab.sh --tls}); {@link #trustAnchorPem()} is that CA.
     *
     * @param listener null for Kea 2.2 with Control Agents, else a Kea 3 lab with that HA listener
     */
    public static KeaLab startTls(Mode mode, int servers, int backups, HaListener listener, int subnets,
                                  int reservationsPerSubnet) {
        if (listener == null) {
            return start(mode, servers, backups, subnets, reservationsPerSubnet, Map.of(), "--tls");
        }
        Path root = kea3Root();
        return start(mode, servers, backups, subnets, reservationsPerSubnet, Map.of(), root.resolve("tmp"),
                List.of("--kea3", root.toString(), "--ha-listener", listener.option, "--tls"));
    }

    /**
     * A hosts database every server of a Kea 3 lab names (PostgreSQL, e.g. one of {@link PostgresLab}). The password
     * goes to a pgpass file in the lab's auth folder, read by libpq: never into Kea's configuration.
     */
    public record HostsDatabase(String host, int port, String name, String user, String password) {
        @Override public String toString() {
            return "HostsDatabase[" + user + "@" + host + ":" + port + "/" + name + "]";
        }
    }

    /** A Kea 3 lab whose servers all keep their reservations in one hosts database (libdhcp_pgsql loaded). */
    public static KeaLab startKea3(Mode mode, int servers, int backups, HaListener listener, int subnets,
                                   int reservationsPerSubnet, List<String> hooks, HostsDatabase hostsDatabase) {
        Map<String, String> env = new java.util.HashMap<>();
        if (!hooks.isEmpty()) env.put("KEA_LAB_HOOKS", String.join(",", hooks));
        env.put("KEA_LAB_HOSTS_DB", JSON.createObjectNode().put("type", "postgresql").put("name", hostsDatabase.name())
                .put("host", hostsDatabase.host()).put("port", hostsDatabase.port()).put("user", hostsDatabase.user())
                .toString());
        env.put("KEA_LAB_HOSTS_DB_PASSWORD", hostsDatabase.password());
        return startKea3(Service.DHCP4, mode, servers, backups, listener, subnets, reservationsPerSubnet, env);
    }

    /** The Kea 3 root: -Dtandem.kea3.root, else env KEA3_ROOT, else /var/cache/tandem/kea3-root. */
    public static Path kea3Root() {
        String configured = System.getProperty("tandem.kea3.root");
        if (configured == null || configured.isBlank()) configured = System.getenv("KEA3_ROOT");
        return Path.of(configured == null || configured.isBlank() ? "/var/cache/tandem/kea3-root" : configured);
    }

    private static KeaLab start(Mode mode, int servers, int backups, int subnets, int reservationsPerSubnet,
                                Map<String, String> environment, Path parent, List<String> extra) {
        Path script = labDirectory().resolve("kea-lab.sh");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("Kea lab script not found: " + script.toAbsolutePath()
                    + " (set -Dtandem.lab.dir to the src/test/lab directory)");
        }
        Path dir;
        try {
            dir = Files.createTempDirectory(parent, "tandem-kea-lab-").toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KeaLab lab = new KeaLab(dir, script, mode, environment);
        Runtime.getRuntime().addShutdownHook(lab.shutdownHook);
        try {
            List<String> args = new ArrayList<>(List.of("start", dir.toString(), "--mode", mode.keaName(),
                    "--servers", Integer.toString(servers), "--backups", Integer.toString(backups),
                    "--subnets", Integer.toString(subnets), "--res-per-subnet", Integer.toString(reservationsPerSubnet)));
            args.addAll(extra);
            lab.run(SCRIPT_TIMEOUT, args.toArray(String[]::new));
            lab.reload();
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /** The directory holding kea-lab.sh: -Dtandem.lab.dir (set by the pom), else src/test/lab. */
    static Path labDirectory() {
        String configured = System.getProperty("tandem.lab.dir");
        return configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("src", "test", "lab");
    }

    /** Unix socket paths are limited to about 100 bytes: prefer the short /tmp over a long java.io.tmpdir. */
    private static Path tempRoot() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path slashTmp = Path.of("/tmp");
        if (tmp.toString().length() > 40 && Files.isDirectory(slashTmp) && Files.isWritable(slashTmp)) {
            return slashTmp;
        }
        return tmp;
    }

    public Path dir() {
        return dir;
    }

    public Mode mode() {
        return mode;
    }

    public int size() {
        return servers.size();
    }

    public List<Server> servers() {
        return servers;
    }

    /** Server i (1-based), with pids as of the last lab operation. */
    public Server server(int i) {
        if (i < 1 || i > servers.size()) {
            throw new IndexOutOfBoundsException("server " + i + " of " + servers.size());
        }
        return servers.get(i - 1);
    }

    /** Server i's control endpoint: its Control Agent on Kea 2, its own control socket on Kea 3. */
    public URI caUrl(int i) {
        return server(i).caUrl();
    }

    /** The PEM of the CA that signed every server's certificate in a TLS lab ({@link #startTls}); null otherwise. */
    public String trustAnchorPem() {
        return trustAnchorPem;
    }

    /** The file holding {@link #trustAnchorPem()}, for {@code tandem server add kea --trust-anchor}; null without TLS. */
    public Path trustAnchorFile() {
        return trustAnchorPem == null ? null : dir.resolve("tls").resolve("ca.pem");
    }

    /** A direct endpoint for server i's control endpoint with the default timeout, logged in on Kea 3. */
    public KeaEndpoint endpoint(int i) {
        KeaEndpoint endpoint = KeaEndpoint.of(caUrl(i).toString()).withTrustAnchor(trustAnchorPem);
        if (kea3 != null) {
            Kea3Access access = kea3(i);
            endpoint = endpoint.withCredentials(access.user(), access.password());
        }
        return endpoint;
    }

    /** How Tandem is told to reach server i: its control endpoint, with the login on Kea 3. */
    public tandem.core.ConnectionSettings connection(int i) {
        KeaEndpoint ep = endpoint(i);
        return new tandem.core.ConnectionSettings(ep.url(), null, ep.username(), ep.password(), ep.trustAnchorPem());
    }

    /**
     * The control endpoints of servers 2..n for {@code Inventory.add}: with dedicated HA listeners a peer's HA URL
     * is not its control socket, and on loopback each socket has its own port, so Tandem has to be told. Empty
     * otherwise.
     */
    public Map<String, URI> peerControlUrls() {
        if (haListener != HaListener.DEDICATED) return Map.of();
        Map<String, URI> out = new java.util.LinkedHashMap<>();
        for (int i = 2; i <= size(); i++) out.put(serverName(i), kea3(i).controlUrl());
        return out;
    }

    /** Whether this lab runs Kea 3 daemons without Control Agents. */
    public boolean isKea3() {
        return kea3 != null;
    }

    /** The HA listener choice of a Kea 3 lab; null for Kea 2. */
    public HaListener haListener() {
        return haListener;
    }

    /** Control socket, HA URL and login of Kea 3 server i; throws on a Kea 2 lab. */
    public Kea3Access kea3(int i) {
        server(i);
        if (kea3 == null) throw new IllegalStateException("not a Kea 3 lab: " + dir);
        return kea3.get(i - 1);
    }

    /** Server i's running Dhcp4 configuration, read with config-get; fails when the server does not answer. */
    public JsonNode dhcp4(int i) {
        KeaReply r = CLIENT.configGet(endpoint(i));
        if (!(r instanceof KeaReply.Success ok)) throw new IllegalStateException(serverName(i) + " did not answer config-get: " + r);
        return ok.arguments().path("Dhcp4");
    }

    /** The configuration file of server i's kea-dhcp6 (config-write writes there). */
    public Path dhcp6Config(int i) {
        return dir.resolve("etc").resolve("kea-dhcp6-" + server(i).id() + ".json");
    }

    /** Server i's running Dhcp6 configuration, read with config-get through its Control Agent. */
    public JsonNode dhcp6(int i) {
        KeaReply r = CLIENT.send(endpoint(i), "config-get", "dhcp6", null);
        if (!(r instanceof KeaReply.Success ok)) throw new IllegalStateException(serverName(i) + " did not answer config-get: " + r);
        return ok.arguments().path("Dhcp6");
    }

    /** SIGKILL server i's daemon of {@code service} ("dhcp4" or "dhcp6"); its Control Agent keeps running. */
    public void killDhcp(int i, String service) {
        run(SCRIPT_TIMEOUT, "kill-dhcp", dir.toString(), server(i).id(), service);
        reload();
    }

    /** Starts server i's daemon of {@code service} again. */
    public void startDhcp(int i, String service) {
        run(SCRIPT_TIMEOUT, "start-dhcp", dir.toString(), server(i).id(), service);
        reload();
    }

    public static boolean hasReservation(JsonNode dhcp4, String ip) {
        return hasReservation(dhcp4, ip, null);
    }

    /** Whether a subnet of {@code dhcp4} reserves {@code ip}, for {@code mac} when it is not null. */
    public static boolean hasReservation(JsonNode dhcp4, String ip, String mac) {
        for (JsonNode subnet : dhcp4.path("subnet4")) {
            for (JsonNode r : subnet.path("reservations")) {
                if (r.path("ip-address").asText().equals(ip) && (mac == null || r.path("hw-address").asText().equals(mac))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** How many commands named {@code command} server i's kea-dhcp4 has logged receiving (its INFO log). */
    public long commandsReceived(int i, String command) {
        return commandsReceived(i, "dhcp4", command);
    }

    /** As {@link #commandsReceived(int, String)}, by server i's daemon of {@code service} ("dhcp4" or "dhcp6"). */
    public long commandsReceived(int i, String service, String command) {
        Path log = dir.resolve("run").resolve(server(i).id()).resolve("kea-" + service + ".log");
        String marker = "Received command '" + command + "'";
        try (var lines = java.nio.file.Files.lines(log)) {
            return lines.filter(l -> l.contains(marker)).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public String serverName(int i) {
        return server(i).name();
    }

    public String role(int i) {
        return server(i).role();
    }

    /** SIGKILL the DHCPv4 server of i; its Control Agent keeps running. */
    public void killDhcp(int i) {
        serverCommand("kill-dhcp", i);
    }

    /** Graceful stop of the DHCPv4 server of i. */
    public void stopDhcp(int i) {
        serverCommand("stop-dhcp", i);
    }

    /** SIGSTOP the DHCPv4 server of i: a hung daemon, whose Control Agent then answers nothing at all. */
    public void pauseDhcp(int i) {
        serverCommand("pause-dhcp", i);
    }

    /** SIGCONT the DHCPv4 server of i. */
    public void resumeDhcp(int i) {
        serverCommand("resume-dhcp", i);
    }

    public void stopAgent(int i) {
        serverCommand("stop-ca", i);
    }

    public void startDhcp(int i) {
        serverCommand("start-dhcp", i);
    }

    public void startAgent(int i) {
        serverCommand("start-ca", i);
    }

    /** Waits until every server reports a stable HA state; throws with the lab status when it does not. */
    public void awaitStable(Duration timeout) {
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        run(Duration.ofSeconds(seconds + 30), "wait", dir.toString(), Long.toString(seconds));
    }

    /** Processes and HA state of every server, one line each. */
    public String status() {
        return run(SCRIPT_TIMEOUT, "status", dir.toString());
    }

    /** Stops every process of this lab and deletes its directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to
        }
        stopQuietly();
        if (!Boolean.getBoolean("tandem.lab.keep")) {
            deleteRecursively(dir);
        }
    }

    private void stopQuietly() {
        if (Files.exists(dir.resolve("lab-static.json"))) {
            try {
                run(SCRIPT_TIMEOUT, "stop", dir.toString());
            } catch (RuntimeException e) {
                System.err.println("kea-lab stop failed: " + e.getMessage());
            }
        }
    }

    private void serverCommand(String command, int i) {
        run(SCRIPT_TIMEOUT, command, dir.toString(), server(i).id());
        reload();
    }

    private void reload() {
        try {
            JsonNode lab = JSON.readTree(dir.resolve("lab.json").toFile());
            List<Server> list = new ArrayList<>();
            List<Kea3Access> access = new ArrayList<>();
            boolean isKea3 = lab.hasNonNull("kea3Root");
            for (JsonNode s : lab.get("servers")) {
                list.add(new Server(s.get("id").asText(), s.get("name").asText(), s.get("role").asText(),
                        s.get("caPort").asInt(), URI.create(s.get("caUrl").asText()),
                        Path.of(s.get("dhcp4Config").asText()), path(s.get("caConfig")),
                        path(s.get("socket")), pid(s.get("dhcp4Pid")), pid(s.get("caPid"))));
                if (isKea3) {
                    access.add(new Kea3Access(URI.create(s.get("controlUrl").asText()),
                            URI.create(s.get("haUrl").asText()), s.get("user").asText(),
                            Path.of(s.get("passwordFile").asText())));
                }
            }
            servers = List.copyOf(list);
            kea3 = isKea3 ? List.copyOf(access) : null;
            JsonNode anchor = lab.get("servers").get(0).get("trustAnchor");
            trustAnchorPem = anchor == null || anchor.isNull() ? null
                    : Files.readString(Path.of(anchor.asText()), StandardCharsets.UTF_8);
            haListener = isKea3 && "control".equals(lab.path("haListener").asText())
                    ? HaListener.CONTROL : isKea3 ? HaListener.DEDICATED : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve("lab.json"), e);
        }
    }

    /** Kea 3 servers have no Control Agent configuration and no unix socket: null there. */
    private static Path path(JsonNode n) {
        return n == null || n.isNull() ? null : Path.of(n.asText());
    }

    private static Long pid(JsonNode n) {
        return n == null || n.isNull() ? null : n.asLong();
    }

    /** Runs kea-lab.sh with a bounded wait; returns its output or throws with it. */
    private String run(Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("bash");
        cmd.add(script.toAbsolutePath().toString());
        cmd.addAll(List.of(args));
        Path out = null;
        Process p = null;
        try {
            out = Files.createTempFile("kea-lab-", ".out");
            // output goes to a file: the daemons the script leaves running must not hold a pipe of ours
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(environment);
            p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("kea-lab.sh " + String.join(" ", args) + " did not finish within "
                        + timeout.toSeconds() + " s:\n" + Files.readString(out, StandardCharsets.UTF_8));
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("kea-lab.sh " + String.join(" ", args) + " failed (exit "
                        + p.exitValue() + "):\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (p != null) {
                p.destroyForcibly();
            }
            throw new IllegalStateException("interrupted while running kea-lab.sh", e);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a temp directory left behind is harmless
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
