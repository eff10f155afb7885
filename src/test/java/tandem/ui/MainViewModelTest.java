package tandem.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tandem.core.Backend;
import tandem.core.HaMode;
import tandem.core.HaParameters;
import tandem.core.Preferences;
import tandem.core.Relationship;
import tandem.core.RelationshipStatus;
import tandem.ui.ConsoleNode.PeerItem;
import tandem.ui.ConsoleNode.RelationshipItem;

class MainViewModelTest {
    private TestConsole console;

    private MainViewModel started(TestConsole c) {
        console = c;
        MainViewModel vm = new MainViewModel(c.inventory(), c.poller(), c.stateStore(), c::preferences,
                BackgroundTasks.direct(), ZoneOffset.UTC, (rel, state) -> List.of(), null, c::replication);
        vm.start(false);
        return vm;
    }

    private static TestConsole withLastKnown(Preferences prefs, List<Relationship> rels) {
        return new TestConsole(rels, Fixtures.states(false, Fixtures.T0.minusSeconds(300)).stream()
                .filter(s -> rels.contains(s.relationship())).toList(), Fixtures.history(), prefs,
                Clock.fixed(Fixtures.T0, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        if (console != null) console.close();
    }

    @Test
    void aFirstPollOfThousandsWaitsForTheWindowToPaintAndASmallOneHardlyWaits() {
        assertEquals(java.time.Duration.ofMillis(2), MainViewModel.firstPollAfter(10));
        assertEquals(java.time.Duration.ofMillis(200), MainViewModel.firstPollAfter(1_000));
        assertEquals(java.time.Duration.ofSeconds(2), MainViewModel.firstPollAfter(10_000));
        assertEquals(java.time.Duration.ofSeconds(2), MainViewModel.firstPollAfter(100_000));
    }

    @Test
    void showsLastKnownStatesAsStaleUntilAPollConfirmsThem() {
        MainViewModel vm = started(withLastKnown(Preferences.defaults(), Fixtures.ALL));
        assertEquals(MainViewModel.NOT_POLLED, vm.lastPollProperty().get());
        assertEquals(4, vm.nodes().size());
        RelationshipItem west = vm.relationship("dhcp-west").orElseThrow();
        assertTrue(west.stale());
        assertEquals(RelationshipStatus.IMPAIRED, west.status());
        assertEquals(List.of("west1", "west2 — source of truth", "west3"),
                west.children().stream().map(PeerItem::title).toList());
        assertTrue(vm.relationship("lab-kea").orElseThrow().children().isEmpty(), "a standalone server is one node");
        assertEquals(4, vm.unconfirmedProperty().get());
        assertEquals(4, vm.events().size());
        assertEquals("dhcp-west", vm.events().get(0).relationship(), "newest first");
        assertEquals("dhcp-east", vm.detailsProperty().get().name(), "the first relationship is selected");

        // the poll finds dhcp-west healthy again
        console.probe.answer("dhcp-west", Fixtures.up("west1", "hot-standby", "primary", 0L, Fixtures.T0));
        console.probe.answer("dhcp-west", Fixtures.up("west2", "hot-standby", "standby", 0L, Fixtures.T0));
        console.probe.answer("dhcp-west", Fixtures.up("west3", "backup", "backup", 0L, Fixtures.T0));
        console.poller.pollOnce();
        assertEquals("Last poll: 09:26:53", vm.lastPollProperty().get());
        RelationshipItem after = vm.relationship("dhcp-west").orElseThrow();
        assertFalse(after.stale());
        assertEquals(RelationshipStatus.OK, after.status());
        assertEquals(0, vm.unconfirmedProperty().get());
        assertEquals(1, vm.countsProperty().get().get(RelationshipStatus.OK));
        assertEquals(3, vm.countsProperty().get().get(RelationshipStatus.UNREACHABLE));
        // dhcp-east and branch-north became unreachable (the probe knows nothing of them), dhcp-west recovered
        assertEquals(7, vm.events().size(), "live events are added on top of the history");
        assertEquals(Fixtures.T0, vm.events().get(0).at());
        assertTrue(vm.events().stream().limit(3).anyMatch(e -> e.relationship().equals("dhcp-west")
                && e.from() == RelationshipStatus.IMPAIRED && e.to() == RelationshipStatus.OK));
    }

    @Test
    void detailsDescribeTheSelectedRelationship() {
        MainViewModel vm = started(withLastKnown(Preferences.defaults(), Fixtures.ALL));
        vm.select("dhcp-west");
        RelationshipDetails d = vm.detailsProperty().get();
        assertEquals(RelationshipStatus.IMPAIRED, d.status());
        assertEquals("west2", d.sourceOfTruth());
        assertEquals("hot-standby", d.mode());
        assertTrue(d.reasons().contains("Primary west1 is offline: its control endpoint does not answer"));
        assertEquals(List.of("west1: Connection refused (10.2.0.11:8000)"), d.peerProblems(),
                "the cause is shown with the reason, not only at the end of the peer table");
        assertEquals("1 s", d.timers().get(0).value());
        assertEquals(3, vm.peerRows().size());
        PeerRow west2 = vm.peerRows().get(1);
        assertEquals("+42 s", west2.clockSkew());
        assertEquals("skew-warning", west2.skewStyleClass());
        assertEquals("partner-down", west2.haState());
        assertTrue(west2.sourceOfTruth());
        assertEquals("no", vm.peerRows().get(0).reachable());
        vm.select(null);
        assertNull(vm.detailsProperty().get());
        assertTrue(vm.peerRows().isEmpty());
    }

    @Test
    void replicatedIsFalseForSharedConfigurationsDisabledReplicationAndStandaloneServers() {
        Relationship shared = new Relationship("shared", "shared", Backend.KEA, HaMode.LOAD_BALANCING,
                Fixtures.EAST.peers(), true, HaParameters.NONE);
        MainViewModel vm = started(withLastKnown(Preferences.defaults(), List.of(Fixtures.EAST, Fixtures.LAB, shared)));
        vm.select("dhcp-east");
        assertTrue(vm.detailsProperty().get().replicated());
        assertEquals("Yes", vm.detailsProperty().get().replicatedText());
        vm.select("shared");
        assertFalse(vm.detailsProperty().get().replicated());
        assertEquals("No (the servers share a configuration backend)", vm.detailsProperty().get().replicatedText());
        assertNull(vm.detailsProperty().get().status(), "never polled");
        vm.select("lab-kea");
        assertFalse(vm.detailsProperty().get().replicated());

        console.preferences = tandem.kea.KeaSettings.preferences(Duration.ofSeconds(10), Duration.ofSeconds(2), null, 8000, false);
        vm.select("dhcp-east");
        vm.preferencesChanged();
        assertFalse(vm.detailsProperty().get().replicated());
        assertEquals("No (turned off in Preferences)", vm.detailsProperty().get().replicatedText());
    }

    @Test
    void removingAServerDropsItsRelationships() {
        MainViewModel vm = started(withLastKnown(Preferences.defaults(), Fixtures.ALL));
        assertEquals(List.of("branch-north"), vm.relationshipsOf("branch-north"));
        vm.removeServer("branch-north");
        assertTrue(vm.relationship("branch-north").isEmpty());
        assertEquals(3, vm.nodes().size());
        assertEquals("Removed branch-north", vm.messageProperty().get());
    }
}
