package tandem.kea.change;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tandem.kea.change.SubnetCommands.Command;

/** The subnet_cmds/host_cmds commands generated for each kind of change, from configurations as Kea renders them. */
class SubnetCommandsTest {
    private static final String HOST = """
            {"boot-file-name": "", "client-classes": [], "hostname": "%s", "hw-address": "%s", "ip-address": "%s",
             "next-server": "0.0.0.0", "option-data": [], "server-hostname": ""}""";

    /** Two subnets as Kea 3's config-get renders them (abridged), the first with two reservations. */
    private static ObjectNode config() {
        return (ObjectNode) KeaConfigJson.parse("""
                {"Dhcp4": {"valid-lifetime": 7200, "option-data": [],
                  "subnet4": [
                    {"id": 1, "subnet": "10.10.0.0/24", "valid-lifetime": 7200,
                     "option-data": [{"always-send": false, "code": 3, "csv-format": true, "data": "10.10.0.1",
                                      "name": "routers", "never-send": false, "space": "dhcp4"}],
                     "pools": [{"option-data": [], "pool": "10.10.0.100-10.10.0.200"}],
                     "relay": {"ip-addresses": []},
                     "reservations": [%s, %s]},
                    {"id": 2, "subnet": "10.10.1.0/24", "pools": [], "option-data": [], "relay": {"ip-addresses": []},
                     "reservations": []}]}}
                """.formatted(HOST.formatted("host-0", "02:00:00:00:00:00", "10.10.0.10"),
                HOST.formatted("host-1", "02:00:00:00:00:01", "10.10.0.11")));
    }

    private static List<Command> plan(ObjectNode before, KeaChange change) {
        ObjectNode after = change.appliedTo(before);
        List<Long> ids = SubnetCommands.touched(before, after).orElseThrow();
        List<Command> out = new java.util.ArrayList<>();
        for (long id : ids) out.addAll(SubnetCommands.plan(KeaConfigJson.service(before), SubnetCommands.subnet(before, id), SubnetCommands.subnet(after, id)));
        return out;
    }

    @Test
    void aReservationIsAddedToTheRunningConfigurationOfItsSubnet() {
        List<Command> plan = plan(config(), new KeaChange.AddReservation("10.10.0.0/24", "02-EE-00-00-00-01", "10.10.0.150", "printer"));
        assertEquals(1, plan.size(), plan::toString);
        Command c = plan.get(0);
        assertEquals("reservation-add", c.name());
        assertEquals(SubnetCommands.HOST_CMDS, c.library());
        assertEquals("memory", c.arguments().path("operation-target").asText());
        JsonNode r = c.arguments().path("reservation");
        assertEquals(1, r.path("subnet-id").asLong());
        assertEquals("02:ee:00:00:00:01", r.path("hw-address").asText());
        assertEquals("10.10.0.150", r.path("ip-address").asText());
        assertEquals("printer", r.path("hostname").asText());
    }

    @Test
    void aRemovedReservationIsDeletedByItsIdentifier() {
        List<Command> plan = plan(config(), new KeaChange.RemoveReservation("10.10.0.0/24", "02:00:00:00:00:01"));
        assertEquals(List.of("reservation-del"), plan.stream().map(Command::name).toList());
        ObjectNode args = plan.get(0).arguments();
        assertEquals("hw-address", args.path("identifier-type").asText());
        assertEquals("02:00:00:00:00:01", args.path("identifier").asText());
        assertEquals(1, args.path("subnet-id").asLong());
        assertEquals("memory", args.path("operation-target").asText());
    }

    @Test
    void restoringASubnetPutsBackAReservationAndChangesNothingElse() {
        ObjectNode before = config();
        ObjectNode removed = new KeaChange.RemoveReservation("10.10.0.0/24", "02:00:00:00:00:01").appliedTo(before);
        KeaChange undo = new KeaChange.RemoveReservation("10.10.0.0/24", "02:00:00:00:00:01").inverse(before);
        List<Command> plan = plan(removed, undo);
        assertEquals(List.of("reservation-add"), plan.stream().map(Command::name).toList());
        assertEquals("host-1", plan.get(0).arguments().path("reservation").path("hostname").asText());
    }

    @Test
    void aChangedReservationIsUpdatedInPlace() {
        ObjectNode before = config();
        ObjectNode after = before.deepCopy();
        ((ObjectNode) SubnetCommands.subnet(after, 1).path("reservations").get(0)).put("hostname", "renamed");
        List<Command> plan = SubnetCommands.plan(KeaConfigJson.service(before), SubnetCommands.subnet(before, 1), SubnetCommands.subnet(after, 1));
        assertEquals(List.of("reservation-update"), plan.stream().map(Command::name).toList());
    }

    @Test
    void poolsOptionsAndValuesGoThroughTheDeltaCommands() {
        assertEquals(List.of("subnet4-delta-add"), names(plan(config(), new KeaChange.AddPool("10.10.0.0/24", "10.10.0.20 - 10.10.0.30"))));
        List<Command> removePool = plan(config(), new KeaChange.RemovePool("10.10.0.0/24", "10.10.0.100 - 10.10.0.200"));
        assertEquals(List.of("subnet4-delta-del"), names(removePool));
        assertEquals("10.10.0.100-10.10.0.200", removePool.get(0).arguments().path("subnet4").path(0).path("pools").path(0).path("pool").asText());

        List<Command> option = plan(config(), new KeaChange.SetOption("10.10.0.0/24", "domain-name-servers", "10.0.0.53"));
        assertEquals(List.of("subnet4-delta-add"), names(option));
        JsonNode sent = option.get(0).arguments().path("subnet4").path(0);
        assertEquals(1, sent.path("id").asLong());
        assertEquals("10.10.0.0/24", sent.path("subnet").asText());
        assertEquals(1, sent.path("option-data").size(), "only the new option: " + sent);

        List<Command> noRouter = plan(config(), new KeaChange.SetOption("10.10.0.0/24", "routers", null));
        assertEquals(List.of("subnet4-delta-del"), names(noRouter));
        assertEquals("{\"code\":3,\"space\":\"dhcp4\"}", noRouter.get(0).arguments().path("subnet4").path(0).path("option-data").path(0).toString());

        List<Command> lifetime = plan(config(), new KeaChange.EditSubnet("10.10.0.0/24",
                java.util.Map.of("valid-lifetime", KeaConfigJson.MAPPER.getNodeFactory().nullNode(),
                        "renew-timer", KeaConfigJson.MAPPER.getNodeFactory().numberNode(900))));
        assertEquals(List.of("subnet4-delta-del", "subnet4-delta-add"), names(lifetime));
        assertEquals(7200, lifetime.get(0).arguments().path("subnet4").path(0).path("valid-lifetime").asInt());
        assertEquals(900, lifetime.get(1).arguments().path("subnet4").path(0).path("renew-timer").asInt());
    }

    @Test
    void aDifferenceWithoutADeltaFormReplacesTheSubnet() {
        ObjectNode before = config();
        ObjectNode after = before.deepCopy();
        ((ObjectNode) SubnetCommands.subnet(after, 2).path("relay")).putArray("ip-addresses").add("192.0.2.1");
        List<Command> plan = SubnetCommands.plan(KeaConfigJson.service(before), SubnetCommands.subnet(before, 2), SubnetCommands.subnet(after, 2));
        assertEquals(List.of("subnet4-update"), names(plan));
        assertFalse(plan.get(0).arguments().path("subnet4").path(0).has("reservations"), "reservations go through host_cmds");
    }

    @Test
    void aNewSubnetIsAddedThenItsReservationsAndARemovedOneLosesThemFirst() {
        ObjectNode before = config();
        List<Command> add = plan(before, new KeaChange.AddSubnet("192.168.5.0/24", 7L, List.of("192.168.5.10 - 192.168.5.20")));
        assertEquals(List.of("subnet4-add"), names(add));
        assertEquals(7, add.get(0).arguments().path("subnet4").path(0).path("id").asLong());

        List<Command> remove = plan(before, new KeaChange.RemoveSubnet("10.10.0.0/24"));
        assertEquals(List.of("reservation-del", "reservation-del", "subnet4-del"), names(remove));
        assertEquals(1, remove.get(2).arguments().path("id").asLong());
    }

    @Test
    void aChangeBeyondSubnetsHasNoCommands() {
        ObjectNode before = config();
        assertEquals(Optional.empty(), SubnetCommands.touched(before,
                new KeaChange.SetOption(null, "domain-name", "example.org").appliedTo(before)));
        ObjectNode noId = before.deepCopy();
        ((ObjectNode) KeaConfigJson.subnets(noId).get(1)).remove("id");
        assertEquals(Optional.empty(), SubnetCommands.touched(before, noId));
        assertEquals(Optional.of(List.of()), SubnetCommands.touched(before, before.deepCopy()));
    }

    @Test
    void aChangeNamingItsSubnetIsComparedOnThatSubnetAloneWithTheSameResult() {
        ObjectNode before = config();
        List<KeaChange> changes = List.of(
                new KeaChange.AddReservation("10.10.0.0/24", "02:ee:00:00:00:01", "10.10.0.150", null),
                new KeaChange.RemoveReservation("10.10.0.0/24", "02:00:00:00:00:01"),
                new KeaChange.AddPool("10.10.1.0/24", "10.10.1.20 - 10.10.1.30"),
                new KeaChange.AddSubnet("192.168.5.0/24", null, List.of()),
                new KeaChange.RemoveSubnet("10.10.1.0/24"),
                new KeaChange.SetOption("10.10.0.0/24", "routers", "10.10.0.2"),
                new KeaChange.SetOption(null, "domain-name", "example.org"));
        for (KeaChange c : changes) {
            ObjectNode after = c.appliedTo(before);
            assertEquals(SubnetCommands.touched(before, after),
                    SubnetCommands.touched(before, after, KeaHotChange.subnetOf(c)), c.describe());
        }
    }

    @Test
    void reservationsAreListedAsConfigGetListsThem() {
        var hosts = KeaConfigJson.MAPPER.createArrayNode();
        hosts.addObject().put("hw-address", "02:ee:00:00:00:01").put("subnet-id", 1);
        hosts.addObject().put("client-id", "010000000000").put("subnet-id", 1);
        hosts.addObject().put("hw-address", "01:ee:00:00:00:01").put("subnet-id", 1);
        hosts.addObject().put("hw-address", "02:00:00:00:00:00").put("subnet-id", 1);
        var ordered = SubnetCommands.configOrder(hosts);
        // by identifier bytes whatever the type, as measured on Kea 3.0's config-get
        assertEquals(List.of("010000000000", "01:ee:00:00:00:01", "02:00:00:00:00:00", "02:ee:00:00:00:01"),
                java.util.stream.StreamSupport.stream(ordered.spliterator(), false)
                        .map(h -> h.path(SubnetCommands.identifierType(h)).asText()).toList());
        assertFalse(ordered.get(0).has("subnet-id"));
    }

    @Test
    void aSubnetIsSplicedInByIdOrRemoved() {
        ObjectNode config = config();
        ObjectNode added = SubnetCommands.splice(config, 1, null);
        assertEquals(1, KeaConfigJson.subnets(added).size());
        ObjectNode back = SubnetCommands.splice(added, 1, SubnetCommands.subnet(config, 1));
        assertEquals(config, back);
        assertEquals(2, KeaConfigJson.subnets(config).size(), "the original is left alone");
    }

    private static List<String> names(List<Command> plan) {
        return plan.stream().map(Command::name).toList();
    }
}
