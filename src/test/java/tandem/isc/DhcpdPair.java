package tandem.isc;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real ISC dhcpd failover pair: two network namespaces made by this test (dhcpd cannot serve on loopback) joined
 * by a veth pair, 10.10.0.2 (primary) and 10.10.0.3 (secondary), each dhcpd with OMAPI on port 7911 inside its
 * namespace; the primary's OMAPI asks for a key. Everything is started by the test and stopped by PID.
 */
final class DhcpdPair implements AutoCloseable {
    static final String PEER = "fo-pair";
    private final Path dir;
    private final List<Process> holders = new ArrayList<>();
    private final Process[] dhcpd = new Process[2];

    DhcpdPair(Path dir) { this.dir = dir; }

    static DhcpdPair start(Path dir) throws Exception {
        RealDhcpd.dhcpd();
        DhcpdPair pair = new DhcpdPair(dir);
        try {
            for (int i = 0; i < 2; i++) {
                Process holder = new ProcessBuilder("unshare", "-n", "sleep", "600").redirectErrorStream(true)
                        .redirectOutput(dir.resolve("holder" + i + ".log").toFile()).start();
                pair.holders.add(holder);
            }
            Thread.sleep(200);
            long a = pair.holders.get(0).pid(), b = pair.holders.get(1).pid();
            run("nsenter", "-t", "" + a, "-n", "sh", "-c", "ip link set lo up && ip link add veth0 type veth peer name veth1"
                    + " && ip link set veth1 netns " + b + " && ip addr add 10.10.0.2/24 dev veth0 && ip link set veth0 up");
            run("nsenter", "-t", "" + b, "-n", "sh", "-c", "ip link set lo up && ip addr add 10.10.0.3/24 dev veth1 && ip link set veth1 up");
            Files.writeString(dir.resolve("primary.conf"), config(true));
            Files.writeString(dir.resolve("secondary.conf"), config(false));
            pair.startServer(0);
            pair.startServer(1);
            return pair;
        } catch (Exception | Error e) {
            pair.close();
            throw e;
        }
    }

    /** The primary signs OMAPI with this key (as a careful administrator sets it up); the secondary asks for none. */
    static final OmapiKey PRIMARY_OMAPI_KEY = new OmapiKey("tandem-omapi", "HMAC-SHA256",
            java.util.Base64.getEncoder().encodeToString("a test key for the dhcpd pair, 32B".getBytes()));

    static String config(boolean primary) {
        return config(primary, primary ? PRIMARY_OMAPI_KEY : null);
    }

    /** @param omapiKey the key dhcpd asks OMAPI clients for, or null for none */
    static String config(boolean primary, OmapiKey omapiKey) {
        return "authoritative;\nddns-update-style none;\ndefault-lease-time 600;\nmax-lease-time 7200;\nomapi-port 7911;\n"
                + (omapiKey != null ? "key \"" + omapiKey.name() + "\" {\n  algorithm " + omapiKey.algorithm().toLowerCase()
                        + ";\n  secret \"" + omapiKey.secret() + "\";\n};\nomapi-key " + omapiKey.name() + ";\n" : "")
                + "\n"
                + "failover peer \"" + PEER + "\" {\n"
                + (primary ? "  primary;\n  address 10.10.0.2;\n  peer address 10.10.0.3;\n" : "  secondary;\n  address 10.10.0.3;\n  peer address 10.10.0.2;\n")
                + "  port 647;\n  peer port 647;\n  max-response-delay 30;\n  max-unacked-updates 10;\n"
                + (primary ? "  mclt 10;\n  split 128;\n" : "")
                + "  load balance max seconds 3;\n}\n\n"
                + "subnet 10.10.0.0 netmask 255.255.255.0 {\n  pool {\n    failover peer \"" + PEER + "\";\n"
                + "    range 10.10.0.100 10.10.0.200;\n  }\n}\n";
    }

    long holder(int i) { return holders.get(i).pid(); }

    Path configFile(int i) { return dir.resolve((i == 0 ? "primary" : "secondary") + ".conf"); }

    Shell shell(int i) { return new NamespaceShell(holder(i)); }

    void startServer(int i) throws IOException {
        String role = i == 0 ? "primary" : "secondary";
        Path leases = dir.resolve(role + ".leases");
        if (!Files.exists(leases)) Files.createFile(leases);
        // nsenter runs dhcpd in its own process (no fork), so this PID is dhcpd's
        dhcpd[i] = new ProcessBuilder("nsenter", "-t", "" + holder(i), "-n", "dhcpd", "-f", "-d", "-4",
                "-cf", dir.resolve(role + ".conf").toString(), "-lf", leases.toString(),
                "-pf", dir.resolve(role + ".pid").toString(), i == 0 ? "veth0" : "veth1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(role + ".log").toFile())).start();
    }

    void stopServer(int i) throws InterruptedException {
        Process p = dhcpd[i];
        if (p == null) return;
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        dhcpd[i] = null;
    }

    String log(int i) throws IOException {
        Path p = dir.resolve((i == 0 ? "primary" : "secondary") + ".log");
        return Files.exists(p) ? Files.readString(p) : "";
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(String.join(" ", cmd) + " failed (the dhcpd pair needs root to make network namespaces): " + out);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopServer(0);
        stopServer(1);
        for (Process h : holders) {
            h.destroy();
            h.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
