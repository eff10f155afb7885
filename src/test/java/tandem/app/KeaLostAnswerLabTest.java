package tandem.app;

import tandem.services.Services;
import static org.junit.jupiter.api.Assertions.*;
import static tandem.lab.KeaLab.hasReservation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.ImportResult;
import tandem.core.port.AuditStore;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.core.port.ReplicationStore.Status;
import tandem.core.port.ReplicationStore.Target;
import tandem.core.port.ReplicationStore.TargetOutcome;
import tandem.kea.change.ChangeRefused;
import tandem.kea.change.KeaChange;
import tandem.lab.KeaLab;
import tandem.lab.SlowAgentProxy;

/**
 * A config-set whose answer never comes (a slow agent) is not reported as "nothing was changed": its outcome is
 * unknown until the server is read, and the read decides. The console reaches the primary through a relay that
 * holds the config-set's answer back, or never delivers the command.
 */
@Tag("kea")
class KeaLostAnswerLabTest {
    private static final Duration CONFIG_TIMEOUT = Duration.ofSeconds(3);
    private static KeaLab lab;

    @TempDir Path data;

    @BeforeAll
    static void startLab() {
        lab = KeaLab.start(KeaLab.Mode.LOAD_BALANCING, 2, 0);
        lab.awaitStable(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) lab.close();
    }

    private Services through(SlowAgentProxy proxy) {
        Services services = Services.open(data, "the console", CONFIG_TIMEOUT);
        ImportResult added = services.inventory().add(Backend.KEA, "pair", ConnectionSettings.of(proxy.url()));
        assertInstanceOf(ImportResult.Accepted.class, added, added::toString);
        services.poller().refresh();
        return services;
    }

    private static KeaChange reservation(String ip, String mac) {
        return new KeaChange.AddReservation("10.10.0.0/24", mac, ip, null);
    }

    @Test
    void anAnswerHeldBackIsSettledAsAppliedByReadingTheServer() throws Exception {
        try (SlowAgentProxy proxy = new SlowAgentProxy(lab.caUrl(1), "config-set", SlowAgentProxy.Mode.ANSWER_LATE,
                Duration.ofSeconds(8));
             Services services = through(proxy)) {
            var preview = services.changes().prepare("pair", reservation("10.10.0.241", "02:e1:00:00:00:01"));
            var applied = services.changes().apply(preview);
            assertEquals(1, proxy.slowed(), "the config-set went through the relay");
            assertEquals("verified", applied.peers().get("server2"));
            assertTrue(hasReservation(lab.dhcp4(1), "10.10.0.241"));
            assertTrue(hasReservation(lab.dhcp4(2), "10.10.0.241"));

            JournalEntry entry = services.replicationStore().entry(applied.journalId()).orElseThrow();
            assertEquals(Status.APPLIED, entry.status());
            Target sot = target(services, entry, "server1");
            assertEquals(TargetOutcome.APPLIED, sot.outcome());
            assertTrue(sot.detail().contains("got no answer") && sot.detail().contains("shows it took the change"),
                    sot.detail());
            AuditStore.AuditRecord audit = services.auditStore().find(AuditStore.Query.all(5)).get(0);
            assertEquals("applied", audit.outcome());
            assertTrue(audit.servers().get("server1").contains("shows it took the change"), audit.servers().toString());
        }
    }

    @Test
    void aCommandThatNeverArrivedIsSettledAsNotAppliedByReadingTheServer() throws Exception {
        try (SlowAgentProxy proxy = new SlowAgentProxy(lab.caUrl(1), "config-set", SlowAgentProxy.Mode.NEVER_DELIVER,
                Duration.ofSeconds(5));
             Services services = through(proxy)) {
            var preview = services.changes().prepare("pair", reservation("10.10.0.242", "02:e1:00:00:00:02"));
            ChangeRefused refused = assertThrows(ChangeRefused.class, () -> services.changes().apply(preview));
            assertTrue(refused.getMessage().contains("got no answer"), refused.getMessage());
            assertTrue(refused.getMessage().contains("did not take the change. Nothing was changed"), refused.getMessage());
            assertFalse(hasReservation(lab.dhcp4(1), "10.10.0.242"));
            assertFalse(hasReservation(lab.dhcp4(2), "10.10.0.242"));

            JournalEntry entry = services.replicationStore().recent(1).get(0);
            assertEquals(Status.FAILED, entry.status());
            assertEquals(TargetOutcome.FAILED, target(services, entry, "server1").outcome());
            assertTrue(services.replicationStore().unsettled().isEmpty());
            assertTrue(services.auditStore().find(AuditStore.Query.all(5)).get(0).outcome().startsWith("not applied"));
        }
    }

    private static Target target(Services services, JournalEntry entry, String server) {
        List<Target> targets = services.replicationStore().targets(entry.id());
        return targets.stream().filter(t -> t.server().equals(server)).findFirst()
                .orElseThrow(() -> new AssertionError("no outcome for " + server + ": " + targets));
    }
}
