package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The edits behind the configuration table's rows: an existing pool edited or removed, a host removed. */
class PoolRowEditsTest {
    private static List<String> peers(DhcpdConfig c) { return c.pools().stream().map(AddressPool::failoverPeer).toList(); }

    @Test
    void editingAPoolKeepsItsPlaceAndAPeerThatOtherPoolsStillUse() {
        DhcpdConfig c = Corpus.read("two-peers.conf");
        FailoverEdits.Edit e = FailoverEdits.editPool(c, 1, List.of(AddressRange.of("10.20.0.100", "10.20.0.150")), null, null);
        assertTrue(e.applicable(), e.problems().toString());
        assertEquals(List.of("north", "south"), e.after().peerNames(), "pool 2 still refers to north");
        assertEquals(Arrays.asList(null, "north", "south", null), peers(e.after()));
        assertEquals(List.of(AddressRange.of("10.20.0.100", "10.20.0.150")), e.after().pool(1).ranges());
        assertTrue(e.change().warnings().isEmpty(), e.change().warnings().toString());
    }

    @Test
    void switchingThePoolOfAPeersLastReferenceDeletesThePeerWithTheWarning() {
        DhcpdConfig c = Corpus.read("two-peers.conf");
        FailoverEdits.Edit e = FailoverEdits.editPool(c, 3, c.pool(3).ranges(), "north", null);
        assertEquals(List.of("north"), e.after().peerNames());
        assertEquals(List.of("Pool 3 is the last address pool referring to failover peer \"south\": changing it will delete \"south\""),
                e.change().warnings());
        assertTrue(e.applicable(), e.problems().toString());
    }

    @Test
    void removingThePoolOfAPeersLastReferenceDeletesThePeerToo() {
        DhcpdConfig c = Corpus.read("two-peers.conf");
        FailoverEdits.Edit e = FailoverEdits.removePool(c, 3);
        assertEquals(List.of("north"), e.after().peerNames());
        assertEquals(3, e.after().pools().size());
        assertFalse(e.after().subnets().isEmpty());
        assertTrue(e.change().warnings().get(0).contains("removing it will delete \"south\""), e.change().warnings().toString());
        FailoverEdits.Edit keep = FailoverEdits.removePool(c, 1);
        assertEquals(List.of("north", "south"), keep.after().peerNames(), "pool 2 still refers to north");
        assertTrue(keep.change().warnings().isEmpty());
    }

    @Test
    void aHostIsRemovedByItsNameAndAnUnknownOneIsRefused() throws Exception {
        DhcpdConfig c = DhcpdConfig.parse("/etc/dhcp/dhcpd.conf", String.join("\n",
                "subnet 10.0.0.0 netmask 255.255.255.0 { range 10.0.0.10 10.0.0.20; }",
                "host printer { hardware ethernet 00:11:22:33:44:55; fixed-address 10.0.0.5; }",
                "host laptop { hardware ethernet 00:11:22:33:44:66; fixed-address 10.0.0.6; }", ""));
        FailoverEdits.Edit e = FailoverEdits.removeHost(c, "printer");
        assertEquals("subnet 10.0.0.0 netmask 255.255.255.0 { range 10.0.0.10 10.0.0.20; }\n"
                + "host laptop { hardware ethernet 00:11:22:33:44:66; fixed-address 10.0.0.6; }\n",
                e.after().render().get("/etc/dhcp/dhcpd.conf"));
        assertThrows(IllegalArgumentException.class, () -> FailoverEdits.removeHost(c, "scanner"));
    }
}
