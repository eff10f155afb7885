package tandem.app;

import tandem.services.Services;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.Preferences;
import tandem.core.RelationshipState;
import tandem.core.RelationshipStatus;
import tandem.kea.KeaReply;
import tandem.kea.change.KeaChange;
import tandem.lab.KeaLab;

/**
 * What the background service does without anyone asking, in the console and in `tandem watch`: synchronize a
 * backup that missed a change, replay the journal on a returning primary, notice an outside config-set.
 */
@Tag("kea")
class BackgroundSyncLabTest {
    @TempDir Path data;

    private KeaLab lab;
    private Services services;
    private Process watch;

    @AfterEach
    void stop() throws Exception {
        System.clearProperty("tandem.outsideCheckSeconds");
        if (watch != null) {
            watch.destroy();
            if (!watch.waitFor(20, TimeUnit.SECONDS)) watch.destroyForcibly();
        }
        if (services != null) services.close();
        if (lab != null) lab.close();
    }

    private void start() {
        lab = KeaLab.start(KeaLab.Mode.HOT_STANDBY, 3, 1);
        lab.awaitStable(Duration.ofSeconds(30));
        services = Services.open(data);
        services.updatePreferences(tandem.kea.KeaSettings.preferences(Duration.ofSeconds(1), Duration.ofSeconds(1), null, 8000, true));
        services.inventory().add(Backend.KEA, "hq", ConnectionSettings.of(lab.caUrl(1)));
    }

    private JsonNode config(int server) {
        KeaReply r = services.kea().configGet(lab.endpoint(server));
        return r.isSuccess() ? ((KeaReply.Success) r).arguments() : null;
    }

    private boolean hasReservation(int server, String ip) {
        try {
            return KeaLab.hasReservation(lab.dhcp4(server), ip);
        } catch (IllegalStateException notAnsweringYet) {
            return false;
        }
    }

    private RelationshipState state() { return services.poller().refresh().get("hq"); }

    private static void await(String what, int seconds, BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(seconds);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) return;
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        fail(what + " did not happen within " + seconds + " s");
    }

    private void reserve(String ip, String mac) {
        var preview = services.changes().prepare("hq", new KeaChange.AddReservation("10.10.0.0/24", mac, ip, null));
        var applied = services.changes().apply(preview);
        assertTrue(applied.peers().get("server3").startsWith("offline"), applied.peers().toString());
    }

    @Test
    void theConsolesBackgroundServiceSynchronizesAReturningBackup() {
        start();
        services.startBackground();
        await("OK", 20, () -> services.poller().states().get("hq") != null
                && services.poller().states().get("hq").status() == RelationshipStatus.OK);
        lab.killDhcp(3);
        await("backup offline", 20, () -> !services.poller().states().get("hq").peers().get("server3").up());
        reserve("10.10.0.90", "02:bb:00:00:00:90");
        assertFalse(services.replicationStore().outOfSync("hq").isEmpty());

        lab.startDhcp(3);
        await("the backup synchronized by itself", 40, () -> hasReservation(3, "10.10.0.90"));
        await("marked in sync", 20, () -> services.replicationStore().outOfSync("hq").isEmpty());
        assertTrue(services.stateStore().events(20).stream().anyMatch(e -> e.reason().contains("server3 was synchronized")));
    }

    @Test
    void tandemWatchSynchronizesAReturningBackupAndReplaysTheJournalOnAReturningPrimary() throws Exception {
        start();
        File log = Files.createTempFile("tandem-watch", ".log").toFile();
        watch = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "tandem.app.Launcher", "--data", data.toString(), "watch")
                .redirectErrorStream(true).redirectOutput(log).start();
        await("watch started", 30, () -> read(log).contains("Watching 1 relationship"));

        lab.killDhcp(3);
        await("backup offline", 20, () -> !state().peers().get("server3").up());
        reserve("10.10.0.91", "02:bb:00:00:00:91");
        lab.startDhcp(3);
        await("tandem watch synchronized the backup", 40, () -> hasReservation(3, "10.10.0.91"));

        lab.killDhcp(1);
        await("standby took over", 20, () -> "server2".equals(state().assessment().sourceOfTruth()));
        var applied = services.changes().apply(services.changes().prepare("hq",
                new KeaChange.AddReservation("10.10.0.0/24", "02:bb:00:00:00:92", "10.10.0.92", null)));
        assertTrue(applied.pendingPrimary());
        lab.startDhcp(1);
        await("tandem watch replayed the journal on the primary", 60, () -> hasReservation(1, "10.10.0.92"));
        assertTrue(hasReservation(1, "10.10.0.91"), "the earlier change is still there");
        await("journal settled", 20, () -> services.replicationStore().pending("hq").isEmpty());
        assertTrue(hasReservation(2, "10.10.0.92"));
        // the journal empties a moment before watch prints the event that says so
        await("tandem watch reported the replay", 10,
                () -> read(log).contains("received 1 change(s) made while it was away"));
    }

    @Test
    void aConfigSetFromOutsideIsNoticedAndShown() {
        System.setProperty("tandem.outsideCheckSeconds", "1");
        start();
        services.close();
        services = Services.open(data); // picks up the short check interval
        services.startBackground();
        await("a first look at the configuration", 20, () ->
                services.stateStore().latestSnapshot("hq", "server1").isPresent());
        ObjectNode raw = (ObjectNode) config(1);
        new KeaChange.SetOption(null, "domain-name", "outside.example").applyTo(raw);
        KeaReply set = services.kea().send(lab.endpoint(1).withTimeout(Duration.ofSeconds(30)), "config-set", "dhcp4", raw);
        assertTrue(set.isSuccess(), set.toString());
        try {
            await("the outside change in the event history", 30, () -> services.stateStore().events(20).stream()
                    .anyMatch(e -> e.reason().contains("changed outside the console") && e.reason().contains("outside.example")));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; events: " + services.stateStore().events(20), e);
        }
    }

    private static String read(File f) {
        try {
            return Files.readString(f.toPath());
        } catch (java.io.IOException e) {
            return "";
        }
    }

}
