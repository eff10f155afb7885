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

class KeaChangeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode config() {
        try {
            return (ObjectNode) JSON.readTree("""
                {"Dhcp4": {"option-data": [{"name": "domain-name", "data": "example.net"}],
                  "subnet4": [
                    {"id": 1, "subnet": "10.10.0.0/24", "pools": [{"pool": "10.10.0.100 - 10.10.0.200"}],
                     "reservations": [{"hw-address": "02:00:00:00:00:01", "ip-address": "10.10.0.10"}]},
                    {"id": 7, "subnet": "10.10.1.0/24", "pools": []}],
                  "shared-networks": [{"name": "floor2", "subnet4": [
                    {"id": 9, "subnet": "10.20.0.0/24", "pools": [{"pool": "10.20.0.10 - 10.20.0.20"}]}]}]}}""");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(new KeaChange.AddSubnet("10.10.0.128/25", null, List.of()), "subnet", "overlaps subnet 10.10.0.0/24"),
                Arguments.of(new KeaChange.AddSubnet("10.10.2.1/24", null, List.of()), "subnet", "is not an IPv4 network"),
                Arguments.of(new KeaChange.AddSubnet("10.10.2.0/24", 7L, List.of()), "id", "already used"),
                Arguments.of(new KeaChange.AddSubnet("10.10.2.0/24", null, List.of("10.10.3.1 - 10.10.3.9")), "pool", "not within subnet"),
                Arguments.of(new KeaChange.AddSubnet("10.10.2.0/24", null, List.of("10.10.2.1 - 10.10.2.50", "10.10.2.40 - 10.10.2.60")), "pool", "overlaps pool"),
                Arguments.of(new KeaChange.AddPool("10.10.0.0/24", "10.10.0.150 - 10.10.0.250"), "pool", "overlaps pool"),
                Arguments.of(new KeaChange.AddPool("10.10.0.0/24", "10.10.0.9 - 10.10.0.1"), "pool", "is not a pool"),
                Arguments.of(new KeaChange.AddPool("10.99.0.0/24", "10.99.0.1 - 10.99.0.9"), "subnet", "There is no subnet"),
                Arguments.of(new KeaChange.RemovePool("10.10.0.0/24", "10.10.0.1 - 10.10.0.9"), "pool", "has no pool"),
                Arguments.of(new KeaChange.RemovePool("10.20.0.0/24", "10.20.0.30 - 10.20.0.40"), "pool", "has no pool"),
                // prefixes and ids are unique across the shared networks' subnets too
                Arguments.of(new KeaChange.AddSubnet("10.20.0.128/25", null, List.of()), "subnet", "overlaps subnet 10.20.0.0/24"),
                Arguments.of(new KeaChange.AddSubnet("10.30.0.0/24", 9L, List.of()), "id", "already used by 10.20.0.0/24"),
                Arguments.of(new KeaChange.AddReservation("10.10.0.0/24", "02:00:00:00:00:02", "10.99.0.50", null), "ip", "not within subnet"),
                Arguments.of(new KeaChange.AddReservation("10.10.0.0/24", "02:00:00:00:00:02", "10.10.0.10", null), "ip", "already reserved for 02:00:00:00:00:01"),
                Arguments.of(new KeaChange.AddReservation("10.10.0.0/24", "02-00-00-00-00-01", "10.10.0.11", null), "mac", "already has a reservation"),
                Arguments.of(new KeaChange.AddReservation("10.10.0.0/24", "02:00:00:00:00", "10.10.0.11", null), "mac", "MAC address must look like"),
                Arguments.of(new KeaChange.AddReservation("10.10.0.0/24", "02:00:00:00:00:02", "10.10.0.300", null), "ip", "is not an IPv4 address"),
                Arguments.of(new KeaChange.AddReservation("10.10.0.0/24", "02:00:00:00:00:02", "10.10.0.11", "bad_name!"), "hostname", "not a valid host name"),
                Arguments.of(new KeaChange.RemoveReservation("10.10.0.0/24", "02:00:00:00:00:09"), "mac", "has no reservation"),
                Arguments.of(new KeaChange.SetOption(null, "routers", null), "name", "is not set"),
                Arguments.of(new KeaChange.EditSubnet("10.10.0.0/24", Map.of("subnet", JSON.getNodeFactory().textNode("x"))), "subnet", "cannot be edited"),
                Arguments.of(new KeaChange.RemoveSubnet("10.99.0.0/24"), "subnet", "There is no subnet"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void badChangesAreRefusedAtTheirField(KeaChange change, String field, String message) {
        ObjectNode config = config();
        ChangeRefused e = assertThrows(ChangeRefused.class, () -> change.appliedTo(config));
        assertEquals(field, e.field());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertEquals(config(), config, "a refused change leaves the configuration alone");
    }

    static Stream<KeaChange> goodChanges() {
        return Stream.of(
                new KeaChange.AddSubnet("10.10.2.0/24", null, List.of("10.10.2.100 - 10.10.2.200")),
                new KeaChange.RemoveSubnet("10.10.1.0/24"),
                new KeaChange.EditSubnet("10.10.0.0/24", Map.of("valid-lifetime", JSON.getNodeFactory().numberNode(600))),
                new KeaChange.AddPool("10.10.1.0/24", "10.10.1.0/26"),
                new KeaChange.RemovePool("10.10.0.0/24", "10.10.0.100-10.10.0.200"),
                new KeaChange.AddReservation("10.10.0.0/24", "02:AA:00:00:00:02", "10.10.0.11", "printer-2"),
                new KeaChange.RemoveReservation("10.10.0.0/24", "02-00-00-00-00-01"),
                new KeaChange.SetOption(null, "domain-name", "example.org"),
                new KeaChange.SetOption(null, "domain-name", null),
                new KeaChange.SetOption("10.10.1.0/24", "routers", "10.10.1.1"));
    }

    @ParameterizedTest
    @MethodSource("goodChanges")
    void everyChangeHasAnInverseThatRestoresTheConfiguration(KeaChange change) throws Exception {
        ObjectNode before = config();
        ObjectNode after = change.appliedTo(before);
        assertNotEquals(before, after, change.describe());
        ObjectNode restored = change.inverse(before).appliedTo(after);
        assertEquals(JSON.readTree(KeaConfigJson.canonical(before)), JSON.readTree(KeaConfigJson.canonical(restored)),
                change.describe());
        // and every change survives the journal
        assertEquals(change, KeaChangeService.fromJson(KeaChangeService.toJson(change)));
    }

    @Test
    void addSubnetTakesTheNextFreeId() {
        JsonNode after = new KeaChange.AddSubnet("10.10.9.0/24", null, List.of()).appliedTo(config());
        // past the shared network's subnet 9 as well
        assertEquals(10, KeaConfigJson.subnet((ObjectNode) after, "10.10.9.0/24").orElseThrow().path("id").asInt());
    }

    @Test
    void reservationsAreStoredNormalized() {
        ObjectNode after = new KeaChange.AddReservation("10.10.0.0/24", " 02-AA-00-00-00-02 ", "10.10.0.11", "pc").appliedTo(config());
        JsonNode r = KeaConfigJson.subnet(after, "10.10.0.0/24").orElseThrow().path("reservations").get(1);
        assertEquals("02:aa:00:00:00:02", r.path("hw-address").asText());
        assertEquals("pc", r.path("hostname").asText());
    }

    @Test
    void theDiffShowsOnlyWhatChanged() {
        ObjectNode before = config();
        String diff = ConfigDiff.unified("server1", before,
                new KeaChange.AddReservation("10.10.0.0/24", "02:00:00:00:00:02", "10.10.0.11", null).appliedTo(before));
        assertTrue(diff.contains("+") && diff.contains("10.10.0.11"), diff);
        assertFalse(diff.contains("-    \"ip-address\""), diff);
        assertEquals("", ConfigDiff.unified("server1", before, config()));
    }
}
