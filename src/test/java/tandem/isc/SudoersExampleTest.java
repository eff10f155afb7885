package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tandem.ssh.SshSettings;
import tandem.ssh.SshTarget;

/**
 * The sudoers example shipped with Tandem, installed for a user made by this test (and removed afterwards): a
 * whole safe write works with exactly the commands it allows, and a root shell is refused.
 */
class SudoersExampleTest {
    static final String USER = "tandemsudo";

    @Test
    void aWriteSucceedsWithTheExampleSudoersAndARootShellIsRefused() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/sudo"))) fail("sudo is not installed (src/test/run-all.sh installs it)");
        Path base = Files.createTempDirectory("tandemsudo");
        Path sudoers = Path.of("/etc/sudoers.d/tandem_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
        RealSshd sshd = null;
        try {
            open(base);
            Path etc = Files.createDirectories(base.resolve("etc"));
            open(etc);
            Path conf = etc.resolve("dhcpd.conf");
            Files.copy(Corpus.file("primary.conf"), conf);
            // owned by root and private (the file may hold an OMAPI key): only sudo can read or replace it
            Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r-----"));
            Path restart = base.resolve("restart-dhcpd");
            Files.writeString(restart, "#!/bin/sh\necho \"restarted by ${SUDO_USER:-nobody} as $(id -un)\" >> " + base.resolve("restarts") + "\n");
            Files.setPosixFilePermissions(restart, PosixFilePermissions.fromString("rwxr-xr-x"));

            run("userdel", USER);
            run("useradd", "-M", "-d", "/nonexistent", "-s", "/bin/sh", USER);
            // not locked ("!"), so sshd lets the key in; no password can match "*"
            require("usermod", "-p", "*", USER);

            String text;
            try (InputStream in = SafeWrite.class.getResourceAsStream("/tandem/isc/sudoers.example")) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            // the example for this test's folder, user and restart command; nothing else changes
            String mine = text.replace("/etc/dhcp/", etc + "/").replace("tandem ALL", USER + " ALL")
                    .replace("/usr/bin/systemctl restart isc-dhcp-server", restart.toString());
            assertNotEquals(text, mine);
            Path candidate = base.resolve("sudoers");
            Files.writeString(candidate, mine);
            assertEquals(0, run("visudo", "-cf", candidate.toString()), "visudo accepts the example");
            Files.copy(candidate, sudoers);
            Files.setPosixFilePermissions(sudoers, PosixFilePermissions.fromString("r--r-----"));

            Path sshdDir = Files.createDirectories(base.resolve("sshd"));
            open(sshdDir);
            sshd = RealSshd.start(sshdDir);
            Files.setPosixFilePermissions(sshdDir.resolve("authorized_keys"), PosixFilePermissions.fromString("rw-r--r--"));
            SshSettings login = new SshSettings(new SshTarget(USER, "127.0.0.1", sshd.port), sshd.clientKey, null, null, true);
            try (SshConnection c = SshConnection.open(login, base.resolve("known_hosts"), (h, t, f) -> true, Duration.ofSeconds(30))) {
                assertEquals(USER + "\n", c.exec("id -un").stdout());
                Shell.ExecResult shell = c.exec("sudo -n sh -c id");
                assertNotEquals(0, shell.exitCode(), "a root shell is refused: " + shell.output());
                assertFalse(shell.stdout().contains("uid=0"), shell.output());
                assertNotEquals(0, c.run(true, "cat", "--", "/etc/shadow").exitCode(), "a file outside the folder is refused");

                DhcpdConfig before = SafeWrite.read(c, conf.toString());
                FailoverEdits.Edit edit = FailoverEdits.setPoolRanges(before, 1, List.of(AddressRange.of("10.10.0.100", "10.10.0.150")));
                SafeWrite.Result r = new SafeWrite(c, IscServerSettings.DEFAULT_VALIDATE_COMMAND, restart.toString(),
                        Clock.systemUTC()).apply(before, edit.change());
                SafeWrite.Applied applied = assertInstanceOf(SafeWrite.Applied.class, r, r.message());
                assertEquals(1, applied.backups().size());
            }
            assertTrue(Files.readString(conf).contains("range 10.10.0.100 10.10.0.150;"));
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(conf)), "the mode is kept");
            assertEquals("root", Files.getOwner(conf).getName(), "the owner is kept");
            assertEquals("restarted by " + USER + " as root\n", Files.readString(base.resolve("restarts")));
            try (var s = Files.list(etc)) {
                List<Path> left = s.filter(p -> p.getFileName().toString().matches(".*\\.tandem-(new|check|restore|lock).*")).toList();
                assertTrue(left.isEmpty(), "left behind: " + left);
            }
        } finally {
            Files.deleteIfExists(sudoers);
            if (sshd != null) sshd.close();
            run("userdel", USER);
        }
    }

    private static void open(Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void require(String... cmd) throws Exception {
        assertEquals(0, run(cmd), String.join(" ", cmd));
    }

    private static int run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + " did not finish: " + out);
        }
        if (p.exitValue() != 0) System.err.println(String.join(" ", cmd) + ": " + out.strip());
        return p.exitValue();
    }
}
