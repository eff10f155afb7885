package tandem.kea.change;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tandem.core.ServiceType;
import tandem.kea.change.SubnetCommands.Command;

/** The DHCPv6 commands (subnet6-*, reservations with addresses and prefixes) generated for each kind of change. */
class SubnetCommands6Test {
    private static final String HOST = """
            {"client-classes": [], "duid": "%s", "hostname": "%s", "ip-addresses": ["%s"], "option-data": [],
             "prefixes": []}""";

    /** Two subnets as Kea 3.0's kea-dhcp6 renders them in config-get (abridged), the first with two reservations. */
    private static ObjectNode config() {
        return (ObjectNode) KeaConfigJson.parse("""
                {"Dhcp6": {"valid-lifetime": 4000, "option-data": [],
                  "subnet6": [
                    {"id": 1, "subnet": "2001:db8:1::/64", "valid-lifetime": 4000,
                     "option-data": [{"always-send": false, "code": 23, "csv-format": true, "data": "2001:db8:1::1",
                                      "name": "dns-servers", "never-send": false, "space": "dhcp6"}],
                     "pools": [{"option-data": [], "pool": "2001:db8:1::100/120"}],
                     "pd-pools": [{"delegated-len": 64, "option-data": [], "prefix": "2001:db9:1::", "prefix-len": 56}],
                     "relay": {"ip-addresses": []},
                     "reservations": [%s, %s]},
                    {"id": 2, "subnet": "2001:db8:2::/64", "pools": [], "pd-pools": [], "option-data": [],
                     "relay": {"ip-addresses": []}, "reservations": []}]}}
                """.formatted(HOST.formatted("00:03:00:01:02:00:00:00:00:00", "host6-0", "2001:db8:1::a"),
                HOST.formatted("00:03:00:01:02:00:00:00:00:01", "host6-1", "2001:db8:1::b")));
    }

    private static List<Command> plan(ObjectNode before, KeaChange change) {
        ObjectNode after = change.appliedTo(before);
        List<Long> ids = SubnetCommands.touched(before, after).orElseThrow();
        assertEquals(Optional.of(ids), SubnetCommands.touched(before, after, KeaHotChange.subnetOf(change)),
                "compared on the change's subnet alone: " + change.describe());
        List<Command> out = new java.util.ArrayList<>();
        for (long id : ids) {
            out.addAll(SubnetCommands.plan(ServiceType.DHCPV6, SubnetCommands.subnet(before, id), SubnetCommands.subnet(after, id)));
        }
        return out;
    }

    @Test
    void aReservationByDuidWithAnAddressAndAPrefixIsAddedToTheRunningConfiguration() {
        List<Command> plan = plan(config(), new KeaChange.AddReservation("2001:db8:1::/64", null, "2001:db8:1::99",
                "cam", "00:01:00:01:AA:BB:CC:DD", "2001:db9:1:ff00::/64"));
        assertEquals(List.of("reservation-add"), names(plan));
        assertEquals(SubnetCommands.HOST_CMDS, plan.get(0).library());
        assertEquals("memory", plan.get(0).arguments().path("operation-target").asText());
        JsonNode r = plan.get(0).arguments().path("reservation");
        assertEquals(1, r.path("subnet-id").asLong());
        assertEquals("00:01:00:01:aa:bb:cc:dd", r.path("duid").asText());
        assertEquals("[\"2001:db8:1::99\"]", r.path("ip-addresses").toString());
        assertEquals("[\"2001:db9:1:ff00::/64\"]", r.path("prefixes").toString());
        assertEquals("cam", r.path("hostname").asText());
    }

    @Test
    void aReservationByMacAndOneRemovedByDuidUseTheirIdentifierTypes() {
        List<Command> mac = plan(config(), new KeaChange.AddReservation("2001:db8:2::/64", "02:AA:00:00:00:01",
                "2001:db8:2::98", null, null, null));
        assertEquals(List.of("reservation-add"), names(mac));
        assertEquals("02:aa:00:00:00:01", mac.get(0).arguments().path("reservation").path("hw-address").asText());
        assertEquals(2, mac.get(0).arguments().path("reservation").path("subnet-id").asLong());

        List<Command> del = plan(config(), new KeaChange.RemoveReservation("2001:db8:1::/64", null,
                "00:03:00:01:02:00:00:00:00:01"));
        assertEquals(List.of("reservation-del"), names(del));
        JsonNode a = del.get(0).arguments();
        assertEquals("duid", a.path("identifier-type").asText());
        assertEquals("00:03:00:01:02:00:00:00:00:01", a.path("identifier").asText());
        assertEquals(1, a.path("subnet-id").asLong());
    }

    @Test
    void poolsAndPrefixDelegationPoolsGoThroughTheSubnet6DeltaCommands() {
        List<Command> pool = plan(config(), new KeaChange.AddPool("2001:db8:1::/64", "2001:db8:1::20 - 2001:db8:1::2f"));
        assertEquals(List.of("subnet6-delta-add"), names(pool));
        JsonNode s = pool.get(0).arguments().path("subnet6").path(0);
        assertEquals(1, s.path("id").asLong());
        assertEquals("2001:db8:1::/64", s.path("subnet").asText());
        assertEquals(1, s.path("pools").size(), "only the new pool: " + s);

        List<Command> pd = plan(config(), new KeaChange.AddPdPool("2001:db8:1::/64", "2001:db9:2::/56", 64));
        assertEquals(List.of("subnet6-delta-add"), names(pd));
        JsonNode added = pd.get(0).arguments().path("subnet6").path(0).path("pd-pools");
        assertEquals("[{\"prefix\":\"2001:db9:2::\",\"prefix-len\":56,\"delegated-len\":64}]", added.toString());

        List<Command> noPd = plan(config(), new KeaChange.RemovePdPool("2001:db8:1::/64", "2001:db9:1::/56"));
        assertEquals(List.of("subnet6-delta-del"), names(noPd));
        // the pool's keys alone: with its option-data, Kea would remove those options instead of the pool
        assertEquals("[{\"prefix\":\"2001:db9:1::\",\"prefix-len\":56,\"delegated-len\":64}]",
                noPd.get(0).arguments().path("subnet6").path(0).path("pd-pools").toString());

        List<Command> noPool = plan(config(), new KeaChange.RemovePool("2001:db8:1::/64", "2001:db8:1::100 - 2001:db8:1::1ff"));
        assertEquals(List.of("subnet6-delta-del"), names(noPool));
        assertEquals("[{\"pool\":\"2001:db8:1::100/120\"}]",
                noPool.get(0).arguments().path("subnet6").path(0).path("pools").toString());
    }

    @Test
    void aSubnetOptionIsSetOrRemovedInTheDhcp6Space() {
        List<Command> set = plan(config(), new KeaChange.SetOption("2001:db8:2::/64", "dns-servers", "2001:db8:2::1"));
        assertEquals(List.of("subnet6-delta-add"), names(set));
        assertEquals("dns-servers", set.get(0).arguments().path("subnet6").path(0).path("option-data").path(0).path("name").asText());

        List<Command> removed = plan(config(), new KeaChange.SetOption("2001:db8:1::/64", "dns-servers", null));
        assertEquals(List.of("subnet6-delta-del"), names(removed));
        JsonNode ref = removed.get(0).arguments().path("subnet6").path(0).path("option-data").path(0);
        assertEquals(23, ref.path("code").asInt());
        assertEquals("dhcp6", ref.path("space").asText());
    }

    @Test
    void subnetsAreAddedUpdatedAndRemovedWithTheSubnet6Commands() {
        ObjectNode before = config();
        List<Command> add = plan(before, new KeaChange.AddSubnet("2001:db8:99::/64", 9L, List.of("2001:db8:99::10 - 2001:db8:99::20")));
        assertEquals(List.of("subnet6-add"), names(add));
        assertEquals(9, add.get(0).arguments().path("subnet6").path(0).path("id").asLong());
        assertEquals(SubnetCommands.SUBNET_CMDS, add.get(0).library());

        List<Command> remove = plan(before, new KeaChange.RemoveSubnet("2001:db8:1::/64"));
        assertEquals(List.of("reservation-del", "reservation-del", "subnet6-del"), names(remove));

        ObjectNode after = before.deepCopy();
        ((ObjectNode) SubnetCommands.subnet(after, 2).path("relay")).putArray("ip-addresses").add("2001:db8::1");
        List<Command> relay = SubnetCommands.plan(ServiceType.DHCPV6, SubnetCommands.subnet(before, 2), SubnetCommands.subnet(after, 2));
        assertEquals(List.of("subnet6-update"), names(relay));
        assertFalse(relay.get(0).arguments().path("subnet6").path(0).has("reservations"));
    }

    @Test
    void aGlobalOptionReachesBeyondSubnets() {
        ObjectNode before = config();
        ObjectNode after = new KeaChange.SetOption(null, "domain-search", "example.org").appliedTo(before);
        assertEquals(Optional.empty(), SubnetCommands.touched(before, after));
        assertEquals(Optional.empty(), SubnetCommands.touched(before, after, null));
    }

    @Test
    void aPrefixDelegationPoolSpelledOtherwiseIsTheSamePool() {
        ObjectNode before = config();
        ObjectNode after = before.deepCopy();
        ObjectNode pd = (ObjectNode) SubnetCommands.subnet(after, 1).path("pd-pools").get(0);
        pd.put("prefix", "2001:DB9:1:0::");
        List<Command> plan = SubnetCommands.plan(ServiceType.DHCPV6, SubnetCommands.subnet(before, 1), SubnetCommands.subnet(after, 1));
        // rewritten in place (delta-add overwrites the pool of the same key), never removed
        assertEquals(List.of("subnet6-delta-add"), names(plan));
    }

    private static List<String> names(List<Command> plan) {
        return plan.stream().map(Command::name).toList();
    }
}
