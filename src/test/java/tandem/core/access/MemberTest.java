package tandem.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MemberTest {
    @Test void aDhcpAdministratorMayDoEverythingEverywhere() {
        Member admin = new Member("alice", Set.of(Role.DHCP_ADMINISTRATORS), List.of());
        for (Permission bit : Permission.values()) {
            assertTrue(admin.may(bit, "dhcp1", "10.0.0.0/24"), bit.wire());
            assertTrue(admin.may(bit, null, null), bit.wire());
        }
        Member byBit = new Member("ann", Set.of(), List.of(new Grant(Permission.DHCP_ADMINISTRATOR, null, null)));
        assertTrue(byBit.may(Permission.EDIT_POOLS, "dhcp9", "10.9.0.0/16"), "the bit alone implies the others");
    }

    @Test void ipamAdministratorsEditScopesButNotFailover() {
        Member ipam = new Member("bob", Set.of(Role.IPAM_ADMINISTRATORS), List.of());
        assertTrue(ipam.may(Permission.EDIT_RESERVATIONS, "dhcp1", "10.0.0.0/24"));
        assertTrue(ipam.may(Permission.SCOPE_OPTIONS, "dhcp2", "10.1.0.0/24"));
        assertFalse(ipam.may(Permission.DHCP_ADMINISTRATOR, null, null));
        assertFalse(ipam.may(Permission.ADD_SCOPE, "dhcp1", null));
        assertFalse(ipam.may(Permission.ADMINISTER_DHCP_SERVERS, "dhcp1", null));
    }

    @Test void aScopeGrantCoversThatScopeOfThatServerOnly() {
        Member carol = new Member("carol", Set.of(),
                List.of(new Grant(Permission.EDIT_RESERVATIONS, "dhcp1", "10.0.0.0/24")));
        assertTrue(carol.may(Permission.EDIT_RESERVATIONS, "dhcp1", "10.0.0.0/24"));
        assertFalse(carol.may(Permission.EDIT_RESERVATIONS, "dhcp1", "10.0.1.0/24"), "another scope");
        assertFalse(carol.may(Permission.EDIT_RESERVATIONS, "dhcp2", "10.0.0.0/24"), "another server");
        assertFalse(carol.may(Permission.EDIT_RESERVATIONS, "dhcp1", null), "the server as a whole");
        assertFalse(carol.may(Permission.EDIT_POOLS, "dhcp1", "10.0.0.0/24"), "another bit");
        assertTrue(carol.may(Permission.READ, "dhcp1", null), "a bit on a server lets her read it");
        assertFalse(carol.may(Permission.READ, "dhcp2", null));
    }

    @Test void aServerGrantCoversEveryScopeOfIt() {
        Member dave = new Member("dave", Set.of(), List.of(new Grant(Permission.EDIT_POOLS, "dhcp1", null)));
        assertTrue(dave.may(Permission.EDIT_POOLS, "dhcp1", "10.0.0.0/24"));
        assertTrue(dave.may(Permission.EDIT_POOLS, "dhcp1", "2001:db8::/64"));
        assertFalse(dave.may(Permission.EDIT_POOLS, "dhcp2", "10.0.0.0/24"));
    }

    @Test void aMemberWithoutRolesOrGrantsMayDoNothing() {
        Member nobody = new Member("eve", Set.of(), List.of());
        for (Permission bit : Permission.values()) assertFalse(nobody.may(bit, "dhcp1", "10.0.0.0/24"), bit.wire());
    }

    @Test void namesRoundTripAndAScopeNeedsItsServer() {
        for (Permission p : Permission.values()) assertEquals(Optional.of(p), Permission.fromWire(p.wire()));
        assertEquals(Optional.of(Role.DHCP_ADMINISTRATORS), Role.fromWire("DHCP Administrators"));
        assertEquals(Optional.empty(), Permission.fromWire("edit-everything"));
        assertThrows(IllegalArgumentException.class, () -> new Grant(Permission.EDIT_POOLS, null, "10.0.0.0/24"));
    }
}
