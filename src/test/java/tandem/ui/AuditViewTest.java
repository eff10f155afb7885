package tandem.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tandem.core.Preferences;
import tandem.core.change.Redaction;
import tandem.core.port.AuditStore;
import tandem.core.port.AuditStore.AuditRecord;

/** The Audit window, opened from the console's toolbar over the test console's audit trail. */
@ExtendWith(ApplicationExtension.class)
class AuditViewTest {
    private static final String SECRET = "agent-pass-7781";
    private TestConsole console;
    private BackgroundTasks tasks;
    /** Whether each read of the audit trail ran on the FX thread. */
    private final Set<Boolean> readOnFxThread = new CopyOnWriteArraySet<>();

    @Start
    void start(Stage stage) {
        console = new TestConsole(Fixtures.ALL, List.of(), List.of(), Preferences.defaults(),
                Clock.fixed(Fixtures.T0, ZoneOffset.UTC));
        AuditStore store = console.auditStore;
        store.append(record("2025-03-13T08:00:00Z", "alice", "dhcp-east", "kea", "Reserve 10.10.0.61 for 02:bb:00:00:00:61",
                servers("east1", "applied", "east2", "applied"), "applied",
                Redaction.redact("@@ -1,3 +1,3 @@\n   \"authentication\": {\n-    \"password\": \"old\"\n+    \"password\": \""
                        + SECRET + "\"\n   }")));
        store.append(record("2025-03-14T07:15:00Z", "bob", "dhcp-west", "kea-ha-action", "ha-maintenance-start on west2",
                servers("west2", "failed: not in a state to start maintenance", "west1", "not changed"), "failed", ""));
        store.append(record("2025-03-14T09:00:00Z", "alice", "branch-north", "kea", "Add subnet 10.30.0.0/24",
                servers("north1", "applied", "north2", "unknown: no answer"), "unknown", "+ \"subnet\": \"10.30.0.0/24\""));
        console.auditStore = new AuditStore() {
            @Override public long append(AuditRecord r) { return store.append(r); }

            @Override public List<AuditRecord> find(Query q) {
                readOnFxThread.add(Platform.isFxApplicationThread());
                return store.find(q);
            }
        };
        tasks = BackgroundTasks.forFx();
        MainView view = new MainView(console, tasks, ZoneOffset.UTC, console.backendUis());
        stage.setScene(view.scene(1200, 760));
        stage.show();
        view.viewModel().start(false);
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        console.close();
        tasks.close();
    }

    private static AuditRecord record(String at, String user, String relationship, String kind, String description,
                                      Map<String, String> servers, String outcome, String diff) {
        return new AuditRecord(0, Instant.parse(at), user, user + "-laptop", "the console", relationship, kind,
                description, servers, outcome, diff, null);
    }

    private static Map<String, String> servers(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) out.put(pairs[i], pairs[i + 1]);
        return out;
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private static TableView<AuditRecord> table(FxRobot robot) {
        return robot.lookup("#auditTable").queryAs(TableView.class);
    }

    private static List<String> shown(FxRobot robot) {
        return table(robot).getItems().stream().map(AuditRecord::description).toList();
    }

    private TableView<AuditRecord> open(FxRobot robot) throws Exception {
        waitUntil(() -> robot.lookup("#serverTree").queryAs(TreeView.class).getRoot().getChildren().size() == 4);
        robot.clickOn("#openAudit");
        waitUntil(() -> robot.lookup("#auditTable").tryQuery().isPresent());
        TableView<AuditRecord> table = table(robot);
        waitUntil(() -> table.getItems().size() == 3);
        return table;
    }

    @Test
    void theAuditWindowListsFiltersAndShowsTheSelectedChange(FxRobot robot) throws Exception {
        TableView<AuditRecord> table = open(robot);
        assertEquals(2, Window.getWindows().size(), "a window of its own beside the console");
        assertEquals(List.of("Add subnet 10.30.0.0/24", "ha-maintenance-start on west2",
                "Reserve 10.10.0.61 for 02:bb:00:00:00:61"), shown(robot), "newest first");
        assertEquals(List.of("Time", "User", "Host", "Relationship", "Description", "Outcome"),
                table.getColumns().stream().map(c -> c.getText()).toList());
        assertEquals("2025-03-14 09:00:00", table.getColumns().get(0).getCellData(0), "in the console's zone (UTC here)");
        assertEquals("alice-laptop", table.getColumns().get(2).getCellData(0));
        assertEquals("unknown", table.getColumns().get(5).getCellData(0));
        assertEquals("3 changes", robot.lookup("#auditMessage").queryAs(Label.class).getText());
        assertEquals(Set.of(false), readOnFxThread, "the trail is read in the background");

        @SuppressWarnings("unchecked")
        ComboBox<String> relationship = robot.lookup("#auditRelationship").queryAs(ComboBox.class);
        assertEquals(List.of("All", "branch-north", "dhcp-east", "dhcp-west", "lab-kea"), relationship.getItems());
        robot.interact(() -> relationship.getSelectionModel().select("dhcp-west"));
        waitUntil(() -> shown(robot).equals(List.of("ha-maintenance-start on west2")));
        robot.interact(() -> relationship.getSelectionModel().select("All"));
        waitUntil(() -> shown(robot).size() == 3);

        robot.clickOn("#auditUser").write("alice");
        waitUntil(() -> shown(robot).equals(List.of("Add subnet 10.30.0.0/24", "Reserve 10.10.0.61 for 02:bb:00:00:00:61")));
        DatePicker since = robot.lookup("#auditSince").queryAs(DatePicker.class);
        robot.interact(() -> since.setValue(LocalDate.of(2025, 3, 14)));
        waitUntil(() -> shown(robot).equals(List.of("Add subnet 10.30.0.0/24")));
        robot.interact(() -> since.setValue(null));
        waitUntil(() -> shown(robot).size() == 2);

        assertTrue(robot.lookup("#auditDetailPlaceholder").queryAs(Label.class).isVisible(), "nothing selected yet");
        robot.clickOn(robot.lookup((TableCell<?, ?> c) -> "Reserve 10.10.0.61 for 02:bb:00:00:00:61".equals(c.getText()))
                .queryAs(TableCell.class));
        waitUntil(() -> robot.lookup("#audit-server-east1").tryQuery().isPresent());
        assertEquals("dhcp-east: Reserve 10.10.0.61 for 02:bb:00:00:00:61",
                robot.lookup("#auditDetailTitle").queryAs(Label.class).getText());
        assertEquals("east1 — applied", robot.lookup("#audit-server-east1").queryAs(Label.class).getText());
        assertEquals("east2 — applied", robot.lookup("#audit-server-east2").queryAs(Label.class).getText());
        assertEquals(2, robot.lookup("#auditServers").queryAs(VBox.class).getChildren().size());
        @SuppressWarnings("unchecked")
        ListView<String> diff = robot.lookup("#auditDiff").queryAs(ListView.class);
        assertTrue(diff.getStyleClass().contains("diff-view"), "the diff view's monospace style");
        assertTrue(diff.getItems().contains("+    \"password\": \"****\""), diff.getItems().toString());
        assertFalse(String.join("\n", diff.getItems()).contains(SECRET));
        assertTrue(robot.lookup((Label l) -> l.getText() != null && l.getText().contains(SECRET)).tryQuery().isEmpty());
        robot.interact(() -> Shots.write(table.getScene(), "audit-view"));

        // another record: its own servers replace the first one's, failures styled as such
        robot.interact(() -> relationship.getSelectionModel().select("dhcp-west"));
        robot.interact(() -> robot.lookup("#auditUser").queryTextInputControl().clear());
        waitUntil(() -> shown(robot).equals(List.of("ha-maintenance-start on west2")));
        robot.interact(() -> table.getSelectionModel().select(0));
        waitUntil(() -> robot.lookup("#audit-server-west2").tryQuery().isPresent());
        Label west2 = robot.lookup("#audit-server-west2").queryAs(Label.class);
        assertEquals("west2 — failed: not in a state to start maintenance", west2.getText());
        assertTrue(west2.getStyleClass().contains("outcome-failed"));
        assertTrue(robot.lookup("#audit-server-east1").tryQuery().isEmpty());
        assertTrue(diff.getItems().isEmpty());
    }

    @Test
    void askingAgainBringsTheSameWindowForward(FxRobot robot) throws Exception {
        open(robot);
        robot.interact(() -> Window.getWindows().stream().filter(w -> w.getScene().lookup("#mainWindow") != null)
                .findFirst().orElseThrow().requestFocus());
        robot.interact(() -> robot.lookup("#openAudit").queryButton().fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, Window.getWindows().size());
    }
}
