package tandem.app;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.ImportResult;
import tandem.core.Preferences;
import tandem.core.Relationship;
import tandem.core.RelationshipState;
import tandem.core.RelationshipStatus;
import tandem.core.ServiceType;
import tandem.kea.change.KeaChange;
import tandem.kea.change.KeaChangeService;
import tandem.lab.KeaLab;
import tandem.services.Services;

/** DHCPv6 relationships on real Kea 2.2 servers, through the services the console uses. */
@Tag("kea")
class KeaDhcp6LabTest {
    private static final String SUBNET = "2001:db8:77::/64";

    @TempDir Path data;

    private KeaLab lab;
    private Services services;

    private ImportResult.Accepted start(KeaLab.Service service, KeaLab.Mode mode, int servers, int backups) {
        lab = KeaLab.start(service, mode, servers, backups);
        lab.awaitStable(Duration.ofSeconds(30));
        services = Services.open(data);
        services.updatePreferences(tandem.kea.KeaSettings.preferences(Duration.ofSeconds(1), Duration.ofSeconds(1), null,
                tandem.kea.KeaSettings.of(Preferences.defaults()).controlAgentPort(), true));
        var added = services.inventory().add(Backend.KEA, "hq", ConnectionSettings.of(lab.caUrl(1)));
        return assertInstanceOf(ImportResult.Accepted.class, added, added::toString);
    }

    @AfterEach
    void stop() {
        if (services != null) services.close();
        if (lab != null) lab.close();
    }

    private RelationshipState awaitState(String rel, Predicate<RelationshipState> condition) {
        Instant deadline = Instant.now().plusSeconds(30);
        RelationshipState last = null;
        for (int i = 0; i < 200 && Instant.now().isBefore(deadline); i++) {
            last = services.poller().refresh().get(rel);
            if (last != null && condition.test(last)) return last;
            sleep(300);
        }
        return fail(rel + " not reached: " + last);
    }

    private KeaChangeService.Applied apply(KeaChange change) {
        var preview = services.changes().prepare("hq", change);
        return services.changes().apply(preview);
    }

    private static JsonNode subnet(JsonNode dhcp6, String prefix) {
        for (JsonNode s : dhcp6.path("subnet6")) if (s.path("subnet").asText().equals(prefix)) return s;
        return null;
    }

    private static boolean reserves(JsonNode dhcp6, String ip) {
        for (JsonNode s : dhcp6.path("subnet6")) {
            for (JsonNode r : s.path("reservations")) {
                for (JsonNode a : r.path("ip-addresses")) if (a.asText().equals(ip)) return true;
            }
        }
        return false;
    }

    @Test
    void aSubnet6WithPoolPdPoolReservationAndOptionReachesEveryPeerAndFallsBackToTheStandby() {
        var accepted = start(KeaLab.Service.DHCP6, KeaLab.Mode.HOT_STANDBY, 3, 1);
        assertEquals(ServiceType.DHCPV6, accepted.relationships().get(0).service());
        assertEquals(ServiceType.DHCPV6, services.inventory().relationships().get(0).service(), "stored as DHCPv6");
        awaitState("hq", s -> s.status() == RelationshipStatus.OK);
        JsonNode before2 = lab.dhcp6(2);

        apply(new KeaChange.AddSubnet(SUBNET, null, List.of("2001:db8:77::100 - 2001:db8:77::1ff")));
        apply(new KeaChange.AddPdPool(SUBNET, "2001:db9:77::/56", 64));
        var reservation = apply(new KeaChange.AddReservation(SUBNET, null, "2001:db8:77::10", "printer6",
                "00:03:00:01:02:aa:00:00:00:10", null));
        assertEquals(Map.of("server2", "verified", "server3", "verified"), reservation.peers());
        apply(new KeaChange.SetOption(SUBNET, "dns-servers", "2001:db8:77::53"));

        for (int i = 1; i <= 3; i++) {
            JsonNode s = subnet(lab.dhcp6(i), SUBNET);
            assertNotNull(s, "server" + i);
            assertEquals(1, s.path("pools").size(), "server" + i);
            assertEquals("2001:db9:77::", s.path("pd-pools").get(0).path("prefix").asText(), "server" + i);
            assertEquals("00:03:00:01:02:aa:00:00:00:10", s.path("reservations").get(0).path("duid").asText());
            JsonNode option = s.path("option-data").get(0);
            assertEquals("dns-servers", option.path("name").asText());
            assertEquals("2001:db8:77::53", option.path("data").asText());
        }
        // each peer keeps what is its own: its DUID file's directory, its socket, its name in the relationship
        JsonNode after2 = lab.dhcp6(2);
        for (String own : List.of("data-directory", "control-socket", "lease-database", "loggers")) {
            assertEquals(before2.path(own), after2.path(own), own);
        }
        assertTrue(after2.toString().contains("\"this-server-name\":\"server2\""));
        awaitState("hq", s -> s.status() == RelationshipStatus.OK);

        // the primary's daemon goes away: the standby is the source of truth, the primary gets it on return
        lab.killDhcp(1);
        awaitState("hq", s -> "server2".equals(s.assessment().sourceOfTruth()));
        var away = apply(new KeaChange.AddReservation(SUBNET, "02:bb:00:00:00:11", "2001:db8:77::11", null));
        assertEquals("server2", away.sourceOfTruth());
        assertTrue(away.pendingPrimary());
        assertTrue(reserves(lab.dhcp6(2), "2001:db8:77::11"));
        assertTrue(reserves(lab.dhcp6(3), "2001:db8:77::11"));
        lab.startDhcp(1);
        lab.awaitStable(Duration.ofSeconds(30));
        awaitState("hq", s -> "server1".equals(s.assessment().sourceOfTruth()));
        assertEquals(1, services.changes().replayJournal("hq"));
        assertTrue(reserves(lab.dhcp6(1), "2001:db8:77::11"), "the journaled change reached the primary");

        // undo of the first reservation removes it everywhere
        services.changes().apply(services.changes().prepareUndo(reservation.journalId()));
        for (int i = 1; i <= 3; i++) assertFalse(reserves(lab.dhcp6(i), "2001:db8:77::10"), "server" + i);
    }

    @Test
    void oneAgentFrontingDhcp4AndDhcp6GivesARelationshipPerServiceEachWithItsOwnStatus() {
        var accepted = start(KeaLab.Service.BOTH, KeaLab.Mode.LOAD_BALANCING, 2, 0);
        Map<String, ServiceType> byName = new java.util.TreeMap<>();
        for (Relationship r : accepted.relationships()) byName.put(r.name(), r.service());
        assertEquals(Map.of("hq", ServiceType.DHCPV4, "hq/dhcp6", ServiceType.DHCPV6), byName);
        awaitState("hq", s -> s.status() == RelationshipStatus.OK);
        awaitState("hq/dhcp6", s -> s.status() == RelationshipStatus.OK);

        lab.killDhcp(2, "dhcp6");
        awaitState("hq/dhcp6", s -> s.status() == RelationshipStatus.IMPAIRED);
        assertEquals(RelationshipStatus.OK, awaitState("hq", s -> true).status(), "DHCPv4 is untouched");

        // a change to one service stays in it
        apply(new KeaChange.AddSubnet("10.77.0.0/24", null, List.of()));
        assertNotNull(lab.dhcp4(2).path("subnet4").findValues("subnet").stream()
                .filter(n -> n.asText().equals("10.77.0.0/24")).findFirst().orElse(null));
        assertFalse(lab.dhcp6(1).toString().contains("10.77.0.0"));

        // adding the server again while its DHCPv6 daemon is down still imports the DHCPv4 relationship
        lab.killDhcp(1, "dhcp6");
        var again = services.inventory().importer(Backend.KEA).inspect("again", ConnectionSettings.of(lab.caUrl(1)));
        var ok = assertInstanceOf(ImportResult.Accepted.class, again, again::toString);
        assertEquals(List.of(ServiceType.DHCPV4), ok.relationships().stream().map(Relationship::service).toList());
        assertTrue(ok.notes().stream().anyMatch(n -> n.contains("The DHCPv6 server behind")), ok.notes().toString());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
