package tandem.ui.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tandem.isc.FailoverPeer;
import tandem.ui.BackgroundTasks;
import tandem.ui.isc.AddIscServerViewModel.Field;

/** The console's ISC fields refuse what the command line refuses, with the same words; no server is involved. */
class IscFieldRulesTest {
    private static AddIscServerViewModel vm() {
        AddIscServerViewModel vm = new AddIscServerViewModel(null, BackgroundTasks.direct(), name -> { });
        vm.value(Field.LOGIN).set("admin@127.0.0.1");
        vm.value(Field.PASSWORD).set("secret");
        return vm;
    }

    @Test
    void anOmapiPortOutOfRangeIsRefusedNotReplacedBy7911() {
        for (String port : new String[]{"-5", "0", "65536", "abc", ""}) {
            AddIscServerViewModel vm = vm();
            vm.value(Field.OMAPI_PORT).set(port);
            assertNull(vm.settings(), port);
            assertEquals("Port must be a number from 1 to 65535 (dhcpd's omapi-port)", vm.problem(Field.OMAPI_PORT).get(), port);
        }
        AddIscServerViewModel ok = vm();
        ok.value(Field.OMAPI_PORT).set("7912");
        assertEquals(7912, ok.settings().omapiPort());
    }

    @Test
    void aRestartCommandOrNameWithALineBreakIsRefused() {
        AddIscServerViewModel vm = vm();
        vm.value(Field.RESTART).set("systemctl restart isc-dhcp-server\nrm -rf /");
        vm.value(Field.NAME).set("dhcp\n1");
        assertNull(vm.settings());
        assertEquals("Cannot contain control characters such as a line break", vm.problem(Field.RESTART).get());
        assertEquals("A server name cannot contain control characters such as a line break", vm.problem(Field.NAME).get());
    }

    @Test
    void aFailoverPeerNameWithALineBreakIsRefusedAtTheField() {
        FailoverPeerViewModel vm = new FailoverPeerViewModel(null, List.of());
        vm.value(FailoverPeer.Field.ADDRESS).set("10.0.0.1");
        vm.value(FailoverPeer.Field.PEER_ADDRESS).set("10.0.0.2");
        vm.value(FailoverPeer.Field.NAME).set("fo-pair");
        assertNotNull(vm.peer());
        vm.value(FailoverPeer.Field.NAME).set("fo\npair");
        assertNull(vm.peer());
        assertTrue(vm.problem(FailoverPeer.Field.NAME).get().startsWith("Use 1-63 letters"), vm.problem(FailoverPeer.Field.NAME).get());
    }
}
