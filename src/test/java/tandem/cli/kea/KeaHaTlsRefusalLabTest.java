package tandem.cli.kea;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tandem.cli.TandemCommand;
import tandem.lab.KeaLab;
import tandem.lab.TlsProxy;
import tandem.services.Services;

/**
 * {@code tandem kea ha create} refuses TLS it cannot set up, against three standalone Kea 2.2 servers: server1 and
 * server2 are reached over https through a TLS-terminating proxy each (their Control Agents name no TLS file), server3
 * over plain http. The refusals name the server and the files to create, exit 64 like the other refusals of a
 * server's option, and change nothing.
 */
@Tag("kea")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeaHaTlsRefusalLabTest {
    private Path data;
    private KeaLab lab;
    private final List<TlsProxy> proxies = new ArrayList<>();

    record Run(int code, String out, String err) {}

    @BeforeAll
    void startLab(@TempDir Path dataDir) {
        data = dataDir;
        lab = KeaLab.start(KeaLab.Mode.STANDALONE, 3, 0, 1, 1);
        lab.awaitStable(Duration.ofSeconds(30));
        for (int i = 1; i <= 2; i++) {
            TlsProxy proxy = TlsProxy.start(lab.caUrl(i), dataDir.resolve("proxy" + i));
            proxies.add(proxy);
            Run added = tandem("server", "add", "kea", "--name", "server" + i, "--url", proxy.url().toString(),
                    "--trust-anchor", proxy.certificateFile().toString());
            assertEquals(0, added.code(), added.err());
        }
        Run added = tandem("server", "add", "kea", "--name", "server3", "--url", lab.caUrl(3).toString());
        assertEquals(0, added.code(), added.err());
    }

    @AfterAll
    void stopLab() {
        proxies.forEach(TlsProxy::close);
        if (lab != null) lab.close();
    }

    @Test
    void aServerWithoutTlsFilesIsToldWhichFilesToCreate() {
        Run refused = tandem("kea", "ha", "create", "hq", "--mode", "hot-standby", "--primary", "server1",
                "--standby", "server2", "--yes");
        assertEquals(TandemCommand.EXIT_USAGE, refused.code(), refused.out() + refused.err());
        assertTrue(refused.err().contains("--primary: the peers talk TLS"), refused.err());
        assertTrue(refused.err().contains("create on server1 /etc/kea/tandem-peer-ca.pem"), refused.err());
        assertTrue(refused.err().contains("/etc/kea/tandem-peer-cert.pem") && refused.err().contains("/etc/kea/tandem-peer-key.pem"),
                refused.err());
        assertTrue(refused.err().contains("Nothing was changed"), refused.err());
        assertUnchanged();
    }

    @Test
    void halfTlsIsRefusedNamingThePlainServer() {
        Run mixed = tandem("kea", "ha", "create", "hq", "--mode", "hot-standby", "--primary", "server1",
                "--standby", "server3", "--dry-run");
        assertEquals(TandemCommand.EXIT_USAGE, mixed.code(), mixed.out() + mixed.err());
        assertTrue(mixed.err().contains("--standby: server3 is reached over plain http"), mixed.err());
        assertUnchanged();
    }

    private void assertUnchanged() {
        for (int i = 1; i <= 3; i++) {
            assertFalse(lab.dhcp4(i).path("hooks-libraries").toString().contains("libdhcp_ha.so"), "server" + i);
        }
    }

    private Run tandem(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--data", data.toString()));
        all.addAll(List.of(args));
        int code = TandemCommand.run(all.toArray(String[]::new), dir -> fail("no console"), Services::open,
                tandem.app.Launcher.backendCommands(), new PrintWriter(out, true), new PrintWriter(err, true),
                new BufferedReader(new StringReader("")), false);
        return new Run(code, out.toString(), err.toString());
    }
}
