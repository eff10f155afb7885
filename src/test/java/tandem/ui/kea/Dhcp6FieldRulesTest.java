package tandem.ui.kea;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import tandem.core.ServiceType;
import tandem.kea.change.KeaChange;
import tandem.ui.BackgroundTasks;
import tandem.ui.Fixtures;

/** On a DHCPv6 relationship the change forms take IPv6 values, and refuse IPv4 or malformed ones at the field. */
class Dhcp6FieldRulesTest {
    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private static ChangeViewModel vm(ChangeForm form, ServiceType service) {
        return new ChangeViewModel(form, Fixtures.EAST.withService(service), "east1", null, BackgroundTasks.direct());
    }

    @Test
    void aSubnetFormTakesAnIpv6PrefixAndPoolAndRefusesIpv4OrHostBits() {
        SubnetForm form = new SubnetForm();
        ChangeViewModel vm = vm(form, ServiceType.DHCPV6);
        assertEquals("2001:db8:20::/64", form.subnet.prompt());
        form.subnet.valueProperty().set("10.20.0.0/24");
        assertEquals("10.20.0.0/24 is IPv4, but this is a DHCPv6 relationship: give an IPv6 prefix such as 2001:db8:1::/64",
                form.subnet.shownProblem());
        form.subnet.valueProperty().set("2001:db8:20::1/64");
        assertEquals("2001:db8:20::1/64 is not an IPv6 prefix: its host bits are set (the prefix is 2001:db8:20::/64)",
                form.subnet.shownProblem());
        form.subnet.valueProperty().set("2001:db8:20::/64");
        assertNull(form.subnet.shownProblem());
        form.pool.valueProperty().set("2001:db8:21::1 - 2001:db8:21::9");
        assertEquals("Pool 2001:db8:21::1 - 2001:db8:21::9 is not within subnet 2001:db8:20::/64", form.pool.shownProblem());
        form.pool.valueProperty().set("2001:db8:20::100 - 2001:db8:20::1ff");
        assertNull(form.pool.shownProblem());
        assertEquals("2001:db8:20::/64", ((KeaChange.AddSubnet) form.change()).subnet());
        vm.preview(); // valid input: no field is marked (there is no service to ask here)
        assertNotEquals("Correct the marked fields first", vm.messageProperty().get());
    }

    @Test
    void aReservationTakesADuidOrAMacAndAnIpv6AddressInTheSubnet() {
        ReservationForm form = new ReservationForm();
        ChangeViewModel vm = vm(form, ServiceType.DHCPV6);
        assertEquals("MAC address or DUID", form.mac().label());
        form.subnet().valueProperty().set("2001:db8:1::/64");
        form.mac().valueProperty().set("00:03:00:01:zz");
        assertTrue(form.mac().shownProblem().startsWith("00:03:00:01:zz is not a DUID"), form.mac().shownProblem());
        form.mac().valueProperty().set("00:03:00:01:02:00:00:00:00:01");
        assertNull(form.mac().shownProblem());
        form.ip().valueProperty().set("10.0.0.9");
        assertEquals("10.0.0.9 is IPv4, but this is a DHCPv6 relationship: give an IPv6 address such as 2001:db8:1::10",
                form.ip().shownProblem());
        form.ip().valueProperty().set("2001:db8:2::9");
        assertEquals("2001:db8:2::9 is not within subnet 2001:db8:1::/64", form.ip().shownProblem());
        form.ip().valueProperty().set("2001:db8:1::g");
        assertEquals("2001:db8:1::g is not an IPv6 address such as 2001:db8:1::10", form.ip().shownProblem());
        vm.preview();
        assertEquals("Correct the marked fields first", vm.messageProperty().get());
        form.ip().valueProperty().set("2001:db8:1::9");
        assertNull(form.ip().shownProblem());
        KeaChange.AddReservation r = (KeaChange.AddReservation) form.change();
        assertEquals("00:03:00:01:02:00:00:00:00:01", r.duid());
        assertNull(r.mac());
        form.mac().valueProperty().set("02:00:00:00:00:01");
        assertEquals("02:00:00:00:00:01", ((KeaChange.AddReservation) form.change()).mac());
    }

    @Test
    void aDhcp4RelationshipStillRefusesIpv6Values() {
        PoolForm form = new PoolForm();
        vm(form, ServiceType.DHCPV4);
        form.subnet.valueProperty().set("10.10.0.0/24");
        form.pool.valueProperty().set("2001:db8:1::1 - 2001:db8:1::9");
        assertEquals("2001:db8:1::1 - 2001:db8:1::9 is IPv6, but this is a DHCPv4 relationship: give an IPv4 pool"
                + " such as 10.0.0.100 - 10.0.0.200", form.pool.shownProblem());
    }
}
