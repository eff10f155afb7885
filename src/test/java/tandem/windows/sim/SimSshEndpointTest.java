package tandem.windows.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimSshEndpointTest {
    private static final String USER = "Administrator";
    private static final String PASSWORD = "Pa55 w0rd!";

    @TempDir Path dir;
    private final SimFakeCmdlets cmdlets = new SimFakeCmdlets();
    private SimSshEndpoint endpoint;
    private SshClient client;

    record Reply(String stdout, String stderr, int exit) {}

    @BeforeEach void start() throws IOException {
        endpoint = SimSshEndpoint.start("dhcp1", USER, PASSWORD, dir.resolve("dhcp1-host.ser"), cmdlets);
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((session, address, key) -> KeyUtils.compareKeys(key, endpoint.hostKey()));
        client.start();
    }

    @AfterEach void stop() throws IOException {
        if (client != null) client.stop();
        if (endpoint != null) endpoint.close();
    }

    private ClientSession login(String password, KeyPair key) throws IOException {
        ClientSession s = client.connect(USER, "127.0.0.1", endpoint.port()).verify(Duration.ofSeconds(10)).getSession();
        if (password != null) s.addPasswordIdentity(password);
        if (key != null) s.addPublicKeyIdentity(key);
        s.auth().verify(Duration.ofSeconds(10));
        return s;
    }

    private static Reply exec(ClientSession s, String command, byte[] stdin) throws IOException {
        try (ChannelExec ch = s.createExecChannel(command)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            ch.setIn(new ByteArrayInputStream(stdin == null ? new byte[0] : stdin));
            ch.setOut(out);
            ch.setErr(err);
            ch.open().verify(Duration.ofSeconds(10));
            ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED, ClientChannelEvent.EXIT_STATUS), Duration.ofSeconds(20));
            ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(5));
            Integer exit = ch.getExitStatus();
            return new Reply(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), exit == null ? -1 : exit);
        }
    }

    static String encoded(String script) {
        return "powershell.exe -NoProfile -NonInteractive -EncodedCommand "
                + Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
    }

    @Test void runsAnEncodedScriptOverAPasswordLogin() throws IOException {
        try (ClientSession s = login(PASSWORD, null)) {
            Reply r = exec(s, encoded(SimPowerShellTest.PRELUDE + "\n  $step = 'Get-Service'\n  $data = [int](Get-Service DHCPServer).Status\n"
                    + SimPowerShellTest.EPILOGUE), null);
            assertEquals(new Reply("{\"ok\":true,\"data\":4}\r\n", "", 0), r);
            Reply failed = exec(s, encoded("Get-DhcpServerv4Scope -ScopeId 10.20.30.0"), null);
            assertEquals(1, failed.exit());
            assertTrue(failed.stderr().startsWith("#< CLIXML"), failed.stderr());
        }
        assertEquals(new SimSession("dhcp1", USER, true), cmdlets.calls.get(0).session());
    }

    @Test void aLongScriptComesOnStandardInputBehindTheBootstrap() throws IOException {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 300; i++) body.append("  $step = 'Get-Service'; $data = [int](Get-Service DHCPServer).Status # padding line ").append(i).append('\n');
        String script = SimPowerShellTest.PRELUDE + "\n" + body + SimPowerShellTest.EPILOGUE;
        assertTrue(encoded(script).length() > SimSshEndpoint.MAX_COMMAND_LINE);
        String bootstrap = "$s=[Console]::In.ReadToEnd(); & ([ScriptBlock]::Create([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($s))))";
        try (ClientSession s = login(PASSWORD, null)) {
            Reply tooLong = exec(s, encoded(script), null);
            assertEquals(new Reply("", "The command line is too long.\r\n", 1), tooLong);
            Reply r = exec(s, encoded(bootstrap), Base64.getEncoder().encode(script.getBytes(StandardCharsets.UTF_8)));
            assertEquals(new Reply("{\"ok\":true,\"data\":4}\r\n", "", 0), r);
        }
        assertEquals(300, cmdlets.calls.size());
    }

    @Test void anythingElseAnswersAsCmdExe() throws IOException {
        try (ClientSession s = login(PASSWORD, null)) {
            assertEquals(new Reply("", "'cat' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n", 1),
                    exec(s, "cat /etc/passwd", null));
            Reply other = exec(s, "PowerShell -Command Get-Service", null);
            assertEquals(1, other.exit());
            assertTrue(cmdlets.calls.isEmpty());
            assertEquals(0, exec(s, encoded("'x'").replace("powershell.exe", "POWERSHELL"), null).exit());
            assertEquals(new Reply("x\r\n", "", 0),
                    exec(s, encoded("'x'").replace("powershell.exe", "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"), null));
        }
    }

    @Test void keyLoginIsRecordedAsNotAPasswordLogin() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair key = g.generateKeyPair();
        assertThrows(Exception.class, () -> login(null, key).close(), "an unknown key is refused");
        endpoint.authorizeKey(key.getPublic());
        try (ClientSession s = login(null, key)) {
            assertEquals(0, exec(s, encoded("Get-Service DHCPServer"), null).exit());
        }
        assertEquals(new SimSession("dhcp1", USER, false), cmdlets.calls.get(0).session());
        assertThrows(Exception.class, () -> login("wrong", null).close(), "a wrong password is refused");
    }

    /** The double hop: over a key login Windows cannot act on the partner, so the failover cmdlets are denied. */
    @Test void aKeyLoginIsDeniedPartnerOperationsAndAPasswordLoginIsNot() throws Exception {
        SimNetwork net = new SimNetwork();
        net.addServer("dhcp1");
        net.addServer("dhcp2");
        endpoint.close();
        endpoint = SimSshEndpoint.start("dhcp1", USER, PASSWORD, dir.resolve("dhcp1-host.ser"), net.cmdlets());
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair key = g.generateKeyPair();
        endpoint.authorizeKey(key.getPublic());
        String scope = "Add-DhcpServerv4Scope -Name s1 -StartRange 10.1.0.10 -EndRange 10.1.0.200 -SubnetMask 255.255.255.0";
        String create = "Add-DhcpServerv4Failover -Name fo1 -PartnerServer dhcp2 -ScopeId 10.1.0.0";
        try (ClientSession s = login(null, key)) {
            assertEquals(0, exec(s, encoded(scope), null).exit(), "a server-local cmdlet works over a key login");
            Reply denied = exec(s, encoded(create), null);
            assertEquals(1, denied.exit());
            assertTrue(denied.stderr().contains("WIN32 5,Add-DhcpServerv4Failover"), denied.stderr());
            assertTrue(net.server("dhcp2").scopes().isEmpty(), "nothing reached the partner");
        }
        try (ClientSession s = login(PASSWORD, null)) {
            assertEquals(0, exec(s, encoded(create), null).exit());
            assertEquals(1, net.server("dhcp2").scopes().size());
        }
    }

    @Test void listenerStopsAndRestartsWithTheSameKeyAndPort() throws IOException {
        String fingerprint = endpoint.hostKeyFingerprint();
        assertTrue(fingerprint.startsWith("SHA256:"), fingerprint);
        assertEquals(KeyUtils.getFingerPrint(endpoint.hostKey()), fingerprint);
        int port = endpoint.port();
        endpoint.stopListening();
        assertFalse(endpoint.listening());
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
        endpoint.startListening();
        assertEquals(port, endpoint.port());
        assertEquals(fingerprint, endpoint.hostKeyFingerprint());
        try (ClientSession s = login(PASSWORD, null)) {
            assertEquals(0, exec(s, encoded("'back'"), null).exit());
        }
        endpoint.close();
        SimSshEndpoint again = SimSshEndpoint.start("dhcp1", USER, PASSWORD, dir.resolve("dhcp1-host.ser"), cmdlets);
        try {
            assertEquals(fingerprint, again.hostKeyFingerprint(), "the host key survives a restart");
        } finally {
            again.close();
        }
    }
}
