package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules applied to real files: each edit is a previewable diff, and what it writes passes dhcpd -t. */
class FailoverEditsTest {
    private static List<String> peersOfPools(DhcpdConfig c) {
        return c.pools().stream().map(p -> p.failoverPeer() == null ? "-" : p.failoverPeer()).toList();
    }

    @Test
    void theFirstPeerAddedForOnePoolIsUsedByEveryPool() {
        DhcpdConfig c = Corpus.read("classes-hosts.conf");
        FailoverEdits.Edit e = FailoverEdits.addPeer(c, FailoverPeer.suggestedPrimary("pxe-pair", "192.168.50.2", "192.168.50.3"), 1);
        assertTrue(e.applicable(), e.problems().toString());
        assertEquals(List.of("pxe-pair", "pxe-pair"), peersOfPools(e.after()));
        assertTrue(e.change().warnings().get(0).contains("first failover peer"));
        String diff = e.change().unifiedDiff();
        assertEquals(2, diff.lines().filter(l -> l.equals("+    failover peer \"pxe-pair\";")).count(), diff);
        assertTrue(diff.lines().filter(l -> l.startsWith("-")).allMatch(l -> l.startsWith("---")), diff);
        RealDhcpd.assertAccepted(e.after());
    }

    @Test
    void deletingWithOneOtherPeerLeftMovesTheReferences() {
        DhcpdConfig c = Corpus.read("two-peers.conf");
        FailoverEdits.Edit e = (FailoverEdits.Edit) FailoverEdits.deletePeer(c, "south", null);
        assertEquals(List.of("north", "north", "north", "-"), peersOfPools(e.after()));
        assertEquals(List.of("north"), e.after().peerNames());
        RealDhcpd.assertAccepted(e.after());
    }

    @Test
    void deletingWithTwoOthersLeftAsksThenMovesToTheChoice() {
        DhcpdConfig c = FailoverEdits.addPeer(Corpus.read("two-peers.conf"),
                FailoverPeer.suggestedPrimary("west", "10.20.0.1", "10.70.0.2"), 4).after();
        FailoverEdits.Choice q = assertInstanceOf(FailoverEdits.Choice.class, FailoverEdits.deletePeer(c, "north", null));
        assertEquals(List.of("south", "west"), q.question().options());
        FailoverEdits.Edit e = (FailoverEdits.Edit) FailoverEdits.deletePeer(c, "north", "west");
        assertEquals(List.of("west", "west", "south", "west"), peersOfPools(e.after()));
        RealDhcpd.assertAccepted(e.after());
    }

    @Test
    void deletingTheLastPeerTakesFailoverOffEveryPool() {
        DhcpdConfig c = Corpus.read("includes.conf");
        FailoverEdits.Edit e = (FailoverEdits.Edit) FailoverEdits.deletePeer(c, "pair-a", null);
        assertEquals(List.of("-", "-"), peersOfPools(e.after()));
        assertEquals(2, e.change().changedFiles().size());
        RealDhcpd.assertAccepted(e.after());
    }

    @Test
    void switchingTheLastPoolAwayFromAPeerDeletesItWithAWarning() {
        DhcpdConfig c = Corpus.read("two-peers.conf");
        FailoverEdits.Edit e = FailoverEdits.setPoolPeer(c, 3, "north");
        assertEquals(List.of("north"), e.after().peerNames());
        assertTrue(e.change().warnings().get(0).contains("will delete \"south\""), e.change().warnings().toString());
        RealDhcpd.assertAccepted(e.after());
        FailoverEdits.Edit keep = FailoverEdits.setPoolPeer(c, 1, "south");
        assertEquals(List.of("north", "south"), keep.after().peerNames());
        assertTrue(keep.change().warnings().isEmpty());
    }

    @Test
    void aPoolWithANewPeerAndItsDiff() {
        DhcpdConfig c = Corpus.read("ddns-keys.conf");
        FailoverEdits.Edit e = FailoverEdits.addPool(c, "172.16.0.0/16", List.of(AddressRange.of("172.16.5.1", "172.16.5.99")),
                null, FailoverPeer.suggestedPrimary("ddns-pair", "172.16.0.5", "172.16.0.6"));
        assertEquals(List.of("ddns-pair", "ddns-pair"), peersOfPools(e.after()));
        RealDhcpd.assertAccepted(e.after());
        assertThrows(IllegalArgumentException.class, () -> FailoverEdits.addPool(c, "172.16.0.0/16",
                List.of(AddressRange.of("172.16.5.1", "172.16.5.99")), "nope", null));
        assertThrows(IllegalArgumentException.class, () -> FailoverEdits.addPeer(c,
                new FailoverPeer("x", FailoverRole.SECONDARY, "1.1.1.1", 647, "1.1.1.2", 647, 30, 10, 60, null, null), null));
    }

    @Test
    void anEditThatWouldBreakTheConfigurationSaysSo() {
        DhcpdConfig c = Corpus.read("primary.conf");
        FailoverEdits.Edit e = FailoverEdits.setPoolRanges(c, 1, List.of(AddressRange.of("10.99.0.1", "10.99.0.9")));
        assertTrue(!e.applicable());
        assertTrue(e.problems().get(0).message().contains("not in subnet 10.10.0.0/24"), e.problems().toString());
        assertTrue(!RealDhcpd.check(e.after()).ok(), "dhcpd agrees");
        assertEquals(Arrays.asList("fo-pair"), c.peerNames());
    }

    @Test
    void migratingASubnetWritesTheMirroredPeerAndTheSamePoolsOnThePartner() throws Exception {
        DhcpdConfig primary = Corpus.read("two-peers.conf");
        DhcpdConfig partner = DhcpdConfig.parse("/etc/dhcp/partner.conf", "# partner\nauthoritative;\n\nsubnet 10.20.0.0 netmask 255.255.255.0 {\n}\n");
        FailoverEdits.Edit e = FailoverEdits.migrateToPartner(primary, "10.20.0.0/24", partner);
        assertTrue(e.applicable(), e.problems().toString());
        PeerDeclaration north = e.after().peer("north").orElseThrow();
        assertEquals(FailoverRole.SECONDARY, north.peer().role());
        assertEquals("10.20.0.2", north.peer().address());
        assertEquals("10.20.0.1", north.peer().peerAddress());
        assertEquals(null, north.peer().mclt());
        assertEquals(List.of("north", "north"), peersOfPools(e.after()));
        assertEquals(List.of("10.20.0.0/24"), e.after().subnets().stream().map(Subnet::cidr).toList());
        assertTrue(e.change().warnings().get(0).contains("\"north\" as secondary"), e.change().warnings().toString());
        RealDhcpd.assertAccepted(e.after());
        // migrating again changes nothing
        assertTrue(FailoverEdits.migrateToPartner(primary, "10.20.0.0/24", e.after()).change().isEmpty());
    }
}
