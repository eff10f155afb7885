package tandem.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tandem.core.Preferences;
import tandem.ui.PreferencesViewModel.Field;

class PreferencesViewModelTest {
    private final List<Preferences> saved = new ArrayList<>();
    private final PreferencesViewModel vm = new PreferencesViewModel(Preferences.defaults(), saved::add,
            BackgroundTasks.direct());

    @Test
    void showsTheCurrentPreferences() {
        assertEquals("10", vm.pollIntervalProperty().get());
        assertEquals("2", vm.timeoutProperty().get());
        assertEquals("", vm.caHostProperty().get());
        assertEquals("8000", vm.caPortProperty().get());
        assertTrue(vm.replicateProperty().get());
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
        vm.caPortProperty().set("70000");
        assertEquals("Port must be a number from 1 to 65535", vm.problem(Field.CA_PORT));
        vm.caPortProperty().set("8001");
        vm.caHostProperty().set("no such host!");
        assertEquals("A host name cannot contain spaces", vm.problem(Field.CA_HOST));
        vm.pollIntervalProperty().set("ten");
        assertTrue(vm.problem(Field.POLL_INTERVAL).startsWith("Enter the poll interval in seconds"));
    }

    @Test
    void savesThroughTheGivenConsumer() {
        vm.pollIntervalProperty().set("30");
        vm.timeoutProperty().set("2.5");
        vm.caHostProperty().set("127.0.0.1");
        vm.caPortProperty().set("8080");
        vm.replicateProperty().set(false);
        List<Preferences> told = new ArrayList<>();
        vm.setOnSaved(told::add);
        vm.save();
        Preferences expected = new Preferences(Duration.ofSeconds(30), Duration.ofMillis(2500), "127.0.0.1", 8080, false);
        assertEquals(List.of(expected), saved);
        assertEquals(List.of(expected), told);
    }

    @Test
    void blankHostMeansTheServersOwnAddress() {
        vm.caHostProperty().set("   ");
        vm.save();
        assertNull(saved.get(0).keaControlAgentHost());
    }

    @Test
    void invalidFormIsNotSaved() {
        vm.caPortProperty().set("abc");
        vm.save();
        assertTrue(saved.isEmpty());
    }
}
