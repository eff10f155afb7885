package tandem.ui.kea;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tandem.core.ServiceType;
import tandem.core.config.ConfigRow;
import tandem.kea.KeaConfigTables;
import tandem.kea.change.KeaChange;

/**
 * Every reservation row of the configuration tables, whatever Kea host identifier it has and global ones too, names
 * the removal and the edit of exactly that reservation.
 */
class ReservationRowsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode config() throws Exception {
        return (ObjectNode) JSON.readTree("""
            {"Dhcp4": {
              "reservations": [{"client-id": "01020000000C01", "ip-address": "192.168.77.1", "hostname": "global-client"}],
              "subnet4": [{"id": 1, "subnet": "10.10.0.0/24", "reservations": [
                 {"hw-address": "02:00:00:00:00:01", "ip-address": "10.10.0.10", "hostname": "pc-1"},
                 {"duid": "00:03:00:01:02:00:00:00:00:01", "ip-address": "10.10.0.11"},
                 {"circuit-id": "706F72742D37", "ip-address": "10.10.0.12"},
                 {"client-id": "01020000000002", "ip-address": "10.10.0.13"},
                 {"flex-id": "0A0B0C", "ip-address": "10.10.0.14"}]}],
              "shared-networks": [{"name": "campus", "subnet4": [{"id": 7, "subnet": "10.20.0.0/24",
                 "reservations": [{"hw-address": "02:00:00:00:00:07", "ip-address": "10.20.0.7"}]}]}]}}""");
    }

    private static Map<String, ConfigRow.Reservation> rows(ObjectNode config) {
        return KeaConfigTables.tables("hq", "server1", Instant.EPOCH, config, null).reservations().stream()
                .collect(Collectors.toMap(r -> r.identifier().split(" ")[0] + "@" + r.subnet(), Function.identity(), (a, b) -> a));
    }

    @Test
    void eachIdentifierTypeAndTheGlobalReservationsAreRowsWithTheirType() throws Exception {
        List<ConfigRow.Reservation> all = KeaConfigTables.tables("hq", "server1", Instant.EPOCH, config(), null).reservations();
        assertEquals(7, all.size());
        assertEquals(new ConfigRow.Reservation("global", "client-id 01020000000C01", "192.168.77.1", "global-client", null),
                all.get(0));
        assertEquals(List.of("hw-address", "duid", "circuit-id", "client-id", "flex-id"), all.subList(1, 6).stream()
                .map(r -> r.identifier().split(" ")[0]).toList());
    }

    @Test
    void eachRowsRemovalTakesAwayThatReservationAndNoOther() throws Exception {
        ObjectNode config = config();
        for (ConfigRow.Reservation row : rows(config).values()) {
            if (row.subnet().equals("10.20.0.0/24")) continue;
            KeaChange removal = KeaUi.removeReservation(row).orElseThrow(() -> new AssertionError(row.toString()));
            Map<String, ConfigRow.Reservation> after = rows(removal.appliedTo(config));
            String key = row.identifier().split(" ")[0] + "@" + row.subnet();
            assertFalse(after.containsKey(key) && after.get(key).equals(row), "gone: " + row);
            assertEquals(rows(config).size() - 1, after.size(), removal.describe());
        }
        // a MAC removal is the one the command line makes, so it reads and journals as before
        assertEquals(new KeaChange.RemoveReservation("10.10.0.0/24", "02:00:00:00:00:01", null),
                KeaUi.removeReservation(rows(config).get("hw-address@10.10.0.0/24")).orElseThrow());
    }

    @Test
    void theEditFormStartsFromTheRowAndItsChangeKeepsTheClient() throws Exception {
        ObjectNode config = config();
        ConfigRow.Reservation row = rows(config).get("client-id@global");
        String[] id = KeaUi.reservationOf(row).orElseThrow();
        assertNull(id[0], "a global reservation has no subnet");
        ReservationEditForm form = new ReservationEditForm(id[0], id[1], id[2], row.address(), row.hostname());
        form.useService(ServiceType.DHCPV4);
        assertEquals(List.of(form.ip(), form.hostname()), form.fields());
        assertEquals("192.168.77.1", form.ip().value());
        assertEquals("global-client", form.hostname().value());
        assertTrue(form.hint().contains("client-id 01020000000C01 (global)"), form.hint());
        form.ip().valueProperty().set("10.10.0.300");
        assertTrue(form.problem(form.ip()).startsWith("10.10.0.300 is not an IPv4 address"), form.problem(form.ip()));
        form.ip().valueProperty().set("192.168.77.9");
        form.hostname().valueProperty().set("");
        ObjectNode after = form.change().appliedTo(config);
        ConfigRow.Reservation edited = rows(after).get("client-id@global");
        assertEquals(new ConfigRow.Reservation("global", "client-id 01020000000C01", "192.168.77.9", null, null), edited);

        ConfigRow.Reservation inSubnet = rows(config).get("circuit-id@10.10.0.0/24");
        String[] cid = KeaUi.reservationOf(inSubnet).orElseThrow();
        ReservationEditForm subnetForm = new ReservationEditForm(cid[0], cid[1], cid[2], inSubnet.address(), inSubnet.hostname());
        subnetForm.useService(ServiceType.DHCPV4);
        subnetForm.ip().valueProperty().set("10.10.1.5");
        assertEquals("10.10.1.5 is not within subnet 10.10.0.0/24", subnetForm.problem(subnetForm.ip()));
    }

    @Test
    void aDhcp6RowSplitsItsAddressesFromItsPrefixes() {
        ReservationEditForm form = new ReservationEditForm("2001:db8:1::/64", "duid", "00:01", "2001:db8:1::5, 2001:db8:1::6, 2001:db9:1::/56", "cam");
        form.useService(ServiceType.DHCPV6);
        assertEquals(List.of(form.ip(), form.prefix(), form.hostname()), form.fields());
        assertEquals("2001:db8:1::5, 2001:db8:1::6", form.ip().value());
        assertEquals("2001:db9:1::/56", form.prefix().value());
        form.prefix().valueProperty().set("2001:db9:1::1/56");
        assertTrue(form.problem(form.prefix()).contains("host bits are set"), form.problem(form.prefix()));
        form.prefix().valueProperty().set("");
        KeaChange.EditReservation change = (KeaChange.EditReservation) form.change();
        assertEquals(List.of("2001:db8:1::5", "2001:db8:1::6"), change.addresses());
        assertEquals(List.of(), change.prefixes());
    }

    @Test
    void aRowWhoseIdentifierKeaDidNotNameOffersNothing() {
        assertTrue(KeaUi.reservationOf(new ConfigRow.Reservation("10.10.0.0/24", "unknown", "10.10.0.5", null, null)).isEmpty());
        assertTrue(KeaUi.reservationOf(new ConfigRow.Reservation("shared network x", "hw-address 02:00:00:00:00:01", "", null, null)).isEmpty());
    }
}
