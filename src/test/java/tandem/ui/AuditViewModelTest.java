package tandem.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tandem.core.change.InMemoryStores;
import tandem.core.change.Redaction;
import tandem.core.port.AuditStore;
import tandem.core.port.AuditStore.AuditRecord;
import tandem.ui.OutcomeKind;

/** The audit view's filters, selection and reads, with the background work run where the test says. */
class AuditViewModelTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private final AuditStore store = InMemoryStores.audit();
    private final List<String> inventory = List.of("server1", "dhcp-west", "dhcp1/fo");

    private long append(String at, String user, String relationship, String description, Map<String, String> servers,
                        String outcome, String diff) {
        return store.append(new AuditRecord(0, Instant.parse(at), user, "host-" + user, "the console", relationship,
                "kea", description, servers, outcome, diff, null));
    }

    private static Map<String, String> servers(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) out.put(pairs[i], pairs[i + 1]);
        return out;
    }

    private static List<String> descriptions(AuditViewModel vm) {
        return vm.records().stream().map(AuditRecord::description).toList();
    }

    private void threeRecords() {
        append("2026-12-01T09:00:00Z", "alice", "server1", "first", servers("server1", "applied"), "applied", "");
        append("2026-12-01T23:30:00Z", "bob", "dhcp-west", "second", servers("west1", "applied"), "applied", "");
        append("2026-12-02T08:00:00Z", "alice", "dhcp-west", "third", servers("west2", "failed: refused"), "failed", "");
    }

    @Test
    void everyFilterNarrowsTheRecordsAndTheChoicesAreTheInventorys() {
        threeRecords();
        AuditViewModel vm = new AuditViewModel(store, () -> inventory, BackgroundTasks.direct(), BERLIN);
        vm.load();
        assertEquals(List.of("third", "second", "first"), descriptions(vm), "newest first");
        assertEquals(List.of(AuditViewModel.ALL, "dhcp-west", "dhcp1/fo", "server1"), vm.relationshipChoices());
        assertEquals("3 changes", vm.messageProperty().get());

        vm.relationshipProperty().set("dhcp-west");
        assertEquals(List.of("third", "second"), descriptions(vm));
        vm.userProperty().set(" alice ");
        assertEquals(List.of("third"), descriptions(vm));
        vm.userProperty().set("");
        // 2026-12-02 starts at 23:00Z on the 1st in Berlin: the 23:30Z change belongs to it
        vm.sinceProperty().set(LocalDate.of(2026, 12, 2));
        assertEquals(Instant.parse("2026-12-01T23:00:00Z"), vm.query().since());
        assertEquals(List.of("third", "second"), descriptions(vm));
        vm.relationshipProperty().set("server1");
        assertEquals(List.of(), descriptions(vm));
        assertEquals("No changes match these filters", vm.messageProperty().get());
        vm.relationshipProperty().set(AuditViewModel.ALL);
        vm.sinceProperty().set(null);
        assertEquals(List.of("third", "second", "first"), descriptions(vm));
    }

    @Test
    void theSelectedRecordShowsItsServersAndItsDiffMasked() {
        String redacted = Redaction.redact("-  \"password\": \"old-one\"\n+  \"password\": \"new-one\"\n+  \"user\": \"kea\"");
        append("2026-12-01T09:00:00Z", "alice", "server1", "Set agent credentials",
                servers("server1", "applied", "server2", "failed: Kea refused the configuration", "server3", "not changed"),
                "partly applied", redacted);
        // an older writer stored this one in the clear
        append("2026-12-01T10:00:00Z", "alice", "server1", "Legacy", servers(), "applied", "+  \"password\": \"in-clear\"");
        AuditViewModel vm = new AuditViewModel(store, () -> inventory, BackgroundTasks.direct(), BERLIN);
        vm.load();
        assertNull(vm.selectedProperty().get());
        assertTrue(vm.servers().isEmpty());

        vm.select(vm.records().get(1));
        assertEquals(List.of(new AuditViewModel.ServerOutcome("server1", "applied", OutcomeKind.VERIFIED),
                new AuditViewModel.ServerOutcome("server2", "failed: Kea refused the configuration", OutcomeKind.FAILED),
                new AuditViewModel.ServerOutcome("server3", "not changed", OutcomeKind.OFFLINE)), vm.servers());
        assertEquals(List.of("-  \"password\": \"****\"", "+  \"password\": \"****\"", "+  \"user\": \"kea\""), vm.diff());

        vm.select(vm.records().get(0));
        assertTrue(vm.servers().isEmpty());
        assertEquals(List.of("+  \"password\": \"****\""), vm.diff());
        assertFalse(String.join("\n", vm.diff()).contains("in-clear"));
    }

    @Test
    void aReloadKeepsTheSelectedRecordWhileTheFilterStillShowsIt() {
        threeRecords();
        AuditViewModel vm = new AuditViewModel(store, () -> inventory, BackgroundTasks.direct(), BERLIN);
        vm.load();
        vm.select(vm.records().get(1));
        assertEquals("second", vm.selectedProperty().get().description());
        vm.relationshipProperty().set("dhcp-west");
        assertEquals("second", vm.selectedProperty().get().description());
        assertEquals(List.of("west1"), vm.servers().stream().map(AuditViewModel.ServerOutcome::server).toList());
        vm.relationshipProperty().set("server1");
        assertNull(vm.selectedProperty().get());
        assertTrue(vm.servers().isEmpty());
    }

    @Test
    void anOlderReadFinishingLateDoesNotReplaceTheNewerFiltersRecords() {
        threeRecords();
        ArrayDeque<Runnable> work = new ArrayDeque<>();
        AuditViewModel vm = new AuditViewModel(store, () -> inventory, new BackgroundTasks(work::add, Runnable::run), BERLIN);
        vm.load();
        vm.relationshipProperty().set("server1");
        assertEquals(2, work.size());
        assertTrue(vm.busyProperty().get());
        work.removeLast().run(); // the newer read answers first
        assertEquals(List.of("first"), descriptions(vm));
        assertFalse(vm.busyProperty().get());
        work.removeLast().run();
        assertEquals(List.of("first"), descriptions(vm), "the unfiltered answer came too late to be shown");
    }

    @Test
    void aFailedReadIsSaid() {
        AuditStore broken = new AuditStore() {
            @Override public long append(AuditRecord record) { throw new UnsupportedOperationException(); }

            @Override public List<AuditRecord> find(Query query) { throw new IllegalStateException("database is closed"); }
        };
        AuditViewModel vm = new AuditViewModel(broken, () -> inventory, BackgroundTasks.direct(), BERLIN);
        vm.load();
        assertEquals("Could not read the audit trail: database is closed", vm.messageProperty().get());
        assertEquals(MessageKind.ERROR, vm.messageKindProperty().get());
        assertFalse(vm.busyProperty().get());
    }
}
