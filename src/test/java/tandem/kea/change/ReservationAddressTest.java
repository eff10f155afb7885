package tandem.kea.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Kea backend applies the same address rules as the forms and the command line: a change that reaches it by
 * another way (an older journal, a replay) is refused at its field too.
 */
class ReservationAddressTest {
    private static ChangeRefused refused(KeaChange change) {
        ObjectNode config = KeaChangeTest.config();
        ObjectNode before = config.deepCopy();
        ChangeRefused e = assertThrows(ChangeRefused.class, () -> change.applyTo(config));
        assertEquals(before, config, "a refused change leaves the configuration as it was");
        return e;
    }

    @Test
    void theBroadcastAndNetworkAddressesAndLeadingZerosAreRefused() {
        ChangeRefused broadcast = refused(new KeaChange.AddReservation("10.10.1.0/24", "02:00:00:00:00:02", "10.10.1.255", null));
        assertEquals("ip", broadcast.field());
        assertEquals("10.10.1.255 is the broadcast address of 10.10.1.0/24; no client can be given it", broadcast.getMessage());

        ChangeRefused network = refused(new KeaChange.AddReservation("10.10.1.0/24", "02:00:00:00:00:02", "10.10.1.0", null));
        assertEquals("10.10.1.0 is the network address of 10.10.1.0/24; no client can be given it", network.getMessage());

        ChangeRefused zeros = refused(new KeaChange.AddReservation("10.10.1.0/24", "02:00:00:00:00:02", "010.010.001.009", null));
        assertEquals("ip", zeros.field());
        assertEquals("010.010.001.009 is not an IPv4 address: write each number without leading zeros, e.g. 10.10.1.9",
                zeros.getMessage());

        ObjectNode config = KeaChangeTest.config();
        new KeaChange.AddReservation("10.10.1.0/24", "02:00:00:00:00:02", "10.10.1.254", null).applyTo(config);
        assertEquals("10.10.1.254", config.at("/Dhcp4/subnet4/1/reservations/0/ip-address").asText());
    }

    @Test
    void subnetIdsOutsideKeasRangeAreRefusedAndLargeOnesKept() {
        assertEquals("id", refused(new KeaChange.AddSubnet("10.10.9.0/24", 0L, List.of())).field());
        assertEquals("id", refused(new KeaChange.AddSubnet("10.10.9.0/24", 4294967295L, List.of())).field());
        ObjectNode config = KeaChangeTest.config();
        new KeaChange.AddSubnet("10.10.9.0/24", 3000000000L, List.of()).applyTo(config);
        assertEquals(3000000000L, config.at("/Dhcp4/subnet4/2/id").asLong());
    }

    @Test
    void aNetworkWithHostBitsIsRefusedWithTheNetworkMeant() {
        ChangeRefused e = refused(new KeaChange.AddSubnet("10.10.9.7/24", null, List.of()));
        assertEquals("subnet", e.field());
        assertEquals("10.10.9.7/24 is not an IPv4 network: its host bits are set (the network is 10.10.9.0/24)", e.getMessage());
    }
}
