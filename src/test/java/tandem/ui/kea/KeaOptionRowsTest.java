package tandem.ui.kea;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import tandem.core.access.Permission;
import tandem.core.config.ConfigRow;
import tandem.kea.change.KeaChange;
import tandem.ui.ConsoleNode;
import tandem.ui.Fixtures;
import tandem.ui.UiCommand;

/** What the Kea tables offer on rows of a shared network and on reservation options, and the changes they make. */
class KeaOptionRowsTest {
    private final KeaUi ui = new KeaUi(null);
    private final ConsoleNode.RelationshipItem item = new ConsoleNode.RelationshipItem(Fixtures.EAST, null, List.of());

    private List<UiCommand> commands(ConfigRow row) {
        // nothing runs here: the commands only open dialogs when chosen
        return ui.rowCommands(null, item, row);
    }

    @Test
    void aSubnetInASharedNetworkIsEditedAndRemovedLikeAnyOther() {
        List<UiCommand> c = commands(new ConfigRow.Subnet("10.20.0.0/24", "9", "floor2", 1, 0, 11L, null, null));
        assertEquals(List.of("rowEditSubnet", "rowRemoveSubnet"), c.stream().map(UiCommand::id).toList());
    }

    @Test
    void sharedNetworkAndReservationOptionsAreEditedAndRemovedWithTheirOwnBits() {
        List<UiCommand> network = commands(new ConfigRow.Option("shared network floor 2", "domain-name-servers", 6, "10.20.0.53"));
        assertEquals(List.of("rowEditOption", "rowRemoveOption"), network.stream().map(UiCommand::id).toList());
        assertEquals(Permission.SCOPE_OPTIONS, network.get(0).needs());
        List<UiCommand> reservation = commands(new ConfigRow.Option("reservation 10.20.0.11", "boot-file-name", null, "pxe.0"));
        assertEquals(List.of("rowEditOption", "rowRemoveOption"), reservation.stream().map(UiCommand::id).toList());
        assertEquals(Permission.EDIT_RESERVATIONS, reservation.get(1).needs());
        assertEquals(List.of(), commands(new ConfigRow.ClientClass("phones", "member('x')", null)), "classes stay read only");
    }

    @Test
    void theScopedOptionFormMakesTheChangeOfItsLevelAndAnEmptyValueRemoves() {
        ScopedOptionForm network = new ScopedOptionForm(ScopedOptionForm.Scope.SHARED_NETWORK, "floor 2", "domain-name-servers", "10.20.0.53");
        assertEquals("network", network.fields().get(0).key());
        network.data.valueProperty().set(" 10.20.0.54 ");
        assertEquals(new KeaChange.SetSharedNetworkOption("floor 2", "domain-name-servers", "10.20.0.54"), network.change());
        network.data.valueProperty().set("");
        assertEquals(new KeaChange.SetSharedNetworkOption("floor 2", "domain-name-servers", null), network.change());

        ScopedOptionForm reservation = new ScopedOptionForm(ScopedOptionForm.Scope.RESERVATION, "10.20.0.11", "boot-file-name", "pxe.0");
        assertEquals("reservation", reservation.fields().get(0).key());
        assertEquals(new KeaChange.SetReservationOption("10.20.0.11", "boot-file-name", "pxe.0"), reservation.change());
        reservation.name.valueProperty().set("Boot File");
        assertNotNull(reservation.problem(reservation.name), "an option name is checked before any server is asked");
        reservation.fields().get(0).valueProperty().set(" ");
        assertNotNull(reservation.problem(reservation.fields().get(0)));
    }

    @Test
    void aSharedNetworkRowIsEditedOrRemovedWithOrWithoutItsSubnets() {
        List<UiCommand> c = commands(new ConfigRow.SharedNetwork("floor2", List.of("10.20.0.0/24"), null));
        assertEquals(List.of("rowEditSharedNetwork", "rowRemoveSharedNetwork", "rowRemoveSharedNetworkAndSubnets"),
                c.stream().map(UiCommand::id).toList());
        assertEquals(List.of("Edit…", "Remove, keep subnets…", "Remove with its subnets…"), c.stream().map(UiCommand::label).toList());
        // the bits of the same changes on a subnet
        assertEquals(List.of(Permission.SCOPE_OPTIONS, Permission.ADD_SCOPE, Permission.ADD_SCOPE),
                c.stream().map(UiCommand::needs).toList());
    }

    @Test
    void theSharedNetworkFormStartsFromTheNetworkAndSendsOnlyWhatChanged() throws Exception {
        SharedNetworkEditForm form = new SharedNetworkEditForm("floor2");
        form.configurationRead(new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"Dhcp4": {"shared-networks": [{"name": "floor2", "valid-lifetime": 3600, "interface": "eth1",
                  "relay": {"ip-addresses": ["10.20.0.254"]}, "user-context": {"comment": "second floor"}}]}}"""));
        java.util.Map<String, ChangeField> f = new java.util.HashMap<>();
        form.fields().forEach(x -> f.put(x.key(), x));
        assertEquals("3600", f.get("valid-lifetime").value());
        assertEquals("10.20.0.254", f.get("relay").value());
        assertEquals("second floor", f.get("comment").value());
        assertEquals(new tandem.kea.change.SharedNetworks.EditSharedNetwork("floor2", java.util.Map.of()), form.change(),
                "nothing changed, nothing sent");
        f.get("valid-lifetime").valueProperty().set("1800");
        f.get("relay").valueProperty().set("10.20.0.253 ,10.20.0.252");
        f.get("interface").valueProperty().set("");
        var p = ((tandem.kea.change.SharedNetworks.EditSharedNetwork) form.change()).parameters();
        assertEquals(java.util.Set.of("valid-lifetime", "relay", "interface"), p.keySet());
        assertEquals(1800, p.get("valid-lifetime").asInt());
        assertEquals("{\"ip-addresses\":[\"10.20.0.253\",\"10.20.0.252\"]}", p.get("relay").toString());
        assertTrue(p.get("interface").isNull(), "blank: not set at this level");

        f.get("renew-timer").valueProperty().set("-5");
        assertNotNull(form.problem(f.get("renew-timer")));
        f.get("relay").valueProperty().set("2001:db8::1");
        assertTrue(form.problem(f.get("relay")).contains("IPv6"), form.problem(f.get("relay")));
        form.useService(tandem.core.ServiceType.DHCPV6);
        assertNull(form.problem(f.get("relay")), "an IPv6 relay in a DHCPv6 network");
        f.get("interface").valueProperty().set("eth 1");
        assertNotNull(form.problem(f.get("interface")));
    }
}
