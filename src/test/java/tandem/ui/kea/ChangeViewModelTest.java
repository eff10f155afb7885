package tandem.ui.kea;

import tandem.ui.BackgroundTasks;
import tandem.ui.DiffView;
import tandem.ui.Fixtures;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** The change forms' checks as the administrator types; nothing here reaches a server. */
class ChangeViewModelTest {
    /** DiffView is a control: loading it needs the toolkit, whichever test class happens to run first. */
    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    /** No service: a form with a problem must never get as far as asking one. */
    private static ChangeViewModel vm(ChangeForm form) {
        return new ChangeViewModel(form, Fixtures.EAST, "east1", null, BackgroundTasks.direct());
    }

    @Test
    void aReservationIsCheckedFieldByFieldOnceTyped() {
        ReservationForm form = new ReservationForm();
        ChangeViewModel vm = vm(form);
        assertNull(form.ip().shownProblem(), "nothing is said before the field was touched");
        form.subnet().valueProperty().set("10.10.0.0/24");
        form.ip().valueProperty().set("10.99.0.5");
        assertEquals("10.99.0.5 is not within subnet 10.10.0.0/24", form.ip().shownProblem());
        form.ip().valueProperty().set("10.10.0.300");
        assertEquals("10.10.0.300 is not an IPv4 address", form.ip().shownProblem());
        form.mac().valueProperty().set("02:00:00:00:01");
        assertEquals("MAC address must look like 02:00:00:00:00:01", form.mac().shownProblem());
        form.hostname().valueProperty().set("bad_name");
        assertEquals("bad_name is not a valid host name", form.hostname().shownProblem());

        vm.preview();
        assertEquals("Correct the marked fields first", vm.messageProperty().get());
        assertFalse(vm.canApplyProperty().get());
        assertTrue(vm.diff().isEmpty());

        form.ip().valueProperty().set("10.10.0.61");
        form.mac().valueProperty().set("02-BB-00-00-00-61");
        form.hostname().valueProperty().set("printer-61");
        for (ChangeField f : form.fields()) assertNull(f.shownProblem(), f.key());
    }

    @Test
    void aMissingFieldIsNamedWhenPreviewIsAsked() {
        ReservationForm form = new ReservationForm();
        ChangeViewModel vm = vm(form);
        vm.preview();
        assertEquals("Enter the client's MAC address", form.mac().shownProblem());
        assertEquals("Enter the IP address to reserve", form.ip().shownProblem());
        assertNull(form.hostname().shownProblem(), "optional");
    }

    @Test
    void subnetsPoolsAndOptionsAreCheckedToo() {
        SubnetForm subnet = new SubnetForm();
        vm(subnet);
        subnet.subnet.valueProperty().set("10.20.0.1/24");
        assertEquals("10.20.0.1/24 is not an IPv4 network: its host bits are set (the network is 10.20.0.0/24)", subnet.subnet.shownProblem());
        subnet.subnet.valueProperty().set("10.20.0.0/24");
        subnet.pool.valueProperty().set("10.20.1.10 - 10.20.1.20");
        assertEquals("Pool 10.20.1.10 - 10.20.1.20 is not within subnet 10.20.0.0/24", subnet.pool.shownProblem());
        subnet.id.valueProperty().set("0");
        assertEquals("A subnet id is a number from 1 to 4294967294", subnet.id.shownProblem());

        PoolForm pool = new PoolForm();
        vm(pool);
        pool.subnet.valueProperty().set("10.10.0.0/24");
        pool.pool.valueProperty().set("10.10.0.200 - 10.10.0.100");
        assertEquals("10.10.0.200 - 10.10.0.100 is not a pool such as 10.10.0.100 - 10.10.0.200", pool.pool.shownProblem());

        OptionForm option = new OptionForm();
        vm(option);
        option.name.valueProperty().set("Domain Name");
        assertNotNull(option.name.shownProblem());
        option.name.valueProperty().set("domain-name-servers");
        assertNull(option.name.shownProblem());
    }

    @Test
    void diffLinesAreStyledByTheirMark() {
        assertEquals("diff-file", DiffView.styleOf("+++ server1 (after)"));
        assertEquals("diff-hunk", DiffView.styleOf("@@ -1,3 +1,4 @@"));
        assertEquals("diff-added", DiffView.styleOf("+  \"ip-address\" : \"10.10.0.61\""));
        assertEquals("diff-removed", DiffView.styleOf("-  },"));
        assertNull(DiffView.styleOf("   \"subnet\" : \"10.10.0.0/24\""));
    }
}
