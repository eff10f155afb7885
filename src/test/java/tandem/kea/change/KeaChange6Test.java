package tandem.kea.change;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Changes to a DHCPv6 configuration: subnet6, pools, pd-pools, DUID reservations and options. */
class KeaChange6Test {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBNET = "2001:db8:1::/64";

    /** As Kea 2.2's config-get writes it: a range that is a whole prefix comes back as that prefix. */
    static ObjectNode config() {
        try {
            return (ObjectNode) JSON.readTree("""
                {"Dhcp6": {"server-id": {"type": "LLT"}, "option-data": [{"name": "dns-servers", "data": "2001:db8::53"}],
                  "subnet6": [{"id": 1, "subnet": "2001:db8:1::/64", "pools": [{"pool": "2001:db8:1::100/120"}],
                    "pd-pools": [{"prefix": "2001:db9:1::", "prefix-len": 56, "delegated-len": 64}],
                    "reservations": [{"duid": "00:03:00:01:02:00:00:00:00:01", "ip-addresses": ["2001:db8:1::a"],
                                      "prefixes": ["2001:db9:ff::/64"]}]}]}}""");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Stream<KeaChange> goodChanges() {
        return Stream.of(
                new KeaChange.AddSubnet("2001:DB8:2:0::/64", null, List.of("2001:db8:2::100 - 2001:db8:2::1ff")),
                new KeaChange.RemoveSubnet(SUBNET),
                new KeaChange.AddPool(SUBNET, "2001:db8:1::200 - 2001:db8:1::2ff"),
                new KeaChange.RemovePool(SUBNET, "2001:db8:1::100 - 2001:db8:1::1ff"),
                new KeaChange.AddPdPool(SUBNET, "2001:db9:2::/56", 64),
                new KeaChange.RemovePdPool(SUBNET, "2001:db9:1::/56"),
                new KeaChange.AddReservation(SUBNET, null, "2001:db8:1::b", "printer", "00:03:00:01:02:00:00:00:00:02", "2001:db9:fe::/64"),
                new KeaChange.AddReservation(SUBNET, "02:00:00:00:00:03", "2001:db8:1::c", null),
                new KeaChange.RemoveReservation(SUBNET, null, "00030001020000000001"),
                new KeaChange.SetOption(SUBNET, "dns-servers", "2001:db8:1::53"),
                new KeaChange.SetOption(null, "dns-servers", null));
    }

    @ParameterizedTest
    @MethodSource("goodChanges")
    void everyChangeHasAnInverseAndSurvivesTheJournal(KeaChange change) throws Exception {
        ObjectNode before = config();
        ObjectNode after = change.appliedTo(before);
        assertNotEquals(before, after, change.describe());
        ObjectNode restored = change.inverse(before).appliedTo(after);
        assertEquals(JSON.readTree(KeaConfigJson.canonical(before)), JSON.readTree(KeaConfigJson.canonical(restored)),
                change.describe());
        assertEquals(change, KeaChangeService.fromJson(KeaChangeService.toJson(change)));
    }

    @Test
    void aSubnetIsWrittenInItsShortFormAndFoundUnderAnySpelling() {
        ObjectNode after = new KeaChange.AddSubnet("2001:DB8:2:0::/64", null, List.of()).appliedTo(config());
        assertEquals("2001:db8:2::/64", after.path("Dhcp6").path("subnet6").get(1).path("subnet").asText());
        assertEquals(2, after.path("Dhcp6").path("subnet6").get(1).path("id").asInt());
        assertTrue(KeaConfigJson.subnet(after, "2001:db8:2:0:0::/64").isPresent());
        assertFalse(after.path("Dhcp6").has("subnet4"), "nothing DHCPv4 is added");
    }

    @Test
    void overlapsAndTheWrongFamilyAreRefusedNamingTheField() {
        assertRefused("subnet", "2001:db8:1:0:8000::/65 overlaps subnet 2001:db8:1::/64",
                new KeaChange.AddSubnet("2001:db8:1:0:8000::/65", null, List.of()));
        assertRefused("subnet", "10.0.0.0/24 is an IPv4 network; this is a DHCPv6 relationship",
                new KeaChange.AddSubnet("10.0.0.0/24", null, List.of()));
        assertRefused("pool", "overlaps pool 2001:db8:1::100 - 2001:db8:1::1ff",
                new KeaChange.AddPool(SUBNET, "2001:db8:1::1f0 - 2001:db8:1::2ff"));
        assertRefused("prefix", "Prefix-delegation pool 2001:db9:1:80::/57 overlaps 2001:db9:1::/56",
                new KeaChange.AddPdPool(SUBNET, "2001:db9:1:80::/57", 64));
        assertRefused("delegated-length", "The delegated length must be from 56",
                new KeaChange.AddPdPool(SUBNET, "2001:db9:2::/56", 48));
        assertRefused("ip", "10.0.0.9 is an IPv4 address; this is a DHCPv6 relationship",
                new KeaChange.AddReservation(SUBNET, "02:00:00:00:00:09", "10.0.0.9", null));
        assertRefused("ip", "2001:db8:1::a is already reserved for DUID 00:03:00:01:02:00:00:00:00:01",
                new KeaChange.AddReservation(SUBNET, "02:00:00:00:00:09", "2001:db8:1::a", null));
        assertRefused("duid", "already has a reservation",
                new KeaChange.AddReservation(SUBNET, null, "2001:db8:1::99", null, "00:03:00:01:02:00:00:00:00:01", null));
        assertRefused("prefix", "overlaps 2001:db9:ff::/64",
                new KeaChange.AddReservation(SUBNET, null, null, null, "00:03:00:01:02:00:00:00:00:07", "2001:db9:ff::/56"));
        assertRefused("ip", "is not within subnet 2001:db8:1::/64",
                new KeaChange.AddReservation(SUBNET, "02:00:00:00:00:09", "2001:db8:9::1", null));
    }

    @Test
    void aDhcp4ConfigurationRefusesWhatOnlyDhcp6Has() throws Exception {
        ObjectNode v4 = (ObjectNode) JSON.readTree("{\"Dhcp4\": {\"subnet4\": [{\"id\": 1, \"subnet\": \"10.0.0.0/24\"}]}}");
        ChangeRefused e = assertThrows(ChangeRefused.class,
                () -> new KeaChange.AddPdPool("10.0.0.0/24", "2001:db9::/56", 64).appliedTo(v4));
        assertEquals("prefix", e.field());
        e = assertThrows(ChangeRefused.class, () -> new KeaChange.AddReservation("10.0.0.0/24", null, "10.0.0.5", null,
                "00:03:00:01:02:00:00:00:00:01", null).appliedTo(v4));
        assertEquals("duid", e.field());
        e = assertThrows(ChangeRefused.class, () -> new KeaChange.AddSubnet("2001:db8::/64", null, List.of()).appliedTo(v4));
        assertTrue(e.getMessage().contains("is an IPv6 prefix; this is a DHCPv4 relationship"), e.getMessage());
    }

    @Test
    void aPeerKeepsItsOwnServerIdWhenTheSourceOfTruthsConfigurationIsCopied() throws Exception {
        ObjectNode truth = config();
        ObjectNode peer = config();
        ((ObjectNode) peer.path("Dhcp6")).set("server-id", JSON.readTree("{\"type\": \"EN\", \"enterprise-id\": 2495}"));
        JsonNode forPeer = PeerOwnedKeys.forPeer(truth, peer);
        assertEquals(peer.path("Dhcp6").path("server-id"), forPeer.path("Dhcp6").path("server-id"));
        assertTrue(PeerOwnedKeys.inSync(truth, peer));
    }

    private static void assertRefused(String field, String message, KeaChange change) {
        ChangeRefused e = assertThrows(ChangeRefused.class, () -> change.appliedTo(config()), change.describe());
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
