package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import tandem.core.access.Need;
import tandem.core.access.Permission;

/** The bits a dhcpd.conf write needs, read from what it changes. */
class IscChangeNeedsTest {
    private static final String REL = "dhcp1";

    private static List<Need> needs(DhcpdConfig before, FailoverEdits.Edit edit) {
        return IscChangeNeeds.of(REL, before, edit.change());
    }

    private static List<Need> needs(String before, String after) throws Exception {
        DhcpdConfig b = DhcpdConfig.parse("/etc/dhcpd.conf", before);
        return IscChangeNeeds.of(REL, b, ConfigChange.between(b, DhcpdConfig.parse("/etc/dhcpd.conf", after), List.of()));
    }

    private static Need scope(Permission bit, String cidr) { return new Need(bit, REL, cidr); }

    private static final List<Need> ADMIN = List.of(Need.administrator(REL));
    private static final List<Need> SERVER = List.of(new Need(Permission.ADMINISTER_DHCP_SERVERS, REL, null));

    @Test
    void failoverPeerEditsAndPoolPeerChangesNeedADhcpAdministrator() {
        DhcpdConfig c = Corpus.read("two-peers.conf");
        assertEquals(ADMIN, needs(c, FailoverEdits.setPoolPeer(c, 2, "south")));
        assertEquals(ADMIN, needs(c, FailoverEdits.setPoolPeer(c, 4, "north")), "a pool joins failover");
        FailoverPeer north = c.peer("north").orElseThrow().peer();
        assertEquals(ADMIN, needs(c, FailoverEdits.editPeer(c, "north", north.withName("north2"))));
        assertEquals(ADMIN, needs(c, FailoverEdits.addPeer(c, FailoverPeer.suggestedPrimary("west", "10.20.0.1",
                "10.50.0.2"), null)));
    }

    @Test
    void poolRangesNeedEditPoolsOnTheirSubnetOnly() {
        DhcpdConfig c = Corpus.read("two-peers.conf");
        assertEquals(List.of(scope(Permission.EDIT_POOLS, "10.20.0.0/24")), needs(c, FailoverEdits.setPoolRanges(c, 2,
                List.of(AddressRange.of("10.20.0.200", "10.20.0.239")))));
        assertEquals(List.of(scope(Permission.EDIT_POOLS, "10.40.0.0/24")), needs(c, FailoverEdits.setPoolRanges(c, 4,
                List.of(AddressRange.of("10.40.0.100", "10.40.0.150")))));
        // a further pool with the peer its subnet's pools already use: still a pool edit
        assertEquals(List.of(scope(Permission.EDIT_POOLS, "10.30.0.0/24")), needs(c, FailoverEdits.addPool(c,
                "10.30.0.0/24", List.of(AddressRange.of("10.30.0.210", "10.30.0.220")), "south", null)));
    }

    @Test
    void aSubnetMigratedToThePartnerIsAScopeInFailover() throws Exception {
        DhcpdConfig source = Corpus.read("two-peers.conf");
        DhcpdConfig partner = DhcpdConfig.parse("/etc/dhcpd.conf", "authoritative;\n");
        FailoverEdits.Edit e = FailoverEdits.migrateToPartner(source, "10.20.0.0/24", partner);
        assertEquals(ADMIN, needs(partner, e));
    }

    @Test
    void subnetsHostsAndOptions() throws Exception {
        String base = "authoritative;\noption domain-name \"a.example\";\nsubnet 10.1.0.0 netmask 255.255.255.0 {\n"
                + "  option routers 10.1.0.1;\n  range 10.1.0.10 10.1.0.20;\n}\n";
        assertEquals(List.of(new Need(Permission.ADD_SCOPE, REL, null)), needs(base, base
                + "subnet 10.2.0.0 netmask 255.255.255.0 {\n  option routers 10.2.0.1;\n  range 10.2.0.10 10.2.0.20;\n}\n"));
        assertEquals(List.of(new Need(Permission.ADD_SCOPE, REL, null)), needs(base, "authoritative;\n"
                + "option domain-name \"a.example\";\n"));
        assertEquals(List.of(scope(Permission.SCOPE_OPTIONS, "10.1.0.0/24")),
                needs(base, base.replace("routers 10.1.0.1", "routers 10.1.0.2")));
        assertEquals(SERVER, needs(base, base.replace("a.example", "b.example")), "a global option");
        assertEquals(List.of(scope(Permission.EDIT_RESERVATIONS, "10.1.0.0/24")), needs(base, base
                + "host printer { hardware ethernet 02:00:00:00:00:01; fixed-address 10.1.0.50; }\n"),
                "a global host counts for the subnet of its address");
        assertEquals(List.of(scope(Permission.EDIT_RESERVATIONS, "10.1.0.0/24")), needs(base, base.replace(
                "  option routers", "  host p { hardware ethernet 02:00:00:00:00:02; fixed-address 10.1.0.51; }\n"
                        + "  option routers")));
        assertEquals(SERVER, needs(base, base + "host far { hardware ethernet 02:00:00:00:00:03; fixed-address 10.9.0.5; }\n"),
                "a host outside every subnet");
        // in the file's order: the subnet's option comes before its range
        assertEquals(List.of(scope(Permission.SCOPE_OPTIONS, "10.1.0.0/24"), scope(Permission.EDIT_POOLS, "10.1.0.0/24")),
                needs(base, base.replace("10.1.0.20", "10.1.0.30").replace("routers 10.1.0.1", "routers 10.1.0.2")));
        assertEquals(SERVER, needs(base, "# a comment only\n" + base), "nothing a rule names");
    }

    @Test
    void unreadableAfterNeedsAnAdministrator() throws Exception {
        DhcpdConfig b = DhcpdConfig.parse("/etc/dhcpd.conf", "authoritative;\n");
        ConfigChange broken = new ConfigChange("/etc/dhcpd.conf", b.render(), java.util.Map.of("/etc/dhcpd.conf",
                "subnet {"), List.of());
        assertEquals(ADMIN, IscChangeNeeds.of(REL, b, broken));
    }
}
