package tandem.kea.change;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tandem.core.access.Need;
import tandem.core.access.Permission;

/** Editing a reservation, and removing one by any Kea host identifier, in a subnet or among the global ones. */
class ReservationEditTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBNET = "10.10.0.0/24";

    /** As config-get renders it: client-id, circuit-id and flex-id in upper-case hex without separators. */
    static ObjectNode config() {
        try {
            return (ObjectNode) JSON.readTree("""
                {"Dhcp4": {
                  "reservations": [
                    {"hw-address": "02:00:00:00:0a:01", "ip-address": "10.99.0.1", "hostname": "global-a"},
                    {"client-id": "01020000000A02", "ip-address": "10.99.0.2"}],
                  "subnet4": [
                    {"id": 1, "subnet": "10.10.0.0/24", "pools": [{"pool": "10.10.0.100 - 10.10.0.200"}],
                     "reservations": [
                       {"hw-address": "02:00:00:00:00:01", "ip-address": "10.10.0.10", "hostname": "pc-1"},
                       {"client-id": "01020000000002", "ip-address": "10.10.0.20", "hostname": "printer",
                        "option-data": [{"name": "routers", "data": "10.10.0.1"}]},
                       {"circuit-id": "706F72742D37", "ip-address": "10.10.0.30"},
                       {"flex-id": "0A0B0C", "ip-address": "10.10.0.40"}]}]}}""");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode config6() {
        try {
            return (ObjectNode) JSON.readTree("""
                {"Dhcp6": {"subnet6": [
                    {"id": 1, "subnet": "2001:db8:1::/64",
                     "reservations": [
                       {"duid": "00:03:00:01:02:00:00:00:00:01", "ip-addresses": ["2001:db8:1::10"]},
                       {"flex-id": "0A0B0C", "ip-addresses": ["2001:db8:1::20"], "prefixes": ["2001:db9:1::/56"]}]}]}}""");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeaChange.EditReservation edit(String subnet, String type, String id, String ip, String hostname) {
        return new KeaChange.EditReservation(subnet, type, id, ip == null ? List.of() : List.of(ip), List.of(), hostname);
    }

    private static JsonNode reservation(ObjectNode config, String subnet, int i) {
        return subnet == null ? KeaConfigJson.root(config).path("reservations").path(i)
                : KeaConfigJson.subnet(config, subnet).orElseThrow().path("reservations").path(i);
    }

    static Stream<KeaChange> changes() {
        return Stream.of(
                edit(SUBNET, "hw-address", "02-00-00-00-00-01", "10.10.0.11", "pc-one"),
                edit(SUBNET, "client-id", "01:02:00:00:00:00:02", "10.10.0.21", null),
                edit(SUBNET, "circuit-id", "'port-7'", "10.10.0.31", "switch-port"),
                edit(SUBNET, "flex-id", "0a0b0c", null, "no-address"),
                edit(null, "client-id", "01020000000a02", "10.99.0.22", "global-b"),
                KeaChange.RemoveReservation.of(SUBNET, "client-id", "01:02:00:00:00:00:02"),
                KeaChange.RemoveReservation.of(SUBNET, "circuit-id", "'port-7'"),
                KeaChange.RemoveReservation.of(SUBNET, "flex-id", "0A0B0C"),
                KeaChange.RemoveReservation.of(null, "hw-address", "02:00:00:00:0a:01"),
                KeaChange.RemoveReservation.of(null, "client-id", "01020000000A02"));
    }

    @ParameterizedTest
    @MethodSource("changes")
    void eachChangeIsUndoneByItsInverseAndSurvivesTheJournal(KeaChange change) throws Exception {
        ObjectNode before = config();
        ObjectNode after = change.appliedTo(before);
        assertNotEquals(before, after, change.describe());
        ObjectNode restored = change.inverse(before).appliedTo(after);
        assertEquals(JSON.readTree(KeaConfigJson.canonical(before)), JSON.readTree(KeaConfigJson.canonical(restored)),
                change.describe());
        assertEquals(change, KeaChangeService.fromJson(KeaChangeService.toJson(change)));
        assertEquals(config(), before, "applying works on a copy");
    }

    @Test
    void anEditReplacesAddressAndHostNameKeepingTheClientItsOptionsAndItsPlace() {
        ObjectNode before = config();
        ObjectNode after = edit(SUBNET, "client-id", "01:02:00:00:00:00:02", "10.10.0.21", "printer-2").appliedTo(before);
        JsonNode r = reservation(after, SUBNET, 1);
        assertEquals("01020000000002", r.path("client-id").asText());
        assertEquals("10.10.0.21", r.path("ip-address").asText());
        assertEquals("printer-2", r.path("hostname").asText());
        assertEquals("10.10.0.1", r.path("option-data").path(0).path("data").asText());
        assertEquals(4, KeaConfigJson.subnet(after, SUBNET).orElseThrow().path("reservations").size());
        String diff = ConfigDiff.unified("server1", before, after);
        assertTrue(diff.contains("-") && diff.contains("\"10.10.0.20\"") && diff.contains("\"10.10.0.21\""), diff);
        assertTrue(diff.contains("\"printer-2\""), diff);
        assertTrue(diff.lines().noneMatch(l -> (l.startsWith("-") || l.startsWith("+")) && l.contains("client-id")),
                "the identifier does not change: " + diff);
        // an emptied host name is removed
        assertFalse(reservation(edit(SUBNET, "client-id", "01020000000002", "10.10.0.20", null).appliedTo(before), SUBNET, 1)
                .has("hostname"));
    }

    @Test
    void theInverseIsTheEditBackAndLeavesTheRestOfTheSubnetAlone() {
        ObjectNode before = config();
        KeaChange change = edit(SUBNET, "hw-address", "02:00:00:00:00:01", "10.10.0.11", null);
        assertEquals(edit(SUBNET, "hw-address", "02:00:00:00:00:01", "10.10.0.10", "pc-1"), change.inverse(before));
        ObjectNode after = change.appliedTo(before);
        // another change in the same subnet meanwhile survives the undo
        ObjectNode later = new KeaChange.AddReservation(SUBNET, "02:00:00:00:00:09", "10.10.0.90", null).appliedTo(after);
        ObjectNode undone = change.inverse(before).appliedTo(later);
        assertEquals("10.10.0.10", reservation(undone, SUBNET, 0).path("ip-address").asText());
        assertEquals("pc-1", reservation(undone, SUBNET, 0).path("hostname").asText());
        assertEquals(5, KeaConfigJson.subnet(undone, SUBNET).orElseThrow().path("reservations").size());
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(edit(SUBNET, "hw-address", "02:00:00:00:00:01", "10.10.1.5", null), "ip", "not within subnet"),
                Arguments.of(edit(SUBNET, "hw-address", "02:00:00:00:00:01", "10.10.0.255", null), "ip", "broadcast address"),
                Arguments.of(edit(SUBNET, "hw-address", "02:00:00:00:00:01", "10.10.0.20", null), "ip",
                        "already reserved for client-id 01020000000002"),
                Arguments.of(edit(SUBNET, "hw-address", "02:00:00:00:00:01", "10.10.0.300", null), "ip", "not an IPv4 address"),
                Arguments.of(edit(SUBNET, "hw-address", "02:00:00:00:00:01", "10.10.0.11", "bad_name!"), "hostname", "not a valid host name"),
                Arguments.of(edit(SUBNET, "hw-address", "02:00:00:00:00:01", "10.10.0.10", "pc-1"), "ip", "nothing to change"),
                Arguments.of(edit(SUBNET, "client-id", "01:ff", "10.10.0.11", null), "identifier", "has no reservation for client-id 01:ff"),
                Arguments.of(edit(SUBNET, "client-id", "zz", "10.10.0.11", null), "identifier", "write it in hex"),
                Arguments.of(edit(SUBNET, "remote-id", "01", "10.10.0.11", null), "identifier", "must be one of"),
                Arguments.of(edit("10.20.0.0/24", "hw-address", "02:00:00:00:00:01", "10.20.0.5", null), "subnet", "There is no subnet"),
                Arguments.of(new KeaChange.EditReservation(SUBNET, "hw-address", "02:00:00:00:00:01",
                        List.of("10.10.0.11", "10.10.0.12"), List.of(), null), "ip", "holds one address"),
                Arguments.of(new KeaChange.EditReservation(SUBNET, "hw-address", "02:00:00:00:00:01",
                        List.of("10.10.0.11"), List.of("2001:db8::/56"), null), "prefix", "for DHCPv6"),
                Arguments.of(edit(null, "hw-address", "02:00:00:00:0a:01", "10.99.0.2", null), "ip", "already reserved for client-id"),
                Arguments.of(edit(null, "hw-address", "02:00:00:00:00:01", "10.99.0.9", null), "identifier", "no global reservation"),
                Arguments.of(KeaChange.RemoveReservation.of(null, "flex-id", "0a0b0c"), "identifier", "no global reservation"),
                Arguments.of(KeaChange.RemoveReservation.of(SUBNET, "client-id", "0102"), "identifier", "has no reservation"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void badEditsAndRemovalsAreRefusedAtTheirField(KeaChange change, String field, String message) {
        ObjectNode config = config();
        ChangeRefused e = assertThrows(ChangeRefused.class, () -> change.appliedTo(config));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertEquals(config(), config);
    }

    @Test
    void aGlobalReservationIsEditedAnywhereAndItsRemovalIsUndoneByTheGlobalListAsItWas() {
        ObjectNode before = config();
        ObjectNode edited = edit(null, "hw-address", "02:00:00:00:0a:01", "192.168.7.7", "global-a").appliedTo(before);
        assertEquals("192.168.7.7", reservation(edited, null, 0).path("ip-address").asText());
        ObjectNode once = KeaChange.RemoveReservation.of(null, "hw-address", "02:00:00:00:0a:01").appliedTo(before);
        ObjectNode none = KeaChange.RemoveReservation.of(null, "client-id", "01020000000a02").appliedTo(once);
        assertFalse(KeaConfigJson.root(none).has("reservations"), "the emptied global list goes: " + none);
        KeaChange undo = KeaChange.RemoveReservation.of(null, "client-id", "01020000000a02").inverse(once);
        assertInstanceOf(KeaChange.RestoreGlobalReservations.class, undo);
        assertEquals(once, undo.appliedTo(none));
        assertEquals("Remove the reservation of client-id 01020000000a02 (global)",
                KeaChange.RemoveReservation.of(null, "client-id", "01020000000a02").describe());
    }

    @Test
    void aMacOrDuidRemovalNamedByItsTypeIsTheOneTheCommandLineMakesAndOldJournalEntriesStillRead() {
        assertEquals(new KeaChange.RemoveReservation(SUBNET, "02:00:00:00:00:01"),
                KeaChange.RemoveReservation.of(SUBNET, "hw-address", "02:00:00:00:00:01"));
        assertEquals(new KeaChange.RemoveReservation("2001:db8:1::/64", null, "00:03:00:01:02:00:00:00:00:01"),
                KeaChange.RemoveReservation.of("2001:db8:1::/64", "duid", "00:03:00:01:02:00:00:00:00:01"));
        KeaChange old = KeaChangeService.fromJson(
                "{\"type\":\"reservation-remove\",\"subnet\":\"10.10.0.0/24\",\"mac\":\"02:00:00:00:00:01\",\"duid\":null}");
        assertEquals(new KeaChange.RemoveReservation(SUBNET, "02:00:00:00:00:01"), old);
        assertEquals("Remove the reservation of 02:00:00:00:00:01 in subnet 10.10.0.0/24", old.describe());
    }

    @Test
    void dhcp6AddressesAndPrefixesAreEditedWithinTheSubnetAndClientIdIsRefused() {
        ObjectNode before = config6();
        ObjectNode after = new KeaChange.EditReservation("2001:db8:1::/64", "flex-id", "0a:0b:0c",
                List.of("2001:db8:1:0::21", "2001:db8:1::22"), List.of("2001:db9:2::/56"), "cam").appliedTo(before);
        JsonNode r = reservation(after, "2001:db8:1::/64", 1);
        assertEquals("[\"2001:db8:1::21\",\"2001:db8:1::22\"]", r.path("ip-addresses").toString());
        assertEquals("[\"2001:db9:2::/56\"]", r.path("prefixes").toString());
        assertEquals("cam", r.path("hostname").asText());
        ChangeRefused taken = assertThrows(ChangeRefused.class, () -> new KeaChange.EditReservation("2001:db8:1::/64",
                "flex-id", "0a0b0c", List.of("2001:db8:1::10"), List.of(), null).appliedTo(before));
        assertEquals("ip", taken.field());
        assertTrue(taken.getMessage().contains("already reserved for DUID"), taken.getMessage());
        ChangeRefused outside = assertThrows(ChangeRefused.class, () -> new KeaChange.EditReservation("2001:db8:1::/64",
                "duid", "00:03:00:01:02:00:00:00:00:01", List.of("2001:db8:2::1"), List.of(), null).appliedTo(before));
        assertTrue(outside.getMessage().contains("not within subnet"), outside.getMessage());
        ChangeRefused v4only = assertThrows(ChangeRefused.class,
                () -> KeaChange.RemoveReservation.of("2001:db8:1::/64", "client-id", "0102").appliedTo(before));
        assertTrue(v4only.getMessage().contains("identifies DHCPv4 clients"), v4only.getMessage());
        KeaChange undo = new KeaChange.EditReservation("2001:db8:1::/64", "flex-id", "0a0b0c", List.of(), List.of(), null)
                .inverse(before);
        assertEquals(new KeaChange.EditReservation("2001:db8:1::/64", "flex-id", "0a0b0c", List.of("2001:db8:1::20"),
                List.of("2001:db9:1::/56"), null), undo);
    }

    @Test
    void onRunningServersAnEditIsOneReservationUpdateAndAnotherIdentifierIsDeletedByItsType() {
        ObjectNode before = config();
        ObjectNode edited = edit(SUBNET, "client-id", "01020000000002", "10.10.0.21", "printer").appliedTo(before);
        List<SubnetCommands.Command> plan = SubnetCommands.plan(tandem.core.ServiceType.DHCPV4,
                SubnetCommands.subnet(before, 1), SubnetCommands.subnet(edited, 1));
        assertEquals(1, plan.size(), plan.toString());
        assertEquals("reservation-update", plan.get(0).name());
        assertEquals("10.10.0.21", plan.get(0).arguments().path("reservation").path("ip-address").asText());
        ObjectNode removed = KeaChange.RemoveReservation.of(SUBNET, "flex-id", "0a0b0c").appliedTo(before);
        plan = SubnetCommands.plan(tandem.core.ServiceType.DHCPV4, SubnetCommands.subnet(before, 1), SubnetCommands.subnet(removed, 1));
        assertEquals("[reservation-del]", plan.stream().map(SubnetCommands.Command::name).toList().toString());
        assertEquals("flex-id", plan.get(0).arguments().path("identifier-type").asText());
        // a global reservation reaches beyond the subnets: it goes through config-set
        KeaChange global = edit(null, "hw-address", "02:00:00:00:0a:01", "10.99.0.9", null);
        assertNull(KeaHotChange.subnetOf(global));
        assertTrue(SubnetCommands.touched(before, global.appliedTo(before), null).isEmpty());
    }

    @Test
    void aGlobalReservationNeedsTheBitForTheWholeServerAndOneInASubnetTheBitForThatSubnet() {
        assertEquals(List.of(new Need(Permission.EDIT_RESERVATIONS, "rel", null)),
                KeaChangeNeeds.of("rel", edit(null, "hw-address", "02:00:00:00:0a:01", "10.99.0.9", null)));
        assertEquals(List.of(new Need(Permission.EDIT_RESERVATIONS, "rel", SUBNET)),
                KeaChangeNeeds.of("rel", edit(SUBNET, "hw-address", "02:00:00:00:00:01", "10.10.0.9", null)));
        assertEquals(List.of(new Need(Permission.EDIT_RESERVATIONS, "rel", null)),
                KeaChangeNeeds.of("rel", new KeaChange.RestoreGlobalReservations(null)));
    }
}
