package tandem.core;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.port.ServerImporter;
import tandem.store.Database;
import tandem.store.JdbcInventoryStore;
import tandem.store.JdbcStateStore;
import tandem.store.SecretCipher;

/** After a reconnection the configuration is parsed again and the stored relationships follow it. */
class InventoryRedetectTest {
    @TempDir Path dir;

    static Relationship pair(PeerDefinition... peers) {
        return new Relationship("hq", "hq", Backend.KEA, HaMode.HOT_STANDBY, List.of(peers), false, HaParameters.NONE);
    }

    static PeerDefinition peer(String name, PeerRole role, int port) {
        return new PeerDefinition(name, role, URI.create("http://127.0.0.1:" + port + "/"), true);
    }

    @Test
    void aRelationshipThatChangedWhileUnreachableIsReadAgain() {
        AtomicReference<ImportResult> next = new AtomicReference<>();
        ServerImporter importer = new ServerImporter() {
            public Backend backend() { return Backend.KEA; }
            public ConnectionCheck check(ConnectionSettings c) { return new ConnectionCheck(true, "ok"); }
            public ImportResult inspect(String name, ConnectionSettings c) { return next.get(); }
        };
        try (Database db = Database.open(dir)) {
            var store = new JdbcInventoryStore(db, SecretCipher.inDirectory(dir));
            Inventory inventory = new Inventory(store, new JdbcStateStore(db), Map.of(Backend.KEA, importer));
            ServerRecord server = new ServerRecord("hq", Backend.KEA, ConnectionSettings.of(URI.create("http://127.0.0.1:1/")), null);
            Relationship before = pair(peer("s1", PeerRole.PRIMARY, 1), peer("s2", PeerRole.STANDBY, 2));
            next.set(new ImportResult.Accepted(server, List.of(before), List.of(), List.of()));
            inventory.add(Backend.KEA, "hq", server.connection());

            assertTrue(inventory.redetect("hq").isEmpty(), "nothing changed, nothing stored");

            Relationship after = pair(peer("s1", PeerRole.PRIMARY, 1), peer("s2", PeerRole.STANDBY, 2),
                    peer("s3", PeerRole.BACKUP, 3));
            next.set(new ImportResult.Accepted(server, List.of(after), List.of(), List.of()));
            String said = inventory.redetect("hq").orElseThrow();
            assertTrue(said.contains("s3 backup"), said);
            assertEquals(List.of(after), inventory.relationships());

            next.set(new ImportResult.Refused("Connection refused", "url"));
            assertTrue(inventory.redetect("hq").isEmpty(), "a server that cannot be read now keeps what it had");
            assertEquals(List.of(after), inventory.relationships());
        }
    }
}
