package tandem.ui.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.services.Services;
import tandem.ui.BackgroundTasks;
import tandem.ui.MessageKind;
import tandem.ui.windows.AddWindowsServerViewModel.Field;
import tandem.windows.sim.WindowsLab;

/**
 * Add Windows server against the simulator through real SSH, without JavaFX's toolkit: fields checked at their
 * place, the host key shown and trusted, the relationship imported, then its partner added with its own password.
 */
class AddWindowsServerViewModelTest {
    @TempDir Path dir;
    WindowsLab lab;
    Services services;
    final List<String> added = new ArrayList<>();
    AddWindowsServerViewModel vm;

    @BeforeEach
    void lab() throws Exception {
        lab = WindowsLab.start(dir.resolve("lab"), "dhcp1", "dhcp2");
        assertEquals(0, lab.ps("dhcp1", "Add-DhcpServerv4Scope -Name s1 -StartRange 10.1.0.10 -EndRange 10.1.0.200 -SubnetMask 255.255.255.0").exitCode());
        assertEquals(0, lab.ps("dhcp1", "Add-DhcpServerv4Failover -Name fo1 -PartnerServer dhcp2 -ScopeId 10.1.0.0").exitCode());
        services = Services.open(dir.resolve("data"));
        vm = new AddWindowsServerViewModel(services.inventory(), BackgroundTasks.direct(), added::add);
    }

    @AfterEach
    void stop() {
        services.close();
        lab.close();
    }

    private void login(String name) {
        WindowsLab.Server s = lab.server(name);
        vm.value(Field.HOST).set(s.host());
        vm.value(Field.PORT).set(String.valueOf(s.port()));
        vm.value(Field.NAME).set(name);
    }

    @Test
    void aSiteIsCheckedAtItsFieldThenStoredWithTheServerAndOfferedAfterwards() {
        WindowsLab.Server one = lab.server("dhcp1");
        login("dhcp1");
        vm.value(Field.PASSWORD).set(one.password());
        vm.value(Field.HOST_KEY).set(one.hostKeyFingerprint());
        vm.site().textProperty().set("Branch\n7");
        vm.add();
        assertTrue(vm.site().problemProperty().get().contains("control character"), vm.site().problemProperty().get());
        assertTrue(added.isEmpty());
        assertTrue(services.inventory().servers().isEmpty(), "the server was not contacted nor stored");

        vm.site().textProperty().set(" Branch 7 ");
        assertNull(vm.site().problemProperty().get(), "a new entry clears the message");
        vm.add();
        assertEquals(List.of("dhcp1"), added, vm.messageProperty().get());
        assertEquals("Branch 7", services.inventory().server("dhcp1").orElseThrow().site());

        AddWindowsServerViewModel next = new AddWindowsServerViewModel(services.inventory(), BackgroundTasks.direct(), n -> { });
        assertEquals(List.of("Branch 7"), List.copyOf(next.site().offered()), "the sites in use are offered");
    }

    @Test
    void addsTheServerAfterItsHostKeyIsTrustedThenItsPartnerWithItsOwnPassword() {
        WindowsLab.Server one = lab.server("dhcp1");
        login("dhcp1");
        vm.value(Field.PORT).set("70000");
        vm.add();
        assertNotNull(vm.problem(Field.PORT).get());
        assertEquals("Enter the password: failover changes act on the partner, which needs it", vm.problem(Field.PASSWORD).get());
        assertTrue(added.isEmpty());

        login("dhcp1");
        vm.value(Field.PASSWORD).set(one.password());
        vm.testConnection();
        assertEquals(one.hostKeyFingerprint(), vm.value(Field.HOST_KEY).get(), "the unknown key is shown to compare");
        assertNotNull(vm.problem(Field.HOST_KEY).get());
        vm.testConnection();
        assertEquals(MessageKind.SUCCESS, vm.kindProperty().get(), vm.messageProperty().get());
        assertTrue(vm.messageProperty().get().contains("DhcpServer module"), vm.messageProperty().get());

        vm.add();
        assertEquals(List.of("dhcp1"), added, vm.messageProperty().get());
        assertTrue(vm.notes().stream().anyMatch(n -> n.contains("until it is added itself")), vm.notes().toString());
        assertEquals(List.of("dhcp2.lab.test"), vm.partnersToAdd());
        assertEquals("dhcp1", vm.sameLoginAsProperty().get());

        vm.addPartner("dhcp2.lab.test");
        assertEquals("dhcp2.lab.test", vm.value(Field.HOST).get());
        assertTrue(vm.sameLoginProperty().get());
        assertFalse(vm.addedProperty().get());
        // the simulated partner listens on its own loopback port, with its own key and password
        WindowsLab.Server two = lab.server("dhcp2");
        login("dhcp2");
        vm.value(Field.HOST_KEY).set(two.hostKeyFingerprint());
        vm.add();
        assertEquals(List.of("dhcp1"), added, "dhcp1's password does not open dhcp2");
        assertEquals(MessageKind.ERROR, vm.kindProperty().get());
        assertFalse(vm.messageProperty().get().contains(one.password()));

        vm.sameLoginProperty().set(false);
        vm.value(Field.PASSWORD).set(two.password());
        vm.add();
        assertEquals(List.of("dhcp1", "dhcp2"), added, vm.messageProperty().get());
        assertTrue(vm.notes().stream().anyMatch(n -> n.contains("fo1 is already in the inventory through dhcp1")), vm.notes().toString());
        assertTrue(vm.partnersToAdd().isEmpty());
        assertNull(vm.problem(Field.PASSWORD).get());
    }
}
