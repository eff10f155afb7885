package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Edits change only what they must; everything they write passes the real dhcpd -t. */
class EditTest {
    private static final FailoverPeer NEW = FailoverPeer.suggestedPrimary("new-pair", "10.9.0.1", "10.9.0.2");

    @Test
    void addingAPeerPutsItBeforeTheFirstSubnetAndKeepsTheRestByteForByte() throws Exception {
        String text = "# head\nauthoritative;\n\nsubnet 10.0.0.0 netmask 255.255.255.0 {\n  pool {\n    range 10.0.0.10 10.0.0.20;\n  }\n}\n";
        DhcpdConfig c = DhcpdConfig.parse("/tmp/x.conf", text);
        DhcpdConfig e = c.copy();
        e.putPeer(null, NEW);
        e.setPoolPeer(1, "new-pair");
        assertEquals("""
                # head
                authoritative;

                failover peer "new-pair" {
                  primary;
                  address 10.9.0.1;
                  port 647;
                  peer address 10.9.0.2;
                  peer port 647;
                  max-response-delay 60;
                  max-unacked-updates 10;
                  mclt 3600;
                  split 128;
                  load balance max seconds 3;
                }

                subnet 10.0.0.0 netmask 255.255.255.0 {
                  pool {
                    failover peer "new-pair";
                    range 10.0.0.10 10.0.0.20;
                  }
                }
                """, e.render().get("/tmp/x.conf"));
        RealDhcpd.assertAccepted(e);
        String diff = ConfigChange.between(c, e, List.of()).unifiedDiff();
        assertTrue(diff.startsWith("--- a/tmp/x.conf\n+++ b/tmp/x.conf\n@@ "), diff);
        assertTrue(diff.contains("+failover peer \"new-pair\" {\n"), diff);
        assertTrue(diff.contains("+    failover peer \"new-pair\";\n"), diff);
    }

    @Test
    void editingAPeerChangesOnlyItsStatementsAndKeepsCommentsAndUnknownOnes() {
        DhcpdConfig c = Corpus.read("two-peers.conf");
        DhcpdConfig e = c.copy();
        FailoverPeer north = c.peer("north").orElseThrow().peer();
        e.putPeer("north", new FailoverPeer("north", FailoverRole.PRIMARY, "10.20.0.1", 1647, "10.20.0.2", null, 30, 10,
                north.mclt(), 128, null));
        String after = e.render().get(c.mainPath());
        assertTrue(after.contains("""
                failover peer "north" {
                  primary;
                  address 10.20.0.1;
                  port 1647;
                  peer address 10.20.0.2;
                  max-response-delay 30;
                  max-unacked-updates 10;
                  mclt 3600;
                  split 128;
                  auto-partner-down 0;
                }
                """), after);
        RealDhcpd.assertAccepted(e);
        // outside the peer block nothing moved
        String before = c.render().get(c.mainPath());
        assertEquals(before.substring(before.indexOf("failover peer \"south\"")), after.substring(after.indexOf("failover peer \"south\"")));
    }

    @Test
    void renamingAPeerRenamesEveryReference() {
        DhcpdConfig e = Corpus.read("two-peers.conf").copy();
        e.putPeer("north", e.peer("north").orElseThrow().peer().withName("nord"));
        assertEquals(List.of("nord", "south"), e.peerNames());
        assertEquals(List.of("nord", "nord", "south"), e.pools().stream().map(AddressPool::failoverPeer).filter(p -> p != null).toList());
        RealDhcpd.assertAccepted(e);
        assertThrows(IllegalArgumentException.class, () -> e.putPeer("nord", e.peer("nord").orElseThrow().peer().withName("south")));
    }

    @Test
    void inlinePoolsAndIncludedFilesAreEditedInPlace() {
        DhcpdConfig c = Corpus.read("two-peers.conf");
        DhcpdConfig e = c.copy();
        e.setPoolPeer(3, "north");   // the inline pool of 10.30.0.0
        e.setPoolPeer(4, "south");   // a pool without a peer
        String after = e.render().get(c.mainPath());
        assertTrue(after.contains("  pool { failover peer \"north\"; range 10.30.0.100 10.30.0.199; }\n"), after);
        assertTrue(after.contains("  pool {\n    failover peer \"south\";\n    range 10.40.0.100 10.40.0.199;\n  }\n"), after);
        e.setPoolPeer(3, null);
        assertTrue(e.render().get(c.mainPath()).contains("  pool { range 10.30.0.100 10.30.0.199; }\n"));
        RealDhcpd.assertAccepted(e);

        DhcpdConfig inc = Corpus.read("includes.conf");
        DhcpdConfig ie = inc.copy();
        ie.setPoolPeer(2, "pair-a");
        ConfigChange change = ConfigChange.between(inc, ie, List.of());
        assertEquals(1, change.changedFiles().size());
        assertTrue(change.changedFiles().get(0).endsWith("inc/subnets.conf"));
        RealDhcpd.assertAccepted(ie);
    }

    @Test
    void removingAPeerDeclarationAndItsReferences() {
        DhcpdConfig c = Corpus.read("primary.conf");
        DhcpdConfig e = c.copy();
        e.setPoolPeer(1, null);
        e.removePeerDeclaration("fo-pair");
        assertEquals("""
                # ISC dhcpd failover primary
                authoritative;
                ddns-update-style none;
                default-lease-time 600;
                max-lease-time 7200;
                omapi-port 7911;

                subnet 10.10.0.0 netmask 255.255.255.0 {
                  option routers 10.10.0.1;
                  pool {
                    range 10.10.0.100 10.10.0.200;
                  }
                }
                """, e.render().get(c.mainPath()));
        RealDhcpd.assertAccepted(e);
    }

    @Test
    void poolsAreAddedWithRangesAndRangesChanged() {
        DhcpdConfig c = Corpus.read("odd-spacing.conf");
        DhcpdConfig e = c.copy();
        int idx = e.addPool("10.0.0.0/8", List.of(AddressRange.of("10.1.0.1", "10.1.0.9"), AddressRange.of("10.2.0.1", "10.2.0.9")), null);
        assertEquals(4, idx);
        assertEquals("10.0.0.0/8", e.pool(idx).subnet());
        String after = e.render().get(c.mainPath());
        assertTrue(after.contains("subnet 10.0.0.0 netmask 255.0.0.0 {\n  pool {\n    range 10.1.0.1 10.1.0.9;\n    range 10.2.0.1 10.2.0.9;\n  }\n}   # an empty subnet\n"), after);
        e.setPoolRanges(2, List.of(AddressRange.of("192.168.10.150", "192.168.10.160"), AddressRange.of("192.168.10.170", "192.168.10.180")));
        after = e.render().get(c.mainPath());
        assertTrue(after.contains("        range 192.168.10.150 192.168.10.160 ;\n        range 192.168.10.170 192.168.10.180;\n      }"), after);
        RealDhcpd.assertAccepted(e);

        DhcpdConfig r = c.copy();
        r.setPoolRanges(2, List.of(AddressRange.of("192.168.10.150", "192.168.10.160")));
        var beforeAdding = r.render();
        int added = r.addPool("192.168.10.0/24", List.of(AddressRange.of("192.168.10.200", "192.168.10.210")), null);
        assertEquals(3, added);
        assertTrue(r.render().get(c.mainPath()).contains("      }\n      pool {\n        range 192.168.10.200 192.168.10.210;\n      }\n  }\n"));
        RealDhcpd.assertAccepted(r);
        r.removePool(added);
        assertEquals(beforeAdding, r.render());
    }

    @Test
    void aPeerAddedToAFileWithoutBlocksGoesAtTheEnd() {
        DhcpdConfig c = Corpus.read("comment-only.conf");
        DhcpdConfig e = c.copy();
        e.putPeer(null, NEW);
        assertTrue(e.render().get(c.mainPath()).startsWith("# only a comment\n\nfailover peer \"new-pair\" {\n  primary;\n"),
                e.render().get(c.mainPath()));
        assertFalse(ConfigChange.between(c, e, List.of()).isEmpty());
    }

    @Test
    void migratingASubnetCopiesItToThePartnerWithAMirroredPeer() throws Exception {
        DhcpdConfig primary = Corpus.read("primary.conf");
        DhcpdConfig partner = DhcpdConfig.parse("/etc/dhcp/partner.conf", "authoritative;\nomapi-port 7911;\n");
        DhcpdConfig e = partner.copy();
        e.putPeer(null, primary.peer("fo-pair").orElseThrow().peer().mirrored());
        e.copySubnetFrom(primary, "10.10.0.0/24");
        assertEquals(FailoverRole.SECONDARY, e.peer("fo-pair").orElseThrow().peer().role());
        assertEquals("fo-pair", e.pools().get(0).failoverPeer());
        assertTrue(e.check().stream().noneMatch(p -> p.severity() == ConfProblem.Severity.ERROR), e.check().toString());
        RealDhcpd.assertAccepted(e);
    }
}
