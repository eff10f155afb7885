package tandem.kea.change;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.ImportResult;
import tandem.core.Relationship;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.core.port.ReplicationStore.Status;
import tandem.lab.KeaLab;
import tandem.services.Services;

/**
 * All or nothing against two real standalone Kea 2.2 servers: Kea 2.2's config-test does not open the HA password
 * files, so a file missing on the second server passes every test and fails only at its config-set, after the first
 * server took its configuration. The first is put back, the inventory is unchanged and the journal says it failed.
 */
@Tag("kea")
class HaCreationRollbackLabTest {
    @Test
    void aServerThatRefusesItsConfigurationPutsBackEveryServerAlreadySet(@TempDir Path data, @TempDir Path files) throws Exception {
        Path password = Files.writeString(files.resolve("peer-password"), "not-a-real-secret\n");
        try (KeaLab lab = KeaLab.start(KeaLab.Mode.STANDALONE, 2, 0, 2, 1); Services services = Services.open(data)) {
            lab.awaitStable(Duration.ofSeconds(30));
            for (int i = 1; i <= 2; i++) {
                var added = services.inventory().add(Backend.KEA, "server" + i, ConnectionSettings.of(lab.caUrl(i)));
                assertInstanceOf(ImportResult.Accepted.class, added, added::toString);
            }
            var before1 = lab.dhcp4(1);
            var before2 = lab.dhcp4(2);
            KeaHaTopology topology = services.changes().topology();
            HaRequest request = HaRequest.withDefaults("hq", "hot-standby", List.of(
                    topology.member("server1", "primary").withPasswordFile(password.toString()),
                    topology.member("server2", "standby").withPasswordFile(files.resolve("missing").toString())))
                    .withPeerUser("tandem");
            HaPlans.Creation plan = topology.prepareCreate(request);
            assertTrue(plan.notes().stream().anyMatch(n -> n.contains("server2 reads the password of tandem for its peers from "
                    + files.resolve("missing"))), plan.notes().toString());
            assertFalse(plan.servers().get(0).diff().contains("not-a-real-secret"), "only the file's path is written");

            ChangeRefused refused = assertThrows(ChangeRefused.class, () -> topology.create(plan));
            assertTrue(refused.getMessage().contains("server2 refused config-set"), refused.getMessage());
            assertTrue(refused.getMessage().contains("does every password file named in the preview exist on its server?"),
                    refused.getMessage());
            assertTrue(refused.getMessage().endsWith("Put back as it was on server1."), refused.getMessage());

            assertEquals(before1, lab.dhcp4(1), "server1 runs its configuration from before");
            assertEquals(before2, lab.dhcp4(2));
            assertEquals(List.of("server1", "server2"),
                    services.inventory().relationships().stream().map(Relationship::name).sorted().toList());
            JournalEntry entry = services.replicationStore().recent(5).stream()
                    .filter(e -> e.kind().equals(KeaHaTopology.CREATE_KIND)).findFirst().orElseThrow();
            assertEquals(Status.FAILED, entry.status(), "every server was put back: the change failed as a whole");
            assertNull(entry.inverse(), "nothing to undo");
        }
    }
}
