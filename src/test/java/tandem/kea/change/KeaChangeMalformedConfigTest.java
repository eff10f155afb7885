package tandem.kea.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Changes meeting configurations and inputs the forms would not produce: what fuzzing the changes found. Each is
 * refused at its field, or applied and undone cleanly, never a NullPointerException, ClassCastException or a silent
 * loss of what the configuration held.
 */
class KeaChangeMalformedConfigTest {
    private static ObjectNode config(String json) {
        return (ObjectNode) KeaConfigJson.parse(json);
    }

    private static ChangeRefused refused(KeaChange change, ObjectNode config) {
        JsonNode before = config.deepCopy();
        ChangeRefused e = assertThrows(ChangeRefused.class, () -> change.appliedTo(config));
        assertEquals(before, config);
        return e;
    }

    @Test
    void aReservationInASubnetWrittenAsAHostAddressIsRefusedAtTheSubnet() {
        ObjectNode config = config("""
            {"Dhcp4": {"subnet4": [{"id": 1, "subnet": "10.0.0.1/24"}]}}""");
        ChangeRefused e = refused(new KeaChange.AddReservation("10.0.0.1/24", "02:00:00:00:00:01", "10.0.0.5", null), config);
        assertEquals("subnet", e.field());
        assertTrue(e.getMessage().contains("is not an IPv4 network"), e.getMessage());
    }

    @Test
    void aSubnetTypedWithSpacesIsWrittenWithoutThemAndItsUndoRemovesIt() {
        ObjectNode config = config("""
            {"Dhcp4": {"subnet4": [{"id": 1, "subnet": "10.0.0.0/24"}]}}""");
        KeaChange add = new KeaChange.AddSubnet(" 10.0.1.0/24 ", null, List.of(" 10.0.1.10 - 10.0.1.20"));
        ObjectNode after = add.appliedTo(config);
        assertEquals("10.0.1.0/24", after.get("Dhcp4").get("subnet4").get(1).get("subnet").asText());
        assertEquals(config, add.inverse(config).appliedTo(after));
    }

    @Test
    void removingASubnetTypedWithSpacesRemovesItAndItsUndoPutsItBack() {
        ObjectNode config = config("""
            {"Dhcp4": {"subnet4": [{"id": 1, "subnet": "10.0.0.0/24", "pools": [{"pool": "10.0.0.10 - 10.0.0.20"}]}]}}""");
        KeaChange remove = new KeaChange.RemoveSubnet("10.0.0.0/24 ");
        ObjectNode after = remove.appliedTo(config);
        assertEquals(0, after.get("Dhcp4").get("subnet4").size(), "before, the subnet silently stayed");
        assertEquals(config, remove.inverse(config).appliedTo(after));

        KeaChange removePool = new KeaChange.RemovePool(" 10.0.0.0/24", "10.0.0.10 - 10.0.0.20");
        ObjectNode withoutPool = removePool.appliedTo(config);
        assertEquals(config, removePool.inverse(config).appliedTo(withoutPool), "before, the undo lost the pool");
    }

    @Test
    void aBlankSubnetIsRefusedEvenWhenTheListHoldsSomethingThatIsNotASubnet() {
        ObjectNode config = config("""
            {"Dhcp4": {"subnet4": ["10.0.0.0/24", {"id": 2}]}}""");
        for (String blank : new String[] {"", " ", null}) {
            assertEquals("subnet", refused(new KeaChange.AddPool(blank, "10.0.0.1 - 10.0.0.9"), config).field());
            assertEquals("subnet", refused(new KeaChange.SetOption(blank == null ? "" : blank, "routers", "10.0.0.1"), config).field());
        }
    }

    @Test
    void aListThatIsNotAListIsRefusedNotReplaced() {
        ObjectNode subnetsNotAList = config("""
            {"Dhcp4": {"subnet4": {"id": 1, "subnet": "10.0.0.0/24"}}}""");
        ChangeRefused e = refused(new KeaChange.AddSubnet("10.0.1.0/24", null, List.of()), subnetsNotAList);
        assertTrue(e.getMessage().contains("subnet4 is not a list"), e.getMessage());

        ObjectNode poolsNotAList = config("""
            {"Dhcp4": {"subnet4": [{"id": 1, "subnet": "10.0.0.0/24", "pools": {"pool": "10.0.0.10 - 10.0.0.20"}}]}}""");
        assertTrue(refused(new KeaChange.AddPool("10.0.0.0/24", "10.0.0.30 - 10.0.0.40"), poolsNotAList)
                .getMessage().contains("pools is not a list"));

        ObjectNode optionsNull = config("""
            {"Dhcp4": {"option-data": null}}""");
        assertTrue(refused(new KeaChange.SetOption(null, "routers", "10.0.0.1"), optionsNull)
                .getMessage().contains("option-data is not a list"));
    }

    @Test
    void removingAReservationNeedsAMacAndLeavesClientIdReservationsAlone() {
        ObjectNode config = config("""
            {"Dhcp4": {"subnet4": [{"id": 1, "subnet": "10.0.0.0/24",
              "reservations": [{"client-id": "01:02:03", "ip-address": "10.0.0.5"}]}]}}""");
        for (String mac : new String[] {"", "  ", null, "02:00:00:00:00"}) {
            assertEquals("mac", refused(new KeaChange.RemoveReservation("10.0.0.0/24", mac), config).field(),
                    "before, a blank MAC removed the client-id reservation");
        }
    }

    @Test
    void subnetIdsStayInKeasRange() {
        ObjectNode config = config("""
            {"Dhcp4": {"subnet4": [{"id": 4294967294, "subnet": "10.0.0.0/24"}]}}""");
        assertEquals("id", refused(new KeaChange.AddSubnet("10.0.1.0/24", null, List.of()), config).field(),
                "before, the next id was 4294967295, which Kea refuses");
        assertEquals("id", refused(new KeaChange.AddSubnet("10.0.1.0/24", 0L, List.of()), config).field());
        assertEquals("id", refused(new KeaChange.AddSubnet("10.0.1.0/24", -5L, List.of()), config).field());
        ObjectNode after = new KeaChange.AddSubnet("10.0.1.0/24", 9L, List.of()).appliedTo(config);
        assertEquals(9, after.get("Dhcp4").get("subnet4").get(1).get("id").asLong());
    }

    @Test
    void undoingARemovedSubnetPutsItBackInItsPlace() {
        ObjectNode config = config("""
            {"Dhcp4": {"subnet4": [{"id": 2, "subnet": "10.0.0.0/24"}, {"id": 4, "subnet": "10.0.1.0/24"},
              {"id": 9, "subnet": "10.0.2.0/24"}]}}""");
        for (String subnet : new String[] {"10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"}) {
            KeaChange remove = new KeaChange.RemoveSubnet(subnet);
            assertEquals(config, remove.inverse(config).appliedTo(remove.appliedTo(config)), "before, it came back last");
        }
    }

    @Test
    void workingOutAnUndoLeavesTheConfigurationAlone() {
        ObjectNode config = config("""
            {"Dhcp4": {"option-data": []}}""");
        JsonNode before = config.deepCopy();
        new KeaChange.AddPool("10.0.0.0/24", "10.0.0.1 - 10.0.0.9").inverse(config);
        assertEquals(before, config);
        assertFalse(config.get("Dhcp4").has("subnet4"), "before, reading the subnet added an empty subnet4");
    }
}
