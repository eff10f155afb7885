package tandem.kea.change;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tandem.core.access.Need;
import tandem.core.access.Permission;

/**
 * Changes of subnets inside a shared network, and of the options of a shared network and of a reservation: made
 * where they live, previewed as a diff, refused at their field, and undone exactly.
 */
class KeaSharedNetworkChangeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode config() {
        try {
            return (ObjectNode) JSON.readTree("""
                {"Dhcp4": {
                  "reservations": [{"hw-address": "02:00:00:00:00:99", "ip-address": "10.99.0.9"},
                                   {"hw-address": "02:00:00:00:00:98", "ip-address": "10.20.0.50"}],
                  "subnet4": [
                    {"id": 1, "subnet": "10.10.0.0/24", "pools": [{"pool": "10.10.0.100 - 10.10.0.200"}],
                     "reservations": [{"hw-address": "02:00:00:00:00:01", "ip-address": "10.10.0.10"}]}],
                  "shared-networks": [
                    {"name": "floor1", "subnet4": [{"id": 5, "subnet": "10.15.0.0/24"}]},
                    {"name": "floor2", "option-data": [{"name": "domain-name-servers", "data": "10.20.0.53"}],
                     "subnet4": [
                      {"id": 8, "subnet": "10.19.0.0/24"},
                      {"id": 9, "subnet": "10.20.0.0/24", "pools": [{"pool": "10.20.0.10 - 10.20.0.20"}],
                       "option-data": [{"name": "routers", "data": "10.20.0.1"}],
                       "reservations": [{"hw-address": "02:00:00:00:00:02", "ip-address": "10.20.0.11",
                                         "option-data": [{"name": "boot-file-name", "data": "pxe.0"}]},
                                        {"client-id": "01:aa:bb", "ip-address": "10.20.0.12"}]}]}]}}""");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode floor2(JsonNode config) {
        return config.path("Dhcp4").path("shared-networks").get(1);
    }

    private static JsonNode inFloor2(JsonNode config) {
        for (JsonNode s : floor2(config).path("subnet4")) if (s.path("subnet").asText().equals("10.20.0.0/24")) return s;
        return null;
    }

    static Stream<Arguments> subnetChanges() {
        return Stream.of(
                Arguments.of(new KeaChange.EditSubnet("10.20.0.0/24", Map.of("valid-lifetime", JSON.getNodeFactory().numberNode(1800))),
                        "\"valid-lifetime\" : 1800"),
                Arguments.of(new KeaChange.RemoveSubnet("10.20.0.0/24"), "\"subnet\" : \"10.20.0.0/24\""),
                Arguments.of(new KeaChange.AddPool("10.20.0.0/24", "10.20.0.100 - 10.20.0.120"), "10.20.0.100 - 10.20.0.120"),
                Arguments.of(new KeaChange.RemovePool("10.20.0.0/24", "10.20.0.10-10.20.0.20"), "10.20.0.10 - 10.20.0.20"),
                Arguments.of(new KeaChange.AddReservation("10.20.0.0/24", "02:00:00:00:00:03", "10.20.0.13", "pc"), "10.20.0.13"),
                Arguments.of(new KeaChange.RemoveReservation("10.20.0.0/24", "02:00:00:00:00:02"), "10.20.0.11"),
                Arguments.of(new KeaChange.SetOption("10.20.0.0/24", "routers", "10.20.0.254"), "10.20.0.254"),
                Arguments.of(new KeaChange.SetOption("10.20.0.0/24", "routers", null), "10.20.0.1\""));
    }

    @ParameterizedTest
    @MethodSource("subnetChanges")
    void aSubnetInASharedNetworkIsChangedWhereItIsAndUndoneExactly(KeaChange change, String inDiff) throws Exception {
        ObjectNode before = config();
        ObjectNode after = change.appliedTo(before);
        assertEquals(config(), before, "the preview works on a copy");
        // the top level and the other shared network stay as they were; the change lands in floor2
        assertEquals(before.path("Dhcp4").path("subnet4"), after.path("Dhcp4").path("subnet4"), change.describe());
        assertEquals(before.path("Dhcp4").path("shared-networks").get(0), after.path("Dhcp4").path("shared-networks").get(0));
        assertNotEquals(floor2(before), floor2(after), change.describe());
        assertEquals(floor2(before).path("option-data"), floor2(after).path("option-data"));
        KeaChangeContains.assertContains(change, before, after);

        String diff = ConfigDiff.unified("server1", before, after);
        assertTrue(diff.lines().anyMatch(l -> (l.startsWith("+") || l.startsWith("-")) && l.contains(inDiff)), diff);

        ObjectNode restored = change.inverse(before).appliedTo(after);
        assertEquals(before, restored, "the undo puts floor2's subnet back where it was: " + change.describe());
        KeaChange journaled = KeaChangeService.fromJson(KeaChangeService.toJson(change.inverse(before)));
        assertEquals(before, journaled.appliedTo(after), "the undo survives the journal");
    }

    @Test
    void aRemovedSubnetComesBackIntoItsSharedNetworkInIdOrder() {
        ObjectNode before = config();
        KeaChange remove = new KeaChange.RemoveSubnet("10.19.0.0/24");
        ObjectNode after = remove.appliedTo(before);
        assertEquals(1, floor2(after).path("subnet4").size());
        assertTrue(KeaConfigJson.subnet(after, "10.19.0.0/24").isEmpty());
        KeaChange undo = remove.inverse(before);
        assertTrue(undo.describe().contains("in shared network floor2"), undo.describe());
        ObjectNode back = undo.appliedTo(after);
        assertEquals("10.19.0.0/24", floor2(back).path("subnet4").get(0).path("subnet").asText());
        assertEquals(before, back);
    }

    @Test
    void aSubnetInASharedNetworkIsNotCarriedBySubnetCommands() {
        ObjectNode before = config();
        ObjectNode after = new KeaChange.SetOption("10.20.0.0/24", "routers", "10.20.0.254").appliedTo(before);
        // the subnet lives in shared-networks, which subnet4-update would not keep: config-set carries the change
        assertTrue(SubnetCommands.touched(before, after, "10.20.0.0/24").isEmpty());
        assertTrue(SubnetCommands.touched(before, after).isEmpty());
    }

    @Test
    void aSharedNetworksOptionIsSetEditedRemovedAndUndone() throws Exception {
        ObjectNode before = config();
        KeaChange add = new KeaChange.SetSharedNetworkOption("floor2", "domain-name", "floor2.example.org");
        ObjectNode added = add.appliedTo(before);
        assertEquals("floor2.example.org", floor2(added).path("option-data").get(1).path("data").asText());
        assertEquals(inFloor2(before), inFloor2(added), "its subnets keep their own options");

        KeaChange edit = new KeaChange.SetSharedNetworkOption("floor2", "domain-name-servers", "10.20.0.54");
        ObjectNode edited = edit.appliedTo(added);
        assertEquals("10.20.0.54", floor2(edited).path("option-data").get(0).path("data").asText());
        String diff = ConfigDiff.unified("server1", added, edited);
        assertTrue(diff.contains("-") && diff.contains("10.20.0.53") && diff.contains("+") && diff.contains("10.20.0.54"), diff);

        KeaChange remove = new KeaChange.SetSharedNetworkOption("floor2", "domain-name-servers", null);
        ObjectNode removed = remove.appliedTo(edited);
        assertEquals(1, floor2(removed).path("option-data").size());
        assertEquals("domain-name", floor2(removed).path("option-data").get(0).path("name").asText());
        assertTrue(remove.describe().startsWith("Remove option domain-name-servers in shared network floor2"), remove.describe());

        // each undo puts the list back exactly, order included, also after the journal
        for (var step : List.of(Map.entry(add, before), Map.entry(edit, added), Map.entry(remove, edited))) {
            ObjectNode was = step.getValue();
            ObjectNode now = step.getKey().appliedTo(was);
            KeaChange undo = KeaChangeService.fromJson(KeaChangeService.toJson(step.getKey().inverse(was)));
            assertEquals(was, undo.appliedTo(now), step.getKey().describe());
            assertEquals(step.getKey(), KeaChangeService.fromJson(KeaChangeService.toJson(step.getKey())));
        }
        // a network that had no options has none again after the undo, not an empty list
        KeaChange first = new KeaChange.SetSharedNetworkOption("floor1", "routers", "10.15.0.1");
        ObjectNode withOne = first.appliedTo(before);
        assertFalse(first.inverse(before).appliedTo(withOne).path("Dhcp4").path("shared-networks").get(0).has("option-data"));
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(new KeaChange.SetSharedNetworkOption("floor9", "routers", "10.0.0.1"), "network", "There is no shared network floor9"),
                Arguments.of(new KeaChange.SetSharedNetworkOption(" ", "routers", "10.0.0.1"), "network", "Shared network is required"),
                Arguments.of(new KeaChange.SetSharedNetworkOption("floor2", "routers", null), "name", "Option routers is not set in shared network floor2"),
                Arguments.of(new KeaChange.SetSharedNetworkOption("floor2", "Bad Name", "x"), "name", "lower-case letters"),
                Arguments.of(new KeaChange.SetSharedNetworkOption("floor2", "domain-name", "a\nb"), "data", "control characters"),
                Arguments.of(new KeaChange.SetReservationOption("10.20.0.99", "routers", "10.20.0.1"), "reservation", "There is no reservation of 10.20.0.99"),
                Arguments.of(new KeaChange.SetReservationOption("10.20.0.11", "routers", null), "name", "Option routers is not set for reservation 10.20.0.11"),
                // a global reservation and one of floor2's subnet hold the same address: which one is meant is unclear
                Arguments.of(new KeaChange.SetReservationOption("10.20.0.50", "routers", "10.20.0.1"), "reservation", "names 2 reservations"),
                Arguments.of(new KeaChange.SetReservationOption("", "routers", "10.20.0.1"), "reservation", "Reservation is required"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void badOptionChangesAreRefusedAtTheirField(KeaChange change, String field, String message) {
        ObjectNode config = config();
        if (change instanceof KeaChange.SetReservationOption r && r.reservation().equals("10.20.0.50")) {
            // the subnet's twin of the global reservation
            ((com.fasterxml.jackson.databind.node.ArrayNode) inFloor2(config).path("reservations"))
                    .addObject().put("hw-address", "02:00:00:00:00:97").put("ip-address", "10.20.0.50");
        }
        ObjectNode copy = config.deepCopy();
        ChangeRefused e = assertThrows(ChangeRefused.class, () -> change.appliedTo(config));
        assertEquals(field, e.field());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertEquals(copy, config, "a refused change leaves the configuration alone");
    }

    static Stream<Arguments> reservationOptions() {
        return Stream.of(
                // in a shared network's subnet, by its address: the existing option edited, then a new one
                Arguments.of(new KeaChange.SetReservationOption("10.20.0.11", "boot-file-name", "ipxe.efi"), "ipxe.efi"),
                Arguments.of(new KeaChange.SetReservationOption("10.20.0.11", "boot-file-name", null), "pxe.0"),
                Arguments.of(new KeaChange.SetReservationOption("10.20.0.12", "domain-name", "lab.example.org"), "lab.example.org"),
                // a top-level subnet's and a global reservation
                Arguments.of(new KeaChange.SetReservationOption("10.10.0.10", "routers", "10.10.0.1"), "10.10.0.1"),
                Arguments.of(new KeaChange.SetReservationOption("10.99.0.9", "routers", "10.99.0.1"), "10.99.0.1"),
                // by its identifier, as the tables name a reservation without an address
                Arguments.of(new KeaChange.SetReservationOption("client-id 01:AA:BB", "domain-name", "x.example.org"), "x.example.org"));
    }

    @ParameterizedTest
    @MethodSource("reservationOptions")
    void aReservationsOptionIsChangedInThatReservationAloneAndUndoneExactly(KeaChange change, String inDiff) {
        ObjectNode before = config();
        ObjectNode after = change.appliedTo(before);
        String diff = ConfigDiff.unified("server1", before, after);
        List<String> changed = diff.lines().filter(l -> (l.startsWith("+") || l.startsWith("-")) && !l.startsWith("+++")
                && !l.startsWith("---")).toList();
        assertTrue(changed.stream().anyMatch(l -> l.contains(inDiff)), diff);
        KeaChange.SetReservationOption c = (KeaChange.SetReservationOption) change;
        JsonNode options = ScopedOptions.reservation(after, c.reservation()).path("option-data");
        boolean found = false;
        for (JsonNode o : options) found |= o.path("name").asText().equals(c.name()) && o.path("data").asText().equals(c.data());
        assertEquals(c.data() != null, found, options.toString());
        // nothing outside that reservation moved: putting its options back gives the configuration before
        ObjectNode restored = KeaChangeService.fromJson(KeaChangeService.toJson(change.inverse(before))).appliedTo(after);
        assertEquals(before, restored, change.describe());
    }

    @Test
    void aDhcp6ReservationIsFoundByItsAddressOrItsDelegatedPrefix() throws Exception {
        ObjectNode v6 = (ObjectNode) JSON.readTree("""
                {"Dhcp6": {"shared-networks": [{"name": "lab", "subnet6": [{"id": 3, "subnet": "2001:db8:1::/64",
                  "reservations": [{"duid": "00:03:00:01:02:00:00:00:00:01", "ip-addresses": ["2001:db8:1::10"]},
                                   {"duid": "00:03:00:01:02:00:00:00:00:02", "prefixes": ["2001:db8:8::/56"]}]}]}]}}""");
        ObjectNode a = new KeaChange.SetReservationOption("2001:DB8:1:0::10", "dns-servers", "2001:db8::53").appliedTo(v6);
        JsonNode subnet = a.path("Dhcp6").path("shared-networks").get(0).path("subnet6").get(0);
        assertEquals("2001:db8::53", subnet.path("reservations").get(0).path("option-data").get(0).path("data").asText());
        ObjectNode b = new KeaChange.SetReservationOption("2001:db8:8:0::/56", "dns-servers", "2001:db8::54").appliedTo(v6);
        assertEquals("2001:db8::54", b.path("Dhcp6").path("shared-networks").get(0).path("subnet6").get(0)
                .path("reservations").get(1).path("option-data").get(0).path("data").asText());
        ObjectNode c = new KeaChange.SetSharedNetworkOption("lab", "dns-servers", "2001:db8::55").appliedTo(v6);
        assertEquals("2001:db8::55", c.path("Dhcp6").path("shared-networks").get(0).path("option-data").get(0).path("data").asText());
    }

    @Test
    void theNewOptionChangesNeedTheirBitsServerWide() {
        assertEquals(List.of(new Need(Permission.SCOPE_OPTIONS, "hq", null)),
                KeaChangeNeeds.of("hq", new KeaChange.SetSharedNetworkOption("floor2", "routers", "10.20.0.1")));
        assertEquals(List.of(new Need(Permission.EDIT_RESERVATIONS, "hq", null)),
                KeaChangeNeeds.of("hq", new KeaChange.SetReservationOption("10.20.0.11", "routers", null)));
        assertEquals(List.of(new Need(Permission.SCOPE_OPTIONS, "hq", "10.20.0.0/24")),
                KeaChangeNeeds.of("hq", new KeaChange.EditSubnet("10.20.0.0/24", Map.of())));
    }
}
