package tandem.kea.change;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * A shared network removed (its subnets kept at the top level with what they inherited, or removed with it), edited
 * at its own level, and each undone to the identical configuration, through the journal too; DHCPv4 and DHCPv6.
 */
class SharedNetworksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** floor2 sits between floor1 and floor3; its subnet 9 sets its own lifetime and router, subnet 8 nothing. */
    static ObjectNode config4() {
        return parse("""
                {"Dhcp4": {"valid-lifetime": 3600,
                  "subnet4": [{"id": 1, "subnet": "10.10.0.0/24"}, {"id": 12, "subnet": "10.12.0.0/24"}],
                  "shared-networks": [
                    {"name": "floor1", "subnet4": [{"id": 5, "subnet": "10.15.0.0/24"}]},
                    {"name": "floor2", "valid-lifetime": 7200, "renew-timer": 1000, "interface": "eth1",
                     "relay": {"ip-addresses": ["10.20.0.254"]}, "user-context": {"comment": "second floor"},
                     "option-data": [{"name": "domain-name-servers", "data": "10.20.0.53"},
                                     {"name": "routers", "data": "10.20.0.254"}],
                     "subnet4": [
                      {"id": 8, "subnet": "10.19.0.0/24", "relay": {"ip-addresses": []}},
                      {"id": 9, "subnet": "10.20.0.0/24", "valid-lifetime": 1800,
                       "pools": [{"pool": "10.20.0.10 - 10.20.0.20"}],
                       "option-data": [{"name": "routers", "data": "10.20.0.1"}]}]},
                    {"name": "floor3", "subnet4": []}]}}""");
    }

    static ObjectNode config6() {
        return parse("""
                {"Dhcp6": {"subnet6": [{"id": 1, "subnet": "2001:db8:1::/64"}],
                  "shared-networks": [{"name": "lab", "preferred-lifetime": 3000, "interface-id": "port1",
                    "relay": {"ip-addresses": ["2001:db8::1"]},
                    "option-data": [{"name": "dns-servers", "data": "2001:db8::53"}],
                    "subnet6": [{"id": 2, "subnet": "2001:db8:2::/64",
                                 "pd-pools": [{"prefix": "2001:db8:8::", "prefix-len": 56, "delegated-len": 64}]}]}]}}""");
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode root(JsonNode config) {
        return config.has("Dhcp4") ? config.get("Dhcp4") : config.get("Dhcp6");
    }

    private static JsonNode network(JsonNode config, String name) {
        for (JsonNode n : root(config).path("shared-networks")) if (n.path("name").asText().equals(name)) return n;
        return null;
    }

    private static List<String> names(JsonNode config) {
        List<String> out = new ArrayList<>();
        root(config).path("shared-networks").forEach(n -> out.add(n.path("name").asText()));
        return out;
    }

    private static List<String> top(JsonNode config, String key) {
        List<String> out = new ArrayList<>();
        root(config).path(key).forEach(s -> out.add(s.path("id").asText() + " " + s.path("subnet").asText()));
        return out;
    }

    private static JsonNode topSubnet(JsonNode config, String key, String prefix) {
        for (JsonNode s : root(config).path(key)) if (s.path("subnet").asText().equals(prefix)) return s;
        throw new AssertionError("no top-level " + prefix + " in " + root(config).path(key));
    }

    /** The undo gives back the configuration before, also after the journal; undoing the undo gives the change again. */
    private static void undoneExactly(KeaChange change, ObjectNode before) {
        ObjectNode after = change.appliedTo(before);
        KeaChange undo = KeaChangeService.fromJson(KeaChangeService.toJson(change.inverse(before)));
        assertEquals(change.inverse(before), undo, "the undo survives the journal");
        ObjectNode back = undo.appliedTo(after);
        assertEquals(before, back, change.describe());
        assertEquals(KeaConfigJson.canonical(before), KeaConfigJson.canonical(back));
        assertEquals(names(before), names(back), "the network is back in its place");
        KeaChange redo = KeaChangeService.fromJson(KeaChangeService.toJson(undo.inverse(after)));
        assertEquals(after, redo.appliedTo(back), "undoing the undo: " + redo.describe());
        assertEquals(change, KeaChangeService.fromJson(KeaChangeService.toJson(change)));
    }

    @Test
    void removingANetworkKeepsItsSubnetsAtTheTopLevelWithWhatTheyInherited() {
        ObjectNode before = config4();
        KeaChange remove = new SharedNetworks.RemoveSharedNetwork(" floor2 ", false);
        assertTrue(remove.describe().contains("keeping its subnets") && remove.describe().contains("clients get the same"),
                remove.describe());
        ObjectNode after = remove.appliedTo(before);
        assertEquals(config4(), before, "the preview works on a copy");
        assertEquals(List.of("floor1", "floor3"), names(after));
        // in the order of their ids, with their ids
        assertEquals(List.of("1 10.10.0.0/24", "8 10.19.0.0/24", "9 10.20.0.0/24", "12 10.12.0.0/24"), top(after, "subnet4"));

        JsonNode s8 = topSubnet(after, "subnet4", "10.19.0.0/24");
        assertEquals(7200, s8.path("valid-lifetime").asInt(), "the network's lifetime, now its own");
        assertEquals(1000, s8.path("renew-timer").asInt());
        assertEquals("eth1", s8.path("interface").asText());
        // Kea writes an empty relay for none: the network's relay is what the subnet had
        assertEquals("10.20.0.254", s8.path("relay").path("ip-addresses").get(0).asText());
        assertEquals(2, s8.path("option-data").size(), s8.toString());
        assertFalse(s8.has("user-context"), "the network's comment describes the network");

        JsonNode s9 = topSubnet(after, "subnet4", "10.20.0.0/24");
        assertEquals(1800, s9.path("valid-lifetime").asInt(), "its own lifetime stays");
        assertEquals("10.20.0.10 - 10.20.0.20", s9.path("pools").get(0).path("pool").asText());
        Map<String, String> options = new LinkedHashMap<>();
        s9.path("option-data").forEach(o -> options.put(o.path("name").asText(), o.path("data").asText()));
        assertEquals(Map.of("routers", "10.20.0.1", "domain-name-servers", "10.20.0.53"), options,
                "its own router wins over the network's; the network's DNS servers are added");
        assertEquals(network(before, "floor1"), network(after, "floor1"));

        String diff = ConfigDiff.unified("server1", before, after);
        assertTrue(diff.lines().anyMatch(l -> l.startsWith("-") && l.contains("\"floor2\"")), diff);
        undoneExactly(remove, before);
    }

    @Test
    void removingANetworkWithItsSubnetsTakesThemAllAndTheUndoPutsThemBackInPlace() {
        ObjectNode before = config4();
        KeaChange remove = new SharedNetworks.RemoveSharedNetwork("floor2", true);
        ObjectNode after = remove.appliedTo(before);
        assertEquals(List.of("floor1", "floor3"), names(after));
        assertEquals(top(before, "subnet4"), top(after, "subnet4"), "the top level stays as it was");
        assertTrue(KeaConfigJson.subnet(after, "10.20.0.0/24").isEmpty());
        assertTrue(KeaConfigJson.subnet(after, "10.19.0.0/24").isEmpty());
        KeaChange undo = remove.inverse(before);
        assertTrue(undo.describe().startsWith("Restore shared network floor2"), undo.describe());
        undoneExactly(remove, before);
        // the only network there was: the undo brings back the list too
        ObjectNode single = config6();
        undoneExactly(new SharedNetworks.RemoveSharedNetwork("lab", true), single);
    }

    @Test
    void aDhcp6NetworkIsRemovedKeepingItsSubnetsAndUndone() {
        ObjectNode before = config6();
        KeaChange remove = new SharedNetworks.RemoveSharedNetwork("lab", false);
        ObjectNode after = remove.appliedTo(before);
        assertEquals(List.of(), names(after));
        assertEquals(List.of("1 2001:db8:1::/64", "2 2001:db8:2::/64"), top(after, "subnet6"));
        JsonNode s = topSubnet(after, "subnet6", "2001:db8:2::/64");
        assertEquals(3000, s.path("preferred-lifetime").asInt());
        assertEquals("port1", s.path("interface-id").asText());
        assertEquals("2001:db8::1", s.path("relay").path("ip-addresses").get(0).asText());
        assertEquals("2001:db8::53", s.path("option-data").get(0).path("data").asText());
        assertEquals(56, s.path("pd-pools").get(0).path("prefix-len").asInt());
        undoneExactly(remove, before);
    }

    @Test
    void anEditSetsTheNetworksOwnValuesAndSubnetsHoldingTheOldOnesFollow() {
        ObjectNode before = config4();
        ObjectNode floor2 = (ObjectNode) network(before, "floor2");
        // as Kea 2.2 writes it: the network's lifetime and bounds copied into subnet 8
        floor2.put("min-valid-lifetime", 7200).put("max-valid-lifetime", 7200);
        ((ObjectNode) floor2.path("subnet4").get(0)).put("valid-lifetime", 7200).put("min-valid-lifetime", 7200)
                .put("max-valid-lifetime", 7200).set("relay", floor2.get("relay").deepCopy());
        Map<String, JsonNode> p = new LinkedHashMap<>();
        p.put("valid-lifetime", F.numberNode(1800));
        ObjectNode relay = F.objectNode();
        relay.putArray("ip-addresses").add("10.20.0.253").add("10.20.0.252");
        p.put("relay", relay);
        p.put("interface", NullNode.getInstance());
        p.put("comment", F.textNode("moved to the east wing"));
        KeaChange edit = new SharedNetworks.EditSharedNetwork("floor2", p);
        assertEquals("Edit shared network floor2: comment moved to the east wing, interface removed, "
                + "relay 10.20.0.253 10.20.0.252, valid-lifetime 1800", edit.describe());
        ObjectNode after = edit.appliedTo(before);
        JsonNode n = network(after, "floor2");
        assertEquals(1800, n.path("valid-lifetime").asInt());
        assertEquals(1800, n.path("min-valid-lifetime").asInt(), "a bound equal to the old lifetime follows it");
        assertEquals(1800, n.path("max-valid-lifetime").asInt());
        assertEquals(relay, n.path("relay"));
        assertFalse(n.has("interface"), "blank: not set at this level");
        assertEquals("moved to the east wing", n.path("user-context").path("comment").asText());
        JsonNode s8 = n.path("subnet4").get(0);
        assertEquals(1800, s8.path("valid-lifetime").asInt(), "it held the network's lifetime");
        assertEquals(1800, s8.path("min-valid-lifetime").asInt());
        assertEquals(relay, s8.path("relay"));
        JsonNode s9 = n.path("subnet4").get(1);
        assertEquals(1800, s9.path("valid-lifetime").asInt(), "its own, unchanged");
        assertFalse(s9.has("relay"), "it inherits the relay");
        assertEquals(1000, n.path("renew-timer").asInt(), "what the edit does not name stays");
        assertEquals(network(before, "floor1"), network(after, "floor1"));
        undoneExactly(edit, before);

        // a longer lifetime widens a bound of its own; an emptied comment removes the user-context it was alone in
        Map<String, JsonNode> q = new LinkedHashMap<>();
        q.put("valid-lifetime", F.numberNode(9000));
        q.put("comment", NullNode.getInstance());
        ObjectNode bounded = config4();
        ((ObjectNode) network(bounded, "floor2")).put("max-valid-lifetime", 8000);
        ObjectNode longer = new SharedNetworks.EditSharedNetwork("floor2", q).appliedTo(bounded);
        assertEquals(9000, network(longer, "floor2").path("max-valid-lifetime").asInt());
        assertFalse(network(longer, "floor2").has("user-context"));
        undoneExactly(new SharedNetworks.EditSharedNetwork("floor2", q), bounded);
    }

    @Test
    void aDhcp6NetworksRelayIsEdited() {
        ObjectNode relay = F.objectNode();
        relay.putArray("ip-addresses").add("2001:db8::2");
        KeaChange edit = new SharedNetworks.EditSharedNetwork("lab", Map.of("relay", relay, "renew-timer", F.numberNode(900)));
        ObjectNode after = edit.appliedTo(config6());
        assertEquals(relay, network(after, "lab").path("relay"));
        assertEquals(900, network(after, "lab").path("renew-timer").asInt());
        undoneExactly(edit, config6());
    }

    private static ObjectNode relayOf(String... addresses) {
        ObjectNode relay = F.objectNode();
        for (String a : addresses) relay.withArray("ip-addresses").add(a);
        return relay;
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(config4(), new SharedNetworks.RemoveSharedNetwork("floor9", false), "network", "There is no shared network floor9"),
                Arguments.of(config4(), new SharedNetworks.RemoveSharedNetwork(" ", true), "network", "Shared network is required"),
                Arguments.of(config4(), new SharedNetworks.EditSharedNetwork("floor9", Map.of()), "network", "There is no shared network floor9"),
                Arguments.of(config4(), new SharedNetworks.EditSharedNetwork("floor2", Map.of("valid-lifetime", F.numberNode(-1))),
                        "valid-lifetime", "from 0 to"),
                Arguments.of(config4(), new SharedNetworks.EditSharedNetwork("floor2", Map.of("rebind-timer", F.textNode("soon"))),
                        "rebind-timer", "whole number of seconds"),
                // renew-timer is 1000 in floor2
                Arguments.of(config4(), new SharedNetworks.EditSharedNetwork("floor2", Map.of("rebind-timer", F.numberNode(900))),
                        "rebind-timer", "renew-timer (1000) must not be longer than rebind-timer (900)"),
                Arguments.of(config4(), new SharedNetworks.EditSharedNetwork("floor2", Map.of("renew-timer", F.numberNode(8000))),
                        "renew-timer", "renew-timer (8000) must not be longer than valid-lifetime (7200)"),
                Arguments.of(config4(), new SharedNetworks.EditSharedNetwork("floor2", Map.of("valid-lifetime", F.numberNode(600))),
                        "valid-lifetime", "must not be longer than valid-lifetime (600)"),
                Arguments.of(config4(), new SharedNetworks.EditSharedNetwork("floor2", Map.of("relay", relayOf("2001:db8::1"))),
                        "relay", "2001:db8::1 is IPv6"),
                Arguments.of(config4(), new SharedNetworks.EditSharedNetwork("floor2", Map.of("relay", relayOf("10.20.0.300"))),
                        "relay", "not an IPv4 address"),
                Arguments.of(config6(), new SharedNetworks.EditSharedNetwork("lab", Map.of("relay", relayOf("10.0.0.1"))),
                        "relay", "10.0.0.1 is IPv4"),
                Arguments.of(config4(), new SharedNetworks.EditSharedNetwork("floor2", Map.of("interface", F.textNode("eth 1"))),
                        "interface", "not an interface name"),
                Arguments.of(config4(), new SharedNetworks.EditSharedNetwork("floor2", Map.of("pools", F.arrayNode())),
                        "pools", "cannot be edited here"),
                Arguments.of(config4(), new SharedNetworks.EditSharedNetwork("floor2", Map.of("comment", F.textNode("a\nb"))),
                        "comment", "control character"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void badChangesAreRefusedAtTheirField(ObjectNode config, KeaChange change, String field, String message) {
        ObjectNode copy = config.deepCopy();
        ChangeRefused e = assertThrows(ChangeRefused.class, () -> change.appliedTo(config));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertEquals(copy, config, "a refused change leaves the configuration alone");
    }

    @Test
    void anUndoIsRefusedWhenAnotherSubnetTookTheNetworksPrefixMeanwhile() {
        ObjectNode before = config4();
        KeaChange remove = new SharedNetworks.RemoveSharedNetwork("floor2", true);
        KeaChange undo = remove.inverse(before);
        ObjectNode after = new KeaChange.AddSubnet("10.20.0.0/24", 30L, List.of()).appliedTo(remove.appliedTo(before));
        ChangeRefused e = assertThrows(ChangeRefused.class, () -> undo.appliedTo(after));
        assertEquals("subnet", e.field());
        assertTrue(e.getMessage().contains("10.20.0.0/24"), e.getMessage());
    }

    @Test
    void theChangesNeedTheBitsOfTheSameChangesOnASubnet() {
        ObjectNode before = config4();
        assertEquals(List.of(new Need(Permission.ADD_SCOPE, "hq", null)),
                KeaChangeNeeds.of("hq", new SharedNetworks.RemoveSharedNetwork("floor2", false)));
        assertEquals(List.of(new Need(Permission.SCOPE_OPTIONS, "hq", null)),
                KeaChangeNeeds.of("hq", new SharedNetworks.EditSharedNetwork("floor2", Map.of())));
        // undoing a removal puts subnets back; undoing an edit only the network as it was
        assertTrue(KeaChangeNeeds.of("hq", new SharedNetworks.RemoveSharedNetwork("floor2", false).inverse(before))
                .contains(new Need(Permission.ADD_SCOPE, "hq", null)));
        KeaChange editUndo = new SharedNetworks.EditSharedNetwork("floor2", Map.of()).inverse(before);
        assertFalse(KeaChangeNeeds.of("hq", editUndo).contains(new Need(Permission.ADD_SCOPE, "hq", null)));
        assertFalse(KeaChangeNeeds.of("hq", editUndo.inverse(before)).contains(new Need(Permission.ADD_SCOPE, "hq", null)),
                "nor undoing that undo");
        // none of them goes through subnet commands: config-set carries them
        assertNull(KeaHotChange.subnetOf(new SharedNetworks.RemoveSharedNetwork("floor2", false)));
        ObjectNode after = new SharedNetworks.RemoveSharedNetwork("floor2", false).appliedTo(before);
        assertTrue(SubnetCommands.touched(before, after).isEmpty());
    }
}
