package tandem.ui.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tandem.ui.BackgroundTasks;
import tandem.ui.MessageKind;
import tandem.ui.windows.CreateRelationshipViewModel.Step;
import tandem.windows.FailoverMode;
import tandem.windows.FailoverRules;
import tandem.windows.FieldProblem;
import tandem.windows.ScopeConfig;
import tandem.windows.ScopeDiff;
import tandem.windows.WinReservation;
import tandem.windows.WindowsChangeService.ReplicationPlan;
import tandem.windows.WindowsChangeService.ScopeOutcome;

/** The Windows dialogs' view models, without JavaFX's toolkit: every background step runs on the test's thread. */
class WindowsDialogViewModelsTest {
    private final BackgroundTasks direct = BackgroundTasks.direct();
    private final AtomicInteger changed = new AtomicInteger();
    private final FakeWindowsChanges fake = new FakeWindowsChanges()
            .server("dhcp1", List.of(FakeWindowsChanges.loadBalance("fo1", "dhcp2", "10.1.0.0")),
                    FakeWindowsChanges.scope("10.1.0.0", "s1"), FakeWindowsChanges.scope("10.2.0.0", "s2"),
                    FakeWindowsChanges.scope("10.3.0.0", "s3"))
            .server("dhcp2", List.of(FakeWindowsChanges.loadBalance("fo1", "dhcp1", "10.1.0.0")),
                    FakeWindowsChanges.scope("10.1.0.0", "s1"));

    private CreateRelationshipViewModel create() {
        CreateRelationshipViewModel vm = new CreateRelationshipViewModel(fake, direct, "dhcp1", changed::incrementAndGet);
        vm.load();
        return vm;
    }

    @Test
    void createOffersTheOtherServersAndTheFreeScopesAndNamesTheRelationshipAfterBoth() {
        CreateRelationshipViewModel vm = create();
        assertEquals(List.of("dhcp2"), vm.partners());
        assertEquals("dhcp2", vm.partnerProperty().get(), "the only partner is chosen");
        assertEquals("dhcp1-dhcp2", vm.nameProperty().get());
        assertEquals(List.of("10.2.0.0", "10.3.0.0"), vm.scopes().stream().map(ScopeChoice::scopeId).toList(),
                "10.1.0.0 is in fo1 already");
        assertTrue(vm.validProperty().get());
    }

    @Test
    void createChecksEachFieldAsItIsTypedAndShowsTheProblemThere() {
        CreateRelationshipViewModel vm = create();
        vm.mcltProperty().set("0");
        assertNotNull(vm.problems().get(FailoverRules.MCLT), "MCLT must be above 0");
        assertFalse(vm.validProperty().get());
        vm.mcltProperty().set("abc");
        assertEquals("Must be a whole number, not abc", vm.problems().get(FailoverRules.MCLT));
        vm.mcltProperty().set("1800");
        assertNull(vm.problems().get(FailoverRules.MCLT));
        vm.loadBalanceProperty().set("120");
        assertNotNull(vm.problems().get(FailoverRules.LOAD_BALANCE_PERCENT));
        // hot standby does not use the load-balance share, so its problem goes
        vm.modeProperty().set(FailoverMode.HOT_STANDBY);
        assertNull(vm.problems().get(FailoverRules.LOAD_BALANCE_PERCENT));
        vm.reserveProperty().set("-1");
        assertNotNull(vm.problems().get(FailoverRules.RESERVE_PERCENT));
        vm.reserveProperty().set("10");
        vm.nameProperty().set("");
        assertNotNull(vm.problems().get(FailoverRules.NAME));
        assertFalse(vm.validProperty().get());
        vm.nameProperty().set("fo2");
        assertTrue(vm.validProperty().get());
        assertNull(vm.request().loadBalancePercent(), "hot standby sends no load-balance share");
        assertEquals(10, vm.request().reservePercent());
    }

    @Test
    void createSummarisesEveryValueThenPlansAndAppliesWithTheSecretHidden() {
        CreateRelationshipViewModel vm = create();
        vm.secretProperty().set("s3cret!");
        vm.switchoverProperty().set("300");
        vm.scopes().get(0).selectedProperty().set(true);
        vm.next();
        assertEquals(Step.SUMMARY, vm.stepProperty().get());
        String summary = vm.summary().toString();
        assertTrue(summary.contains("Scopes, value=10.2.0.0"), summary);
        assertTrue(summary.contains("300 s (5 min)"), summary);
        assertTrue(summary.contains("set (hidden)"), summary);
        assertFalse(summary.contains("s3cret!"), summary);
        assertEquals(List.of("create dhcp1-dhcp2 dhcp1 dhcp2 load-balance [10.2.0.0]"), fake.calls);
        assertEquals(List.of("s3cret!"), fake.secrets, "the secret goes to the plan, nowhere else");
        assertFalse(vm.review().diff().isEmpty());
        vm.review().apply();
        assertEquals(1, fake.applied.size());
        assertEquals(MessageKind.SUCCESS, vm.review().kindProperty().get());
        assertEquals(1, changed.get());
        vm.back();
        assertEquals(Step.SUMMARY, vm.stepProperty().get(), "an applied change stays shown");
    }

    @Test
    void aRefusalFromTheServersGoesBackToTheFormAtItsField() {
        CreateRelationshipViewModel vm = create();
        fake.refuse = List.of(new FieldProblem(FailoverRules.NAME, "dhcp2 already has a relationship named dhcp1-dhcp2"),
                new FieldProblem("--server", "the clocks are 2 minutes apart"));
        vm.next();
        assertEquals(Step.FORM, vm.stepProperty().get());
        assertEquals("Dhcp2 already has a relationship named dhcp1-dhcp2", vm.problems().get(FailoverRules.NAME));
        assertEquals("The clocks are 2 minutes apart", vm.review().messageProperty().get());
        assertNull(vm.review().planProperty().get());
        assertTrue(fake.applied.isEmpty());
    }

    @Test
    void addScopeOffersTheFreeScopesAndRemoveTheRelationshipsOwn() {
        ScopeFailoverViewModel add = new ScopeFailoverViewModel(fake, direct, "dhcp1", "fo1", true, changed::incrementAndGet);
        add.load();
        assertEquals(List.of("10.2.0.0", "10.3.0.0"), add.scopes().stream().map(ScopeChoice::scopeId).toList());
        add.preview();
        assertEquals("Check at least one scope", add.problems().get(FailoverRules.SCOPE_IDS));
        add.scopes().get(1).selectedProperty().set(true);
        assertNull(add.problems().get(FailoverRules.SCOPE_IDS), "checking a scope clears the problem");
        add.preview();
        assertEquals(List.of("scope-add fo1 [10.3.0.0]"), fake.calls);
        add.review().apply();
        assertEquals(1, fake.applied.size());

        ScopeFailoverViewModel remove = new ScopeFailoverViewModel(fake, direct, "dhcp1", "fo1", false, changed::incrementAndGet);
        remove.load();
        assertEquals(List.of("10.1.0.0"), remove.scopes().stream().map(ScopeChoice::scopeId).toList());
    }

    @Test
    void removeAsksTheSurvivorFirstThenDeleteOrDisable() {
        RemoveRelationshipViewModel vm = new RemoveRelationshipViewModel(fake, direct, "fo1", List.of("dhcp1", "dhcp2"),
                changed::incrementAndGet);
        vm.preview();
        assertNotNull(vm.problems().get(RemoveRelationshipViewModel.KEEP_ON));
        vm.keepOnProperty().set("dhcp2");
        assertEquals("dhcp1", vm.otherServer().get());
        vm.preview();
        assertTrue(vm.problems().get(RemoveRelationshipViewModel.OTHER).contains("dhcp1"));
        vm.otherProperty().set(RemoveRelationshipViewModel.Other.DISABLE);
        vm.preview();
        assertEquals(List.of("remove fo1 keep dhcp2 disable"), fake.calls);
        vm.review().apply();
        assertEquals("remove", fake.applied.get(0).operation().op());
    }

    @Test
    void replicateShowsWhatEachDestinationLosesAndGainsThenEachOutcomeWithProgress() {
        WinReservation printer = new WinReservation("10.1.0.0", "10.1.0.50", "02-00-00-00-00-50", "printer", "Dhcp", "");
        ScopeConfig source = new ScopeConfig(FakeWindowsChanges.scope("10.1.0.0", "s1"), null, List.of(printer), null);
        ScopeConfig dest = new ScopeConfig(FakeWindowsChanges.scope("10.1.0.0", "s1-old"), null, null, null);
        ScopeDiff diff = ScopeDiff.between(source, dest);
        ScopeDiff same = ScopeDiff.between(source, source);
        fake.replication = new ReplicationPlan(null, "dhcp1", List.of(diff, same), java.util.Map.of("10.1.0.0", "dhcp2"));
        fake.outcomes = List.of(new ScopeOutcome("10.1.0.0", "dhcp2", true, "read back: identical"));
        ReplicateViewModel vm = new ReplicateViewModel(fake, direct, "fo1", List.of("dhcp1", "dhcp2"), null, changed::incrementAndGet);
        vm.load();
        assertEquals(List.of("10.1.0.0"), vm.scopeIds());
        assertEquals(ReplicateViewModel.What.RELATIONSHIP, vm.whatProperty().get());
        assertNull(vm.sourceProperty().get().server(), "the source of truth by default");
        vm.preview();
        assertTrue(fake.calls.get(0).contains("relationship=fo1") && fake.calls.get(0).endsWith("from null"), fake.calls.toString());
        ReplicateViewModel.ScopeRow row = vm.rows().get(0);
        assertEquals("dhcp2", row.destination());
        assertTrue(row.summary().contains("reservation"), row.summary());
        assertTrue(row.gains().stream().anyMatch(i -> i.text().contains("10.1.0.50")), row.gains().toString());
        assertTrue(row.loses().stream().anyMatch(i -> i.kind() == ScopeDiff.Kind.PROPERTY), row.loses().toString());
        assertTrue(vm.canApply());
        vm.apply();
        assertEquals(List.of("10.1.0.0"), vm.outcomes().stream().map(ScopeOutcome::scopeId).toList());
        assertEquals(1.0, vm.progressProperty().get());
        assertEquals("Scope 2 of 2", vm.progressTextProperty().get());
        assertEquals(MessageKind.SUCCESS, vm.kindProperty().get());
        assertFalse(vm.canApply(), "applied once");

        ReplicateViewModel fromScope = new ReplicateViewModel(fake, direct, "fo1", List.of("dhcp1", "dhcp2"), "10.1.0.0", () -> {});
        fromScope.sourceProperty().set(fromScope.sources().get(2));
        fromScope.preview();
        assertTrue(fake.calls.get(fake.calls.size() - 1).contains("scopeId=10.1.0.0")
                && fake.calls.get(fake.calls.size() - 1).endsWith("from dhcp2"), fake.calls.toString());
    }

    @Test
    void settingsSendOnlyWhatChangedAndKeepChangeOrRemoveTheSecret() {
        FailoverSettingsViewModel vm = new FailoverSettingsViewModel(fake, direct, "dhcp1", "fo1", changed::incrementAndGet);
        vm.load();
        assertEquals("50", vm.loadBalanceProperty().get());
        assertEquals("3600", vm.mcltProperty().get());
        assertEquals("0", vm.switchoverProperty().get());
        vm.preview();
        assertTrue(fake.calls.isEmpty(), "nothing changed");
        assertEquals(MessageKind.ERROR, vm.review().kindProperty().get());
        vm.loadBalanceProperty().set("70");
        vm.mcltProperty().set("0");
        vm.preview();
        assertNotNull(vm.problems().get(FailoverRules.MCLT));
        vm.mcltProperty().set("3600");
        vm.secretChoiceProperty().set(FailoverSettingsViewModel.Secret.CHANGE);
        vm.preview();
        assertEquals("Enter the new shared secret", vm.problems().get(FailoverSettingsViewModel.SECRET));
        vm.secretProperty().set("n3w");
        vm.preview();
        assertEquals(List.of("settings FailoverChange[relationship=fo1, loadBalancePercent=70, reservePercent=null,"
                + " mcltSec=null, switchoverIntervalSec=null]"), fake.calls);
        assertEquals(List.of("n3w"), fake.secrets);
        vm.secretChoiceProperty().set(FailoverSettingsViewModel.Secret.REMOVE);
        vm.loadBalanceProperty().set("50");
        vm.preview();
        assertEquals("", fake.secrets.get(1), "removing sends an empty secret: authentication off");
        vm.review().apply();
        assertEquals(1, fake.applied.size());
    }
}
