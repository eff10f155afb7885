package tandem.lab;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tandem.kea.KeaControlAgentClient;
import tandem.kea.KeaHaStatus;
import tandem.kea.KeaReply;
import tandem.kea.KeaStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lab fixture itself: topologies, clean shutdown, and clear errors. */
class KeaLabTest {

    @Test
    @Tag("kea")
    void passiveBackupClusterStartsOnFreePortsAndStopsCompletely() {
        List<Long> pids = new ArrayList<>();
        Path dir;
        try (KeaLab lab = KeaLab.start(KeaLab.Mode.PASSIVE_BACKUP, 3, 2);
             KeaControlAgentClient client = new KeaControlAgentClient()) {
            dir = lab.dir();
            lab.awaitStable(Duration.ofSeconds(30));
            assertEquals(3, lab.size());
            assertEquals(List.of("primary", "backup", "backup"), List.of(lab.role(1), lab.role(2), lab.role(3)));
            assertEquals(3, lab.servers().stream().map(KeaLab.Server::caPort).distinct().count());

            KeaHaStatus primary = ha(client, lab, 1);
            assertEquals("passive-backup", primary.mode());
            assertEquals("passive-backup", primary.local().state());
            assertFalse(primary.hasRemote());
            assertEquals("backup", ha(client, lab, 2).local().state());
            assertEquals("backup", ha(client, lab, 3).local().state());

            for (KeaLab.Server s : lab.servers()) {
                assertNotNull(s.dhcp4Pid(), s.toString());
                assertNotNull(s.caPid(), s.toString());
                pids.add(s.dhcp4Pid());
                pids.add(s.caPid());
            }
        }
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " alive");
        }
        assertFalse(Files.exists(dir), "lab directory left behind: " + dir);
    }

    @Test
    void missingKeaBinariesFailWithAnInstallHint() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> KeaLab.start(
                KeaLab.Mode.LOAD_BALANCING, 2, 0, 2, 2, Map.of("KEA_DHCP4_BIN", "/nonexistent/kea-dhcp4")).close());
        assertTrue(e.getMessage().contains("Kea binaries not found: kea-dhcp4"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install -y kea-dhcp4-server kea-ctrl-agent"), e.getMessage());
    }

    @Test
    void impossibleTopologyIsRejected() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> KeaLab.start(KeaLab.Mode.HOT_STANDBY, 3, 0).close());
        assertTrue(e.getMessage().contains("hot-standby needs 2 non-backup server(s)"), e.getMessage());
    }

    private static KeaHaStatus ha(KeaControlAgentClient client, KeaLab lab, int i) {
        KeaReply reply = client.statusGet(lab.endpoint(i));
        return reply.parse(KeaStatus::from).orElseThrow(() -> new AssertionError(reply)).ha().orElseThrow();
    }
}
