package tandem.ui.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import tandem.isc.DhcpdConfig;

/** The dhcpd row edit dialog's state: prefilled from the file, a problem at its field, nothing-changes said above. */
class RowEditViewModelTest {
    private static DhcpdConfig config() throws Exception {
        return DhcpdConfig.parse("/etc/dhcp/dhcpd.conf", String.join("\n",
                "option domain-name \"example.org\";",
                "subnet 10.0.0.0 netmask 255.255.255.0 { option routers 10.0.0.1; range 10.0.0.10 10.0.0.20; }",
                "host printer { hardware ethernet 00:11:22:33:44:55; fixed-address 10.0.0.5; }", ""));
    }

    @Test
    void aProblemIsShownAtItsFieldAndClearedByTyping() throws Exception {
        RowEditViewModel vm = RowEditViewModel.forHost(config(), "printer");
        assertEquals("00:11:22:33:44:55", vm.field("hardware").value().get());
        vm.field("hardware").value().set("00:11:22");
        assertNull(vm.preview());
        assertEquals("Enter a MAC address such as 02:00:00:00:00:01 (got \"00:11:22\")", vm.field("hardware").problemProperty().get());
        assertEquals("", vm.messageProperty().get());
        vm.field("hardware").value().set("00:11:22:33:44:56");
        assertNull(vm.field("hardware").problemProperty().get());
        assertNotNull(vm.preview());
    }

    @Test
    void valuesAsReadChangeNothingAndSaySo() throws Exception {
        RowEditViewModel subnet = RowEditViewModel.forSubnet(config(), "10.0.0.0/24");
        assertEquals("10.0.0.1", subnet.field("routers").value().get());
        assertNull(subnet.preview());
        assertEquals("Nothing changes: the file already says this", subnet.messageProperty().get());
        RowEditViewModel option = RowEditViewModel.forOption(config(), "global", "domain-name", "\"example.org\"");
        option.field("value").value().set("corp.example.org");
        assertEquals("+option domain-name \"corp.example.org\";", option.preview().change().unifiedDiff().lines()
                .filter(l -> l.startsWith("+o")).findFirst().orElseThrow());
    }
}
