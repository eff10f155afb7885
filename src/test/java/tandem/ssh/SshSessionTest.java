package tandem.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSH login shared by the backends, against an SSH server on 127.0.0.1 whose commands are Java handlers. */
class SshSessionTest {
    private static final String USER = "operator";
    private static final String PASSWORD = "s3cret pass-phrase";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir Path dir;
    private LoopbackSshServer server;

    @BeforeEach
    void start() throws IOException {
        server = LoopbackSshServer.start(dir.resolve("host.ser"), USER, PASSWORD, SshSessionTest::answer);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    /** "copy": stdin to stdout; "exit N": status N with a word on stderr; "flood": output until stopped. */
    private static int answer(String line, InputStream in, OutputStream out, OutputStream err) throws IOException {
        if (line.equals("copy")) {
            in.transferTo(out);
            return 0;
        }
        if (line.startsWith("exit ")) {
            err.write("leaving".getBytes(StandardCharsets.UTF_8));
            return Integer.parseInt(line.substring(5));
        }
        if (line.equals("flood")) {
            byte[] chunk = new byte[1024];
            for (int i = 0; i < 64 * 1024; i++) { // 64 MiB at most: the client stops it long before
                out.write(chunk);
                out.flush();
            }
            return 0;
        }
        err.write(("unknown command: " + line).getBytes(StandardCharsets.UTF_8));
        return 127;
    }

    private SshSettings settings(String password) {
        return new SshSettings(new SshTarget(USER, "127.0.0.1", server.port()), null, password, null, false);
    }

    private SshSession open(HostKeyPrompt prompt) throws IOException {
        return SshSession.open(settings(PASSWORD), dir.resolve("known_hosts"), prompt, TIMEOUT);
    }

    @Test
    void logsInWithAPasswordAndStdinReachesTheCommand() throws IOException {
        byte[] input = "line one\nzwei — drei ünd vier\n".getBytes(StandardCharsets.UTF_8);
        try (SshSession s = open((h, t, f) -> true)) {
            SshSession.Result r = s.exec("copy", input, 4096, 4096);
            assertEquals(0, r.exitStatus());
            assertArrayEquals(input, r.stdout());
            assertEquals(0, r.stderr().length);
            assertEquals(USER + "@127.0.0.1:" + server.port(), s.where());
        }
    }

    @Test
    void exitStatusAndStderrComeBackApart() throws IOException {
        try (SshSession s = open((h, t, f) -> true)) {
            SshSession.Result r = s.exec("exit 3", null, 4096, 4096);
            assertEquals(3, r.exitStatus());
            assertEquals(0, r.stdout().length);
            assertEquals("leaving", new String(r.stderr(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void outputBeyondTheLimitStopsTheCommandWithAClearError() throws IOException {
        try (SshSession s = open((h, t, f) -> true)) {
            IOException e = assertThrows(IOException.class, () -> s.exec("flood", null, 4096, 4096, "the flood"));
            assertEquals("the output of a command on the server went over 4096 bytes; it was stopped: the flood", e.getMessage());
            // the session survives a stopped command
            assertEquals(0, s.exec("copy", new byte[0], 16, 16).exitStatus());
        }
    }

    @Test
    void anUnknownHostKeyIsRefusedWhenThePromptDeclines() throws IOException {
        List<String> asked = new ArrayList<>();
        IOException e = assertThrows(IOException.class, () -> open((h, t, f) -> {
            asked.add(f);
            return false;
        }).close());
        assertEquals(List.of(server.fingerprint()), asked);
        assertTrue(e.getMessage().contains("the host key was not accepted"), e.getMessage());
        assertFalse(Files.readString(dir.resolve("known_hosts")).contains("127.0.0.1"), "nothing remembered");
    }

    @Test
    void aPinnedFingerprintIsAcceptedAndRemembered() throws IOException {
        List<String> seen = new ArrayList<>();
        try (SshSession s = open(HostKeyPrompt.pinned(server.fingerprint(), seen))) {
            assertEquals(0, s.exec("copy", null, 16, 16).exitStatus());
        }
        assertEquals(1, seen.size());
        assertTrue(seen.get(0).contains(server.fingerprint()), seen.toString());
        // remembered: the next login is not asked again
        try (SshSession s = open(HostKeyPrompt.REFUSE)) {
            assertEquals(0, s.exec("copy", null, 16, 16).exitStatus());
        }
    }

    @Test
    void anotherPinnedFingerprintIsRefusedAndTheOfferedKeyIsNoted() {
        List<String> seen = new ArrayList<>();
        IOException e = assertThrows(IOException.class,
                () -> open(HostKeyPrompt.pinned("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", seen)).close());
        assertTrue(e.getMessage().contains("the host key was not accepted"), e.getMessage());
        assertEquals(1, seen.size(), seen.toString());
    }

    @Test
    void aWrongPasswordFailsTheLoginWithoutEchoingIt() {
        IOException e = assertThrows(IOException.class,
                () -> SshSession.open(settings("not-the-password"), dir.resolve("known_hosts"), (h, t, f) -> true, TIMEOUT).close());
        assertTrue(e.getMessage().startsWith("SSH login to " + USER + "@127.0.0.1:" + server.port() + " failed"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-password"), e.getMessage());
    }
}
