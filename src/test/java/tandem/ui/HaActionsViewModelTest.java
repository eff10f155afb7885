package tandem.ui;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tandem.core.ConfigCheck;
import tandem.core.backend.ActionPlan;
import tandem.core.backend.ActionRequest;
import tandem.core.HaActionOutcome;
import tandem.core.Preferences;

/** The details pane's checks and the HA actions as the view model plans, sends and reports them. */
class HaActionsViewModelTest {
    private TestConsole console;

    @AfterEach
    void close() {
        if (console != null) console.close();
    }

    private MainViewModel started() {
        console = new TestConsole(Fixtures.ALL, Fixtures.states(false, Fixtures.T0), List.of(),
                Preferences.defaults(), Clock.fixed(Fixtures.T0, ZoneOffset.UTC));
        console.checks.put("dhcp-west", List.of(ConfigCheck.warning("max-unacked-clients is 0: partner-down at once"),
                ConfigCheck.error("server lacks libdhcp_lease_cmds.so: HA cannot synchronize leases")));
        MainViewModel vm = new MainViewModel(console.inventory(), console.poller(), console.stateStore(),
                console::preferences, BackgroundTasks.direct(), ZoneOffset.UTC, console.configChecks(),
                console.haActions(), console::replication);
        vm.start(false);
        return vm;
    }

    @Test
    void theSelectedRelationshipShowsItsChecksErrorsFirst() {
        MainViewModel vm = started();
        vm.select("dhcp-west");
        List<ConfigCheck> checks = vm.detailsProperty().get().checks();
        assertEquals(List.of(ConfigCheck.Severity.ERROR, ConfigCheck.Severity.WARNING),
                checks.stream().map(ConfigCheck::severity).toList());
        vm.select("dhcp-east");
        assertTrue(vm.detailsProperty().get().checks().isEmpty());
    }

    @Test
    void actionsArePlannedFromTheLastPollSentAndReported() {
        MainViewModel vm = started();
        assertTrue(vm.actionsOffered("lab-kea").isEmpty(), "a standalone server has no HA actions");
        assertEquals(List.of("maintenance-start", "maintenance-cancel", "sync", "continue", "reset", "scopes"),
                vm.actionsOffered("dhcp-west").stream().map(k -> k.id()).toList());
        // west1 is unreachable and west2 is the source of truth in partner-down: west1 cannot go into maintenance
        var refused = assertInstanceOf(ActionPlan.Refused.class,
                vm.planAction("dhcp-west", ActionRequest.of("maintenance-start", null)));
        assertTrue(refused.reason().contains("west1 is offline"), refused.reason());
        var ready = assertInstanceOf(ActionPlan.Ready.class,
                vm.planAction("dhcp-east", ActionRequest.of("maintenance-start", null)));
        assertEquals(List.of("east1"), ready.action().targets());

        console.actionOutcome = new HaActionOutcome(HaActionOutcome.Result.REFUSED,
                "Start maintenance did not succeed: east1: Unable to transition", List.of());
        vm.runAction(ready.action());
        assertEquals(List.of(ready.action()), console.actionsSent);
        assertEquals(MessageKind.ERROR, vm.messageKindProperty().get());
        assertTrue(vm.messageProperty().get().contains("Unable to transition"));
        assertEquals(HaActionOutcome.Result.REFUSED, vm.lastOutcomeProperty().get().result());
    }
}
