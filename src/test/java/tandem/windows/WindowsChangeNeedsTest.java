package tandem.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import tandem.core.access.Need;
import tandem.core.access.Permission;

/** The bits a Windows change needs. */
class WindowsChangeNeedsTest {
    @Test
    void everyFailoverOperationNeedsADhcpAdministrator() {
        for (String op : List.of("create", "remove", "undo-create", "scope-add", "scope-remove", "settings", "partner-down")) {
            WindowsOperation o = new WindowsOperation(op, "fo1", "dhcp1", "dhcp2", List.of("10.1.0.0"), null, null, null);
            assertEquals(List.of(Need.administrator("fo1")), WindowsChangeNeeds.of(o), op);
        }
    }

    @Test
    void replicatingAScopeNeedsEveryScopeBitOnItAndAddScopeWhereItCreatesTheCopy() {
        List<Need> one = WindowsChangeNeeds.replication(false, "fo1", List.of(
                new WindowsChangeNeeds.Replicated("fo1", "10.1.0.0", "255.255.255.0", false)));
        assertEquals(List.of(new Need(Permission.EDIT_POOLS, "fo1", "10.1.0.0/24"),
                new Need(Permission.SCOPE_OPTIONS, "fo1", "10.1.0.0/24"),
                new Need(Permission.EDIT_RESERVATIONS, "fo1", "10.1.0.0/24"),
                new Need(Permission.EDIT_EXCLUSIONS, "fo1", "10.1.0.0/24")), one);

        List<Need> created = WindowsChangeNeeds.replication(false, "fo1", List.of(
                new WindowsChangeNeeds.Replicated("fo1", "10.1.0.0", "255.255.255.0", false),
                new WindowsChangeNeeds.Replicated("fo2", "10.2.0.0", "255.255.0.0", true)));
        assertEquals(9, created.size(), created.toString());
        assertEquals(new Need(Permission.ADD_SCOPE, "fo2", null), created.get(4));
        assertEquals(new Need(Permission.EDIT_EXCLUSIONS, "fo2", "10.2.0.0/16"), created.get(8));
    }

    @Test
    void replicatingEveryScopeOfAServerNeedsAdministerDhcpServers() {
        assertEquals(List.of(new Need(Permission.ADMINISTER_DHCP_SERVERS, "fo1", null)), WindowsChangeNeeds.replication(
                true, "fo1", List.of(new WindowsChangeNeeds.Replicated("fo1", "10.1.0.0", "255.255.255.0", false))));
        assertEquals(List.of(Need.administrator("fo1")), WindowsChangeNeeds.replication(false, "fo1", List.of()),
                "nothing named: the safe default");
    }

    @Test
    void aScopeIsNamedAsAGrantNamesIt() {
        assertEquals("10.1.0.0/24", WindowsChangeNeeds.cidr("10.1.0.0", "255.255.255.0"));
        assertEquals("10.0.0.0/8", WindowsChangeNeeds.cidr(" 10.0.0.0", "255.0.0.0"));
        assertEquals("10.1.0.0", WindowsChangeNeeds.cidr("10.1.0.0", "255.0.255.0"));
        assertEquals("10.1.0.0", WindowsChangeNeeds.cidr("10.1.0.0", null));
    }
}
