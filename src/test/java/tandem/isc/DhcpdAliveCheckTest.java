package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real dhcpd in a network namespace made by this test, restarted the way a service manager does it (the
 * restart returns before dhcpd has read its configuration): a configuration dhcpd -t accepts but dhcpd cannot
 * run is caught by the alive check and rolled back.
 */
class DhcpdAliveCheckTest {
    @TempDir Path dir;

    static final String OLD = "authoritative;\nddns-update-style none;\ndefault-lease-time 600;\nmax-lease-time 7200;\n\n"
            + "subnet 10.77.0.0 netmask 255.255.255.0 {\n  range 10.77.0.100 10.77.0.200;\n}\n";

    @Test
    void aDhcpdThatStopsOnItsNewConfigurationIsRolledBackAndRestartedOnTheOldOne() throws Exception {
        RealDhcpd.dhcpd();
        Process holder = new ProcessBuilder("unshare", "-n", "sleep", "600").redirectErrorStream(true)
                .redirectOutput(dir.resolve("holder.log").toFile()).start();
        Path pidFile = dir.resolve("dhcpd.pid");
        try (RealSshd sshd = RealSshd.start(Files.createDirectories(dir.resolve("sshd")))) {
            Thread.sleep(200);
            run("nsenter", "-t", "" + holder.pid(), "-n", "sh", "-c", "ip link set lo up && ip link add v0 type veth peer name v1"
                    + " && ip addr add 10.77.0.1/24 dev v0 && ip link set v0 up && ip link set v1 up");
            Path conf = dir.resolve("dhcpd.conf");
            Files.writeString(conf, OLD);
            Files.createFile(dir.resolve("dhcpd.leases"));
            Path restart = dir.resolve("restart-dhcpd");
            Files.writeString(restart, "#!/bin/sh\n"
                    + "if [ -f " + pidFile + " ]; then p=$(cat " + pidFile + "); kill $p 2>/dev/null;"
                    + " for i in 1 2 3 4 5 6 7 8 9 10; do ps -o stat= -p $p | grep -qv Z || break; sleep 0.5; done; fi\n"
                    + "rm -f " + dir.resolve("unused.pid") + "\n"
                    + "nsenter -t " + holder.pid() + " -n dhcpd -f -d -4 -cf " + conf + " -lf " + dir.resolve("dhcpd.leases")
                    + " -pf " + dir.resolve("unused.pid") + " v0 >> " + dir.resolve("dhcpd.log") + " 2>&1 < /dev/null &\n"
                    + "echo $! > " + pidFile + "\necho restarted >> " + dir.resolve("restarts") + "\n");
            Files.setPosixFilePermissions(restart, PosixFilePermissions.fromString("rwxr-xr-x"));
            // running, not a zombie left by the restart script
            String alive = "ps -o stat= -p $(cat " + pidFile + ") | grep -qv Z";
            run(restart.toString());
            String oldPid = Files.readString(pidFile).strip();

            DhcpdConfig before = DhcpdConfig.parse(conf.toString(), OLD);
            // dhcpd -t accepts it, but no subnet matches v0 any more: dhcpd stops at once
            DhcpdConfig after = DhcpdConfig.parse(conf.toString(), OLD.replace("10.77.0.", "10.78.0."));
            SafeWrite.Result r;
            try (SshConnection c = SshConnection.open(sshd.settings(), dir.resolve("known_hosts"), (h, t, f) -> true, Duration.ofSeconds(30))) {
                r = new SafeWrite(c, "dhcpd -t -4 -cf FILE", restart.toString(), alive, Clock.systemUTC(), "tandem", Duration.ofSeconds(30))
                        .apply(before, ConfigChange.between(before, after, List.of()));
            }
            SafeWrite.RestartFailed failed = assertInstanceOf(SafeWrite.RestartFailed.class, r, r.message());
            assertTrue(failed.output().startsWith("dhcpd was not running 10 s after the restart"), failed.output());
            assertTrue(failed.restored(), r.message());
            assertEquals("", failed.restoreOutput(), "dhcpd runs again on the previous configuration");
            assertTrue(r.message().contains("The previous configuration was put back and dhcpd restarted."), r.message());
            assertEquals(OLD, Files.readString(conf));
            assertEquals("restarted\nrestarted\nrestarted\n", Files.readString(dir.resolve("restarts")), "started, new, old");
            String log = Files.readString(dir.resolve("dhcpd.log"));
            assertTrue(log.contains("No subnet declaration for v0"), "the real dhcpd refused it:\n" + log);
            String pid = Files.readString(pidFile).strip();
            assertTrue(!pid.equals(oldPid) && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false),
                    "a dhcpd started on the old configuration runs");
        } finally {
            if (Files.exists(pidFile)) {
                ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).ifPresent(ProcessHandle::destroy);
            }
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) fail(String.join(" ", cmd) + " failed: " + out);
    }
}
