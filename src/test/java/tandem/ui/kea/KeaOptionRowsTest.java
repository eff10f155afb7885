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
}
