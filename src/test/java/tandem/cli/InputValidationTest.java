package tandem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad argument is a usage error (exit 64) naming its option, found before the data folder is opened (the
 * services factory fails the test if asked) and before any server is contacted (the servers named here are a
 * loopback socket that must see no connection).
 */
class InputValidationTest {
    @TempDir Path dir;
    private final AtomicBoolean opened = new AtomicBoolean();
    private ServerSocket server;
    private String endpoint;

    record Run(int code, String out, String err) {}

    @BeforeEach
    void listen() throws Exception {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setSoTimeout(200);
        endpoint = "127.0.0.1:" + server.getLocalPort();
    }

    @AfterEach
    void noConnectionWasMade() throws Exception {
        try (ServerSocket s = server) {
            try (Socket accepted = s.accept()) {
                fail("a usage error contacted the server at " + endpoint + " (from " + accepted.getRemoteSocketAddress() + ")");
            } catch (SocketTimeoutException expected) {
                // nobody connected
            }
        }
        assertFalse(opened.get(), "a usage error opened the data folder's services");
    }

    private Run tandem(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>();
        if (args.length == 0 || !args[0].startsWith("--data")) all.addAll(List.of("--data", dir.resolve("data").toString()));
        all.addAll(List.of(args));
        Instant start = Instant.now();
        int code = TandemCommand.run(all.toArray(String[]::new), d -> fail("no console for a command"), d -> {
            opened.set(true);
            throw new IllegalStateException("services opened for " + d);
        }, tandem.app.Launcher.backendCommands(), new PrintWriter(out, true), new PrintWriter(err, true));
        Duration took = Duration.between(start, Instant.now());
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "a usage error took " + took);
        return new Run(code, out.toString(), err.toString());
    }

    /** Exit 64 and the message, which starts with the option at fault. */
    private void refused(String message, String... args) {
        Run r = tandem(args);
        assertEquals(TandemCommand.EXIT_USAGE, r.code(), String.join(" ", args) + ": " + r.err());
        assertTrue(r.err().contains("tandem: " + message), "expected \"" + message + "\" in: " + r.err());
    }

    @Test
    void reservationsRefuseBroadcastNetworkAndLeadingZeroAddressesBeforeAnyServer() {
        refused("--ip: 10.10.1.255 is the broadcast address of 10.10.1.0/24; no client can be given it",
                "reservation", "add", "pair", "--subnet", "10.10.1.0/24", "--mac", "02:00:00:00:00:01", "--ip", "10.10.1.255");
        refused("--ip: 10.10.1.0 is the network address of 10.10.1.0/24",
                "reservation", "add", "pair", "--subnet", "10.10.1.0/24", "--mac", "02:00:00:00:00:01", "--ip", "10.10.1.0");
        refused("--ip: 010.000.000.009 is not an IPv4 address: write each number without leading zeros, e.g. 10.0.0.9",
                "reservation", "add", "pair", "--subnet", "10.0.0.0/24", "--mac", "02:00:00:00:00:01", "--ip", "010.000.000.009");
        refused("--ip: 10.10.2.5 is not within subnet 10.10.1.0/24",
                "reservation", "add", "pair", "--subnet", "10.10.1.0/24", "--mac", "02:00:00:00:00:01", "--ip", "10.10.2.5");
        refused("--mac: MAC address must look like 02:00:00:00:00:01",
                "reservation", "add", "pair", "--subnet", "10.10.1.0/24", "--mac", "02:00:00:00:00", "--ip", "10.10.1.9");
        refused("--subnet: 10.10.1.5/24 is not an IPv4 network: its host bits are set (the network is 10.10.1.0/24)",
                "reservation", "add", "pair", "--subnet", "10.10.1.5/24", "--mac", "02:00:00:00:00:01", "--ip", "10.10.1.9");
        refused("--hostname: bad_name is not a valid host name", "reservation", "add", "pair", "--subnet", "10.10.1.0/24",
                "--mac", "02:00:00:00:00:01", "--ip", "10.10.1.9", "--hostname", "bad_name");
        refused("--mac: MAC address must look like", "reservation", "remove", "pair", "--subnet", "10.10.1.0/24", "--mac", "nope");
        refused("RELATIONSHIP: cannot be empty", "reservation", "add", " ", "--subnet", "10.10.1.0/24",
                "--mac", "02:00:00:00:00:01", "--ip", "10.10.1.9");
    }

    @Test
    void subnetsPoolsAndOptionsAreCheckedBeforeAnyServer() {
        refused("--subnet: 10.20.0.0/33 is not an IPv4 network such as 10.0.0.0/24", "subnet", "add", "pair", "--subnet", "10.20.0.0/33");
        refused("--subnet: 10.20.0.1/24 is not an IPv4 network: its host bits are set", "subnet", "remove", "pair", "--subnet", "10.20.0.1/24");
        refused("--id: A subnet id is a number from 1 to 4294967294", "subnet", "add", "pair", "--subnet", "10.20.0.0/24", "--id", "0");
        refused("--id: A subnet id is a number from 1 to 4294967294", "subnet", "add", "pair", "--subnet", "10.20.0.0/24", "--id", "-5");
        refused("--id: A subnet id is a number from 1 to 4294967294", "subnet", "add", "pair", "--subnet", "10.20.0.0/24",
                "--id", "4294967295");
        refused("--pool: Pool 10.20.1.10 - 10.20.1.20 is not within subnet 10.20.0.0/24",
                "subnet", "add", "pair", "--subnet", "10.20.0.0/24", "--pool", "10.20.1.10 - 10.20.1.20");
        refused("--pool: 10.20.0.300 - 10.20.0.20 is not a pool", "pool", "add", "pair", "--subnet", "10.20.0.0/24",
                "--pool", "10.20.0.300 - 10.20.0.20");
        refused("--subnet: 10.20.0.0/24x", "pool", "remove", "pair", "--subnet", "10.20.0.0/24x", "--pool", "10.20.0.10 - 10.20.0.20");
        refused("--name: Enter the option's name", "option", "set", "pair", "--name", "", "--data", "10.0.0.1");
        refused("--data: A value cannot contain control characters", "option", "set", "pair", "--name", "routers", "--data", "10.0.0.1\nx");
        refused("--subnet: 10.20.0.7/24 is not an IPv4 network", "option", "set", "pair", "--subnet", "10.20.0.7/24", "--name", "routers",
                "--data", "10.20.0.1");
        refused("RELATIONSHIP: cannot contain control characters", "sync", "pair\nx");
        refused("--set: give at least one --set NAME=VALUE or --unset NAME", "subnet", "edit", "pair", "--subnet",
                "10.20.0.0/24");
        refused("--set: 'option-data' cannot be edited here; editable: boot-file-name, comment, max-valid-lifetime",
                "subnet", "edit", "pair", "--subnet", "10.20.0.0/24", "--set", "option-data=x");
        refused("--set: valid-lifetime must be a number of seconds, not '1h'", "subnet", "edit", "pair", "--subnet",
                "10.20.0.0/24", "--set", "valid-lifetime=1h");
        refused("--set: renew-timer must be from 0 to 4294967295 seconds", "subnet", "edit", "pair", "--subnet",
                "10.20.0.0/24", "--set", "renew-timer=-1");
        refused("--set: next-server must be an IPv4 address, not '10.0.0.300'", "subnet", "edit", "pair", "--subnet",
                "10.20.0.0/24", "--set", "next-server=10.0.0.300");
        refused("--unset: valid-lifetime is both set and unset", "subnet", "edit", "pair", "--subnet", "10.20.0.0/24",
                "--set", "valid-lifetime=600", "--unset", "valid-lifetime");
    }

    @Test
    void anEmptyDataFolderANegativeLockWaitAndChangeNumberZeroAreRefused() {
        refused("--data: names no folder", "--data", "", "status");
        refused("--data: names no folder", "--data=  ", "server", "list");
        refused("--lock-wait: must be at least 0 seconds (got -1)", "--lock-wait", "-1", "journal");
        refused("ID: change numbers start at 1 (got 0)", "undo", "0");
        refused("NAME: cannot be empty", "server", "remove", "");
    }

    @Test
    void omapiAndOtherPortsOutOfRangeAreRefusedNotReplacedByTheDefault() throws Exception {
        Path pw = Files.writeString(dir.resolve("pw"), "secret\n");
        for (String port : new String[]{"-5", "0", "65536"}) {
            refused("--omapi-port: Port must be a number from 1 to 65535 (got " + port + ")", "server", "add", "isc",
                    "--ssh", "admin@" + endpoint, "--password-file", pw.toString(), "--omapi-port", port);
        }
        refused("Invalid value for option '--omapi-port': 'abc' is not an int", "server", "add", "isc",
                "--ssh", "admin@" + endpoint, "--password-file", pw.toString(), "--omapi-port", "abc");
        refused("--ssh: SSH port must be from 1 to 65535 (got 70000)", "server", "add", "isc", "--ssh", "admin@127.0.0.1:70000",
                "--password-file", pw.toString());
        refused("--jump: expected USER@HOST[:PORT]", "server", "add", "isc", "--ssh", "admin@" + endpoint, "--jump", "nouser",
                "--password-file", pw.toString());
        refused("--password-file: cannot read " + dir.resolve("missing") + " (no such file)", "server", "add", "isc",
                "--ssh", "admin@" + endpoint, "--password-file", dir.resolve("missing").toString());
        refused("--config: must be an absolute path", "server", "add", "isc", "--ssh", "admin@" + endpoint,
                "--password-file", pw.toString(), "--config", "dhcpd.conf");
        refused("--restart: cannot contain control characters", "server", "add", "isc", "--ssh", "admin@" + endpoint,
                "--password-file", pw.toString(), "--restart", "systemctl restart isc-dhcp-server\nrm -rf /");
        refused("--name: a server name has at most 64 characters", "server", "add", "isc", "--ssh", "admin@" + endpoint,
                "--password-file", pw.toString(), "--name", "x".repeat(65));
        // a failover peer's ports, read from the options before the server is logged in to
        refused("--port: must be from 1 to 65535 (got -5)", "isc", "peer", "add", "--ssh", "admin@" + endpoint,
                "--password-file", pw.toString(), "--name", "fo-pair", "--address", "10.0.0.1", "--peer-address", "10.0.0.2",
                "--port", "-5");
        refused("--peer-port: must be from 1 to 65535 (got 65536)", "isc", "peer", "add", "--ssh", "admin@" + endpoint,
                "--password-file", pw.toString(), "--name", "fo-pair", "--address", "10.0.0.1", "--peer-address", "10.0.0.2",
                "--peer-port", "65536");
        refused("--max-period: must be at least 1 second (got 0)", "ha", "sync", "pair", "--max-period", "0", "--yes");
        refused("--peer: cannot be empty", "ha", "continue", "pair", "--peer", "", "--yes");
    }

    @Test
    void aFailoverPeerNameWithALineBreakNeverReachesOmshellOrTheFile() throws Exception {
        Path pw = Files.writeString(dir.resolve("pw"), "secret\n");
        refused("PEER: a failover peer name cannot contain control characters such as a line break (got fo\\npair\\nset local-state = 1\\nupdate)",
                "isc", "partner-down", "dhcp1", "fo\npair\nset local-state = 1\nupdate", "--yes");
        refused("PEER: a failover peer name cannot contain \" or \\", "isc", "partner-down", "dhcp1", "fo\"pair", "--yes");
        refused("--name: use 1-63 letters", "isc", "peer", "add", "--ssh", "admin@" + endpoint, "--password-file", pw.toString(),
                "--name", "fo\npair", "--address", "10.0.0.1", "--peer-address", "10.0.0.2");
        refused("NAME: a failover peer name cannot contain control characters", "isc", "peer", "remove", "--ssh", "admin@" + endpoint,
                "--password-file", pw.toString(), "fo\npair");
        refused("PEER: a failover peer name cannot contain control characters", "isc", "pool", "set-peer", "--ssh",
                "admin@" + endpoint, "--password-file", pw.toString(), "1", "fo\npair");
        refused("POOL: must be at least 1 (got 0)", "isc", "pool", "set-peer", "--ssh", "admin@" + endpoint,
                "--password-file", pw.toString(), "0", "fo-pair");
        refused("SUBNET: 10.0.0.5/24 is not an IPv4 network: its host bits are set", "isc", "migrate", "10.0.0.5/24",
                "--from", "dhcp1", "--to", "dhcp2");
    }

    @Test
    void aPeerUrlMustBeNameEqualsAnHttpUrlWithoutCredentials() {
        refused("--peer-url server2 must be an http:// or https:// URL", "server", "add", "kea", "--url",
                "http://" + endpoint + "/", "--peer-url", "server2=ftp://" + endpoint + "/");
        refused("--peer-url needs NAME=URL", "server", "add", "kea", "--url", "http://" + endpoint + "/",
                "--peer-url", " =http://" + endpoint + "/");
        Run secret = tandem("server", "add", "kea", "--url", "http://" + endpoint + "/",
                "--peer-url", "server2=http://admin:s3cret@" + endpoint + "/");
        assertEquals(TandemCommand.EXIT_USAGE, secret.code(), secret.err());
        assertTrue(secret.err().contains("--peer-url: the URL contains a user name or password"), secret.err());
        assertFalse((secret.out() + secret.err()).contains("s3cret"), secret.err());
    }

    @Test
    void credentialsInAKeaUrlAreRefusedAndNotRepeated() throws Exception {
        Run r = tandem("server", "add", "kea", "--url", "http://admin:s3cret@" + endpoint + "/");
        assertEquals(TandemCommand.EXIT_USAGE, r.code(), r.err());
        assertTrue(r.err().contains("tandem: --url: the URL contains a user name or password (http://***@" + endpoint
                + "/); give credentials with --user and --password-file instead"), r.err());
        assertFalse((r.out() + r.err()).contains("s3cret"), r.err());
        assertFalse((r.out() + r.err()).contains("admin:"), r.err());

        Run malformed = tandem("server", "add", "kea", "--url", "ftp://admin:s3cret@" + endpoint + "/");
        assertEquals(TandemCommand.EXIT_USAGE, malformed.code());
        assertFalse(malformed.err().contains("s3cret"), malformed.err());

        // proxy credentials are the proxy's business (kept encrypted): they do not trip the --url rule; the bad
        // name is what stops this one
        Path pw = Files.writeString(dir.resolve("pw"), "secret\n");
        refused("--name: a server name cannot contain control characters", "server", "add", "kea", "--url", "http://" + endpoint + "/",
                "--proxy", "http://puser:ppass@" + endpoint, "--user", "admin", "--password-file", pw.toString(), "--name", "east\n1");
        refused("--trust-anchor: cannot read", "server", "add", "kea", "--url", "https://" + endpoint + "/",
                "--trust-anchor", dir.resolve("none.pem").toString());
    }

    @Test
    void aGoodCommandStillGetsAsFarAsTheDataFolder() {
        // the harness itself can fail: valid arguments reach the services
        Run r = tandem("reservation", "add", "pair", "--subnet", "10.10.1.0/24", "--mac", "02:00:00:00:00:01", "--ip", "10.10.1.254");
        assertEquals(TandemCommand.EXIT_REFUSED, r.code(), r.err());
        assertTrue(opened.getAndSet(false), "valid arguments must reach the services");
    }
}
