package tandem.windows.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Windows DHCP simulator lab: simulated Windows DHCP servers on one {@link SimNetwork}, each behind its own real
 * SSH endpoint on 127.0.0.1, as tests and {@code windows-lab.sh} use them. Each server has the account
 * {@code Administrator} with a random password kept in {@code DIR/NAME.password} (0600), and its host key in
 * {@code DIR/NAME.hostkey}; {@code DIR/servers.json} lists them.
 */
public final class WindowsLab implements AutoCloseable {
    public static final String USER = "Administrator";

    /** One simulated server as {@code servers.json} describes it. */
    public record Server(String name, String host, int port, String user, Path passwordFile, String hostKeyFingerprint) {
        public String password() {
            try {
                return Files.readString(passwordFile).strip();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** {@code Administrator@127.0.0.1:PORT}, as {@code tandem server add windows --ssh} takes it. */
        public String login() { return user + "@" + host + ":" + port; }
    }

    private final Path dir;
    private final SimNetwork network;
    private final Map<String, SimSshEndpoint> endpoints = new LinkedHashMap<>();
    private final Map<String, Server> servers = new LinkedHashMap<>();

    private WindowsLab(Path dir, SimNetwork network) {
        this.dir = dir;
        this.network = network;
    }

    /** Starts one simulated server per name; the network's clock starts at {@code start}. */
    public static WindowsLab start(Path dir, List<String> names, Instant start) throws IOException {
        Files.createDirectories(dir);
        WindowsLab lab = new WindowsLab(dir, new SimNetwork(new SimClock(start)));
        try {
            for (String name : names) lab.add(name);
            lab.writeServersJson();
            return lab;
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    public static WindowsLab start(Path dir, String... names) throws IOException {
        return start(dir, List.of(names), Instant.now());
    }

    private void add(String name) throws IOException {
        if (!name.matches("[A-Za-z][A-Za-z0-9-]{0,14}")) {
            throw new IllegalArgumentException("a server name is a NetBIOS-like name (letters, digits, dashes; up to 15): " + name);
        }
        SimDhcpServer server = network.addServer(name);
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String password = "Sim-" + HexFormat.of().formatHex(secret);
        Path passwordFile = dir.resolve(name + ".password");
        Files.deleteIfExists(passwordFile);
        Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwordFile, password + "\n");
        SimSshEndpoint e = SimSshEndpoint.start(name, USER, password, dir.resolve(name + ".hostkey"), network.cmdlets(),
                new SimPowerShell(clockOf(server)));
        endpoints.put(name, e);
        servers.put(name, new Server(name, e.host(), e.port(), USER, passwordFile, e.hostKeyFingerprint()));
    }

    /** The server's own clock: the network's time plus the server's offset, as {@code [DateTimeOffset]::UtcNow}. */
    private static Clock clockOf(SimDhcpServer server) {
        return new Clock() {
            @Override public ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(ZoneId zone) { return this; }
            @Override public Instant instant() { return server.now(); }
        };
    }

    private void writeServersJson() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ArrayNode list = json.createArrayNode();
        for (Server s : servers.values()) {
            list.addObject().put("name", s.name()).put("host", s.host()).put("port", s.port()).put("user", s.user())
                    .put("passwordFile", s.passwordFile().toAbsolutePath().toString())
                    .put("hostKeyFingerprint", s.hostKeyFingerprint());
        }
        Path tmp = dir.resolve("servers.json.tmp");
        Files.writeString(tmp, json.writerWithDefaultPrettyPrinter().writeValueAsString(list) + "\n");
        Files.move(tmp, dir.resolve("servers.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public SimNetwork network() { return network; }

    public List<Server> servers() { return new ArrayList<>(servers.values()); }

    public Server server(String name) {
        Server s = servers.get(name);
        if (s == null) throw new IllegalArgumentException("no simulated server named " + name + " in this lab");
        return s;
    }

    /**
     * Runs one line on the server as an administrator at its console would: what it prints, errors as PowerShell
     * shows them (not as CLIXML), and its exit code.
     */
    public SimRun ps(String name, String line) {
        server(name);
        SimRun r = new SimPowerShell(clockOf(network.server(name))).run(new SimSession(name, USER, true), line, null,
                network.cmdlets());
        return new SimRun(r.stdout(), readable(r.stderr()), r.exitCode());
    }

    public void cut(String a, String b) { network.cut(server(a).name(), server(b).name()); }

    public void heal(String a, String b) { network.heal(server(a).name(), server(b).name()); }

    public void stopService(String name) { network.stopService(server(name).name()); }

    public void startService(String name) { network.startService(server(name).name()); }

    /** Moves simulated time, firing the failover timers (automatic partner down, the MCLT wait) on the way. */
    public void advance(Duration by) { network.advance(by); }

    /** The server's SSH endpoint stops answering (the machine is off or cut from the console). */
    /** How many SSH logins the server accepted. */
    public int logins(String name) { return endpoints.get(server(name).name()).logins(); }

    public void stopSsh(String name) throws IOException { endpoints.get(server(name).name()).stopListening(); }

    public void startSsh(String name) throws IOException { endpoints.get(server(name).name()).startListening(); }

    private static final Pattern CLIXML_TEXT = Pattern.compile("<S S=\"Error\">(.*?)</S>", Pattern.DOTALL);

    /** PowerShell's CLIXML error stream as the console would print it. */
    static String readable(String stderr) {
        if (stderr == null || !stderr.startsWith("#< CLIXML")) return stderr;
        StringBuilder out = new StringBuilder();
        Matcher m = CLIXML_TEXT.matcher(stderr);
        while (m.find()) {
            out.append(m.group(1).replace("_x000D__x000A_", "\n").replace("_x000A_", "\n").replace("&lt;", "<")
                    .replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&"));
        }
        return out.toString();
    }

    @Override public void close() {
        for (SimSshEndpoint e : endpoints.values()) {
            try {
                e.close();
            } catch (IOException ignored) {
                // closing the others anyway
            }
        }
        endpoints.clear();
    }

    static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }
}
