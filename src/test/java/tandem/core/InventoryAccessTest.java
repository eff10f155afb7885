package tandem.core;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.access.Grant;
import tandem.core.access.Member;
import tandem.core.access.Permission;
import tandem.core.access.PermissionDenied;
import tandem.core.access.Role;
import tandem.core.access.TeamAccessPolicy;
import tandem.core.port.ServerImporter;
import tandem.store.Database;
import tandem.store.JdbcInventoryStore;
import tandem.store.JdbcStateStore;
import tandem.store.SecretCipher;

/** In a team, adding and removing servers needs administer-dhcp-servers, checked before any server is asked. */
class InventoryAccessTest {
    @TempDir Path dir;

    @Test
    void aMemberWithoutTheBitNeitherAddsNorRemovesServers() {
        AtomicInteger asked = new AtomicInteger();
        ServerRecord hq = new ServerRecord("hq", Backend.KEA, ConnectionSettings.of(URI.create("http://127.0.0.1:1/")), null);
        Relationship pair = new Relationship("hq", "hq", Backend.KEA, HaMode.HOT_STANDBY, List.of(
                new PeerDefinition("s1", PeerRole.PRIMARY, URI.create("http://127.0.0.1:1/"), true)), false,
                HaParameters.NONE);
        ServerImporter importer = new ServerImporter() {
            public Backend backend() { return Backend.KEA; }
            public ConnectionCheck check(ConnectionSettings c) { return new ConnectionCheck(true, "ok"); }
            public ImportResult inspect(String name, ConnectionSettings c) {
                asked.incrementAndGet();
                return new ImportResult.Accepted(hq, List.of(pair), List.of(), List.of());
            }
        };
        AtomicReference<Member> bob = new AtomicReference<>(new Member("bob", java.util.Set.of(), List.of(
                new Grant(Permission.EDIT_RESERVATIONS, null, null))));
        try (Database db = Database.open(dir)) {
            Inventory inventory = new Inventory(new JdbcInventoryStore(db, SecretCipher.inDirectory(dir)),
                    new JdbcStateStore(db), Map.of(Backend.KEA, importer));
            inventory.add(Backend.KEA, "hq", hq.connection());
            inventory.guardedBy(new TeamAccessPolicy("bob", () -> Optional.ofNullable(bob.get()), rel -> "hq"));

            PermissionDenied add = assertThrows(PermissionDenied.class,
                    () -> inventory.add(Backend.KEA, "branch", hq.connection()));
            assertTrue(add.getMessage().contains("bob lacks the administer-dhcp-servers permission"), add.getMessage());
            assertEquals(1, asked.get(), "the refused addition asked no server");
            PermissionDenied remove = assertThrows(PermissionDenied.class, () -> inventory.remove("hq"));
            assertTrue(remove.getMessage().contains("on hq"), remove.getMessage());
            assertEquals(List.of("hq"), inventory.servers().stream().map(ServerRecord::name).toList());

            bob.set(new Member("bob", java.util.Set.of(Role.IPAM_ADMINISTRATORS), List.of(
                    new Grant(Permission.ADMINISTER_DHCP_SERVERS, "hq", null))));
            assertTrue(inventory.remove("hq"), "granted on that server, counted at once");
            assertTrue(inventory.servers().isEmpty());
        }
    }
}
