package tandem.ui.kea;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import tandem.ui.BackgroundTasks;
import tandem.ui.Fixtures;
import tandem.ui.TestConsole;

/**
 * The console's Kea fields say what the command line says after its option name (e.g. "--ip: ..."), for the
 * issue's examples; a form with such a problem never asks a server (there is no service here to ask).
 */
class FieldRulesTest {
    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage(); // the change dialog's model loads DiffView
    }

    private static ChangeViewModel vm(ChangeForm form) {
        return new ChangeViewModel(form, Fixtures.EAST, "east1", null, BackgroundTasks.direct());
    }

    @Test
    void aReservationRefusesTheBroadcastAndNetworkAddressesAndLeadingZeros() {
        ReservationForm form = new ReservationForm();
        ChangeViewModel vm = vm(form);
        form.subnet().valueProperty().set("10.10.1.0/24");
        form.mac().valueProperty().set("02:00:00:00:00:01");
        form.ip().valueProperty().set("10.10.1.255");
        assertEquals("10.10.1.255 is the broadcast address of 10.10.1.0/24; no client can be given it", form.ip().shownProblem());
        form.ip().valueProperty().set("10.10.1.0");
        assertEquals("10.10.1.0 is the network address of 10.10.1.0/24; no client can be given it", form.ip().shownProblem());
        form.subnet().valueProperty().set("10.0.0.0/24");
        form.ip().valueProperty().set("010.000.000.009");
        assertEquals("010.000.000.009 is not an IPv4 address: write each number without leading zeros, e.g. 10.0.0.9",
                form.ip().shownProblem());
        vm.preview();
        assertFalse(vm.canApplyProperty().get());
        assertEquals("Correct the marked fields first", vm.messageProperty().get());

        form.ip().valueProperty().set("10.0.0.9");
        assertNull(form.ip().shownProblem());
    }

    @Test
    void aSubnetIdAboveTwoToThe31IsKeptNotWrappedAndOneAboveKeasLimitIsRefused() {
        SubnetForm form = new SubnetForm();
        vm(form);
        form.subnet.valueProperty().set("10.20.0.0/24");
        form.id.valueProperty().set("3000000000");
        assertNull(form.id.shownProblem());
        assertEquals(3000000000L, ((tandem.kea.change.KeaChange.AddSubnet) form.change()).id());
        form.id.valueProperty().set("4294967295");
        assertEquals("A subnet id is a number from 1 to 4294967294", form.id.shownProblem());
        form.id.valueProperty().set("-5");
        assertEquals("A subnet id is a number from 1 to 4294967294", form.id.shownProblem());
    }

    @Test
    void theAddServerDisplayNameRefusesALineBreakAsServerAddKeaNameDoes() {
        AddServerViewModel vm = new AddServerViewModel(TestConsole.empty().inventory(), null, BackgroundTasks.direct(), () -> { });
        vm.displayNameProperty().set("east\n1");
        assertEquals("A display name cannot contain control characters such as a line break",
                vm.shownProblem(AddServerViewModel.Field.DISPLAY_NAME));
        vm.caPortProperty().set("-5");
        assertEquals("Port must be a number from 1 to 65535", vm.shownProblem(AddServerViewModel.Field.CA_PORT));
    }
}
