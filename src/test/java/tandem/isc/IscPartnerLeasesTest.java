package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.HaMode;
import tandem.core.Inventory;
import tandem.core.PeerDefinition;
import tandem.core.PeerRole;
import tandem.core.Relationship;
import tandem.core.ServerRecord;
import tandem.core.lease.PartnerLeases;
import tandem.ui.InMemoryInventoryStore;
import tandem.ui.InMemoryStateStore;

/**
 * A dhcpd server sees its failover partner only through its own peer declaration: the partner's leases and hosts
 * come from the partner's own server when the inventory has it, and are never this server's own files read twice.
 */
class IscPartnerLeasesTest {
    private final InMemoryInventoryStore store = new InMemoryInventoryStore();
    private final Inventory inventory = new Inventory(store, new InMemoryStateStore(), Map.of());
    private final List<String> opened = new ArrayList<>();
    /** Records which host a shell was opened on, and reads nothing. */
    private final IscLeaseSource source = new IscLeaseSource(() -> inventory, (settings, timeout) -> {
        opened.add(settings.ssh().target().host());
        throw new IOException("not read in this test");
    });

    private static IscServerSettings at(String host) {
        return IscServerSettings.fromConnection(new ConnectionSettings(URI.create("ssh://root@" + host + ":22/etc/dhcp/dhcpd.conf"),
                null, "root", null, null));
    }

    /** A server at {@code host} with failover peer {@code peer} whose partner is at {@code partnerAddress}. */
    private Relationship add(String name, String host, String peer, String partnerAddress) {
        IscServerSettings s = at(host);
        Relationship rel = new Relationship(name + "/" + peer, name, Backend.ISC, HaMode.HOT_STANDBY, List.of(
                new PeerDefinition(name, PeerRole.PRIMARY, s.toConnection(null, "peer=" + peer).url(), true),
                new PeerDefinition(partnerAddress, PeerRole.SECONDARY, s.toConnection(null, "partner=" + peer).url(), true)),
                false, null);
        store.saveServer(new ServerRecord(name, Backend.ISC, s.toConnection(null, null), Instant.EPOCH), List.of(rel));
        return rel;
    }

    @Test
    void aPartnerOutsideTheInventoryIsSaidToBeUnreadNotReadThroughThisServer() {
        Relationship rel = add("dhcp1", "192.0.2.1", "pair", "192.0.2.2");
        PartnerLeases leases = source.read(rel, OptionalLong.empty(), Duration.ofSeconds(1));
        assertEquals(List.of("192.0.2.1"), opened);
        assertEquals(IscLeaseSource.PARTNER_LEASES_NOT_AT_HAND, leases.unread().get("192.0.2.2"));
        opened.clear();
        assertEquals(IscLeaseSource.PARTNER_NOT_AT_HAND,
                source.reservations(rel, Duration.ofSeconds(1)).unread().get("192.0.2.2"));
        assertEquals(List.of("192.0.2.1"), opened);
    }

    @Test
    void aPartnerInTheInventoryIsReadOnItsOwnServer() {
        Relationship rel = add("dhcp1", "192.0.2.1", "pair", "192.0.2.2");
        add("dhcp2", "192.0.2.2", "pair", "192.0.2.1");
        PartnerLeases leases = source.read(rel, OptionalLong.empty(), Duration.ofSeconds(1));
        assertEquals(List.of("192.0.2.1", "192.0.2.2"), opened);
        assertTrue(leases.unread().get("192.0.2.2").contains("not read in this test"), leases.unread().toString());
    }

    @Test
    void aServerAtThePartnersAddressWithAnotherFailoverPeerIsNotThePartner() {
        Relationship rel = add("dhcp1", "192.0.2.1", "pair", "192.0.2.2");
        add("dhcp2", "192.0.2.2", "other-pair", "192.0.2.9");
        add("dhcp3", "192.0.2.3", "pair", "192.0.2.4");
        PartnerLeases leases = source.read(rel, OptionalLong.empty(), Duration.ofSeconds(1));
        assertEquals(List.of("192.0.2.1"), opened);
        assertEquals(IscLeaseSource.PARTNER_LEASES_NOT_AT_HAND, leases.unread().get("192.0.2.2"));
    }
}
