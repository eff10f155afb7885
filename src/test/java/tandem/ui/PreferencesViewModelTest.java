package tandem.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tandem.core.Preferences;
import tandem.kea.KeaSettings;
import tandem.ui.PreferencesViewModel.Field;

class PreferencesViewModelTest {
    private final List<Preferences> saved = new ArrayList<>();
    private static final String HOST = "kea-control-agent-host";
    private static final String PORT = "kea-control-agent-port";
    private static final String REPLICATE = "kea-replicate-config";
    /** Kea's settings, as the console registers them; the dialog knows them only as settings. */
    private final PreferencesViewModel vm = new PreferencesViewModel(Preferences.defaults(), KeaSettings.SETTINGS,
            saved::add, BackgroundTasks.direct());

    @Test
    void showsTheCurrentPreferences() {
        assertEquals("10", vm.pollIntervalProperty().get());
        assertEquals("2", vm.timeoutProperty().get());
        assertEquals("", vm.textProperty(HOST).get());
        assertEquals("8000", vm.textProperty(PORT).get());
        assertTrue(vm.flagProperty(REPLICATE).get());
    }

    @Test
    void problemsAppearAtTheirFields() {
        vm.pollIntervalProperty().set("0.5");
        assertEquals("Poll interval must be at least 1 s", vm.problem(Field.POLL_INTERVAL));
        vm.pollIntervalProperty().set("5");
        vm.timeoutProperty().set("6");
        assertEquals("Timeout must not exceed the poll interval", vm.problem(Field.TIMEOUT));
        vm.timeoutProperty().set("0");
        assertEquals("Timeout must be positive", vm.problem(Field.TIMEOUT));
        vm.timeoutProperty().set("1.5");
        assertNull(vm.problem(Field.TIMEOUT));
        vm.textProperty(PORT).set("70000");
        assertEquals("Port must be a number from 1 to 65535", vm.problem(PORT));
        vm.textProperty(PORT).set("8001");
        vm.textProperty(HOST).set("no such host!");
        assertEquals("A host name cannot contain spaces", vm.problem(HOST));
        vm.pollIntervalProperty().set("ten");
        assertTrue(vm.problem(Field.POLL_INTERVAL).startsWith("Enter the poll interval in seconds"));
    }

    @Test
    void savesThroughTheGivenConsumer() {
        vm.pollIntervalProperty().set("30");
        vm.timeoutProperty().set("2.5");
        vm.textProperty(HOST).set("127.0.0.1");
        vm.textProperty(PORT).set("8080");
        vm.flagProperty(REPLICATE).set(false);
        List<Preferences> told = new ArrayList<>();
        vm.setOnSaved(told::add);
        vm.save();
        Preferences expected = tandem.kea.KeaSettings.preferences(Duration.ofSeconds(30), Duration.ofMillis(2500), "127.0.0.1", 8080, false);
        assertEquals(List.of(expected), saved);
        assertEquals(List.of(expected), told);
    }

    @Test
    void blankHostMeansTheServersOwnAddress() {
        vm.textProperty(HOST).set("   ");
        vm.save();
        assertNull(saved.get(0).setting(HOST));
        assertNull(KeaSettings.of(saved.get(0)).controlAgentHost());
    }

    @Test
    void invalidFormIsNotSaved() {
        vm.textProperty(PORT).set("abc");
        vm.save();
        assertTrue(saved.isEmpty());
    }
}
