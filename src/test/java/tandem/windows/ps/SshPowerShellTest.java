package tandem.windows.ps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.ssh.LoopbackSshServer;
import tandem.ssh.SshSettings;
import tandem.ssh.SshTarget;

/**
 * Scripts over a real SSH connection to a server on 127.0.0.1 that does what Windows' OpenSSH and PowerShell do
 * with the command line: accepts only {@code powershell.exe -NoProfile -NonInteractive -EncodedCommand <b64>},
 * decodes the script (from stdin behind the bootstrap when long) and answers what the test says.
 */
class SshPowerShellTest {
    private static final String USER = "Administrator";
    private static final String PASSWORD = "Pa55w0rd!";
    private static final Pattern LINE = Pattern.compile("powershell\\.exe -NoProfile -NonInteractive -EncodedCommand [A-Za-z0-9+/]+=*");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;
    private LoopbackSshServer server;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> scripts = new CopyOnWriteArrayList<>();
    /** What the server answers to a script it decoded. */
    private volatile Answer answer = SshPowerShellTest::echo;

    private interface Answer {
        int reply(String script, OutputStream out, OutputStream err) throws IOException;
    }

    @BeforeEach
    void start() throws IOException {
        server = LoopbackSshServer.start(dir.resolve("host.ser"), USER, PASSWORD, this::windows);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private int windows(String line, InputStream in, OutputStream out, OutputStream err) throws IOException {
        lines.add(line);
        byte[] stdin = in.readAllBytes();
        if (!LINE.matcher(line).matches()) {
            err.write(("'" + line.split(" ")[0] + "' is not recognized as an internal or external command,\r\n"
                    + "operable program or batch file.\r\n").getBytes(StandardCharsets.UTF_8));
            return 1;
        }
        String script = new String(Base64.getDecoder().decode(line.substring(PsCommandLine.PREFIX.length())), StandardCharsets.UTF_16LE);
        if (script.equals(PsCommandLine.STDIN_BOOTSTRAP)) {
            script = new String(Base64.getDecoder().decode(new String(stdin, StandardCharsets.US_ASCII)), StandardCharsets.UTF_8);
        } else if (stdin.length > 0) {
            throw new IOException("stdin sent with a whole script");
        }
        scripts.add(script);
        return answer.reply(script, out, err);
    }

    /** Answers with the script it received as data, so the test sees what arrived. */
    private static int echo(String script, OutputStream out, OutputStream err) throws IOException {
        ObjectNode envelope = JSON.createObjectNode().put("ok", true);
        envelope.putObject("data").put("script", script);
        out.write((JSON.writeValueAsString(envelope) + "\r\n").getBytes(StandardCharsets.UTF_8));
        return 0;
    }

    private SshSettings settings() {
        return new SshSettings(new SshTarget(USER, "127.0.0.1", server.port()), null, PASSWORD, null, false);
    }

    private SshPowerShell open() throws IOException {
        return SshPowerShell.open(settings(), dir.resolve("known_hosts"), (h, t, f) -> true, Duration.ofSeconds(20));
    }

    @Test
    void aShortScriptGoesAsTheEncodedCommandAndItsReplyComesBack() throws IOException {
        PsScript script = PsScript.builder().step("Get-DhcpServerv4Scope", "$data = @(Get-DhcpServerv4Scope | ForEach-Object { \"$($_.ScopeId)\" })").build();
        try (SshPowerShell ps = open()) {
            PsReply reply = ps.run(script);
            assertTrue(reply.ok(), reply.toString());
            assertEquals(0, reply.exitCode());
            assertEquals(script.text(), reply.data().path("script").asText());
        }
        assertEquals(1, lines.size());
        assertEquals(PsCommandLine.PREFIX + PsCommandLine.encode(script.text()), lines.get(0));
    }

    @Test
    void aLongScriptGoesOnStdinAndArrivesWhole() throws IOException {
        StringBuilder body = new StringBuilder("$names = @(\n");
        for (int i = 0; i < 400; i++) body.append("  ").append(PsScript.str("reservation-" + i + " ünïcødé")).append(",\n");
        body.append("  'last')\n$data = $names.Count");
        PsScript script = PsScript.of(body.toString());
        assertTrue(PsCommandLine.of(script.text()).viaStdin(), "the test script is long enough");
        try (SshPowerShell ps = open()) {
            PsReply reply = ps.run(script);
            assertTrue(reply.ok());
            assertEquals(script.text(), reply.data().path("script").asText());
        }
        assertEquals(PsCommandLine.PREFIX + PsCommandLine.encode(PsCommandLine.STDIN_BOOTSTRAP), lines.get(0));
        assertTrue(lines.get(0).length() < 8191);
    }

    @Test
    void aFailedScriptIsAReplyWithTheErrorAndItsSecretMasked() throws IOException {
        answer = (script, out, err) -> {
            out.write(("{\"ok\":false,\"message\":\"Cannot validate argument 's3cr3t-value'.\",\"fqid\":\"ParameterArgumentValidationError,"
                    + "Set-DhcpServerv4Failover\",\"category\":\"InvalidData\",\"type\":\"System.Management.Automation."
                    + "ParameterBindingException\",\"step\":\"Set-DhcpServerv4Failover\"}\r\n").getBytes(StandardCharsets.UTF_8));
            err.write(("#< CLIXML\r\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">"
                    + "<S S=\"Error\">secret s3cr3t-value refused_x000D__x000A_</S></Objs>").getBytes(StandardCharsets.UTF_8));
            return 1;
        };
        PsScript.Builder b = PsScript.builder();
        PsScript script = b.step("Set-DhcpServerv4Failover", "Set-DhcpServerv4Failover -Name 'r' -SharedSecret "
                + b.secret("s3cr3t-value") + " -Force -Confirm:$false").line("$data = $null").build();
        try (SshPowerShell ps = open()) {
            PsReply reply = ps.run(script);
            assertFalse(reply.ok());
            assertEquals(1, reply.exitCode());
            assertEquals(PsError.Kind.BINDING, reply.error().kind());
            assertEquals("Set-DhcpServerv4Failover", reply.error().cmdlet());
            assertEquals("Cannot validate argument '****'.", reply.error().message());
            assertEquals("secret **** refused", reply.stderr(), "stderr readable and masked, for the log");
            PsFailure thrown = assertThrows(PsFailure.class, reply::dataOrThrow);
            assertFalse(thrown.getMessage().contains("s3cr3t"), thrown.getMessage());
        }
    }

    @Test
    void anAnswerThatIsNotTheEnvelopeIsAClearFailure() throws IOException {
        answer = (script, out, err) -> {
            err.write("'powershell.exe' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n"
                    .getBytes(StandardCharsets.UTF_8));
            return 1;
        };
        try (SshPowerShell ps = open()) {
            IOException e = assertThrows(IOException.class, () -> ps.run(PsScript.of("$data = 1")));
            assertEquals("PowerShell on " + USER + "@127.0.0.1:" + server.port() + " gave no reply (exit code 1):"
                    + " 'powershell.exe' is not recognized as an internal or external command,", e.getMessage());
            assertFalse(e instanceof PsFailure);

            answer = (script, out, err) -> {
                out.write("WARNING: something\r\n{\"half\":".getBytes(StandardCharsets.UTF_8));
                return 0;
            };
            IOException half = assertThrows(IOException.class, () -> ps.run(PsScript.of("$data = 1")));
            assertTrue(half.getMessage().endsWith("gave no reply (exit code 0): WARNING: something"), half.getMessage());

            answer = (script, out, err) -> 0;
            IOException nothing = assertThrows(IOException.class, () -> ps.run(PsScript.of("$data = 1")));
            assertTrue(nothing.getMessage().endsWith("gave no reply (exit code 0): no output"), nothing.getMessage());
        }
    }

    @Test
    void outputBeforeTheEnvelopeIsIgnored() throws IOException {
        answer = (script, out, err) -> {
            out.write("\uFEFFstray text\r\n{\"ok\":true,\"data\":[1,2]}\r\n".getBytes(StandardCharsets.UTF_8));
            return 0;
        };
        try (SshPowerShell ps = open()) {
            PsReply reply = ps.run(PsScript.of("$data = 1,2"));
            assertEquals(2, reply.data().size());
        }
    }

    @Test
    void aKeyLoginIsRefusedBeforeConnecting() {
        SshSettings withKey = new SshSettings(settings().target(), dir.resolve("id_ed25519"), PASSWORD, null, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SshPowerShell.open(withKey, dir.resolve("known_hosts"), (h, t, f) -> true, Duration.ofSeconds(20)));
        assertTrue(e.getMessage().contains("password, not a key"), e.getMessage());
        SshSettings noPassword = new SshSettings(settings().target(), null, null, null, false);
        assertThrows(IllegalArgumentException.class,
                () -> SshPowerShell.open(noPassword, dir.resolve("known_hosts"), (h, t, f) -> true, Duration.ofSeconds(20)));
        assertTrue(lines.isEmpty(), "nothing was sent");
    }
}
