package tandem.store;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.Relationship;
import tandem.core.ServiceType;

/** The DHCP service of a relationship is stored with it; records written before DHCPv6 read back as DHCPv4. */
class RelationshipServiceStoreTest {
    @TempDir Path dir;

    @Test
    void aDhcp6RelationshipReadsBackAsDhcp6AndTheOthersAsDhcp4() {
        try (Database db = Database.open(dir)) {
            JdbcInventoryStore store = new JdbcInventoryStore(db, SecretCipher.inDirectory(dir));
            Relationship v4 = Samples.hotStandby("pair", "kea-a");
            Relationship v6 = new Relationship("pair/dhcp6", "kea-a", v4.backend(), v4.mode(), v4.peers(),
                    false, v4.parameters(), ServiceType.DHCPV6);
            store.saveServer(Samples.server("kea-a", "pw-0123456789"), List.of(v4, v6));
            assertEquals(List.of(v4, v6), store.relationships());
            assertEquals(ServiceType.DHCPV4, store.relationships().get(0).service());
            assertEquals(ServiceType.DHCPV6, store.relationships().get(1).service());

            // saved again as DHCPv4 (updated in place), it is DHCPv4
            store.saveServer(Samples.server("kea-a", "pw-0123456789"), List.of(v4, v6.withService(ServiceType.DHCPV4)));
            assertEquals(ServiceType.DHCPV4, store.relationships().get(1).service());
        }
    }
}
