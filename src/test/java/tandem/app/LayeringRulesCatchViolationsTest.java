package tandem.app;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** The layering rules fail on violations planted in the test sources, so a passing {@link LayeringTest} means something. */
class LayeringRulesCatchViolationsTest {
    private static JavaClasses withPlanted(String... names) throws ClassNotFoundException {
        Class<?>[] classes = new Class<?>[names.length];
        for (int i = 0; i < names.length; i++) classes[i] = Class.forName(names[i]);
        return new ClassFileImporter().importClasses(classes);
    }

    @Test
    void jacksonInTheCoreIsCaught() throws Exception {
        AssertionError e = assertThrows(AssertionError.class, () -> LayeringTest.CORE_ONLY_JDK.check(
                withPlanted("tandem.core.planted.JsonInTheCore")));
        assertTrue(e.getMessage().contains("com.fasterxml.jackson"), e.getMessage());
    }

    @Test
    void theWindowNamingKeaIsCaught() throws Exception {
        AssertionError e = assertThrows(AssertionError.class, () -> LayeringTest.SHELLS_ONLY_THROUGH_THE_SEAM.check(
                withPlanted("tandem.ui.PlantedKeaBranch")));
        assertTrue(e.getMessage().contains("tandem.kea.KeaStates"), e.getMessage());
    }

    @Test
    void aCycleBetweenTheCommandLineAndTheLauncherIsCaught() throws Exception {
        AssertionError e = assertThrows(AssertionError.class, () -> LayeringTest.NO_CYCLES.check(
                withPlanted("tandem.cli.PlantedCycle", "tandem.app.Launcher", "tandem.cli.TandemCommand")));
        assertTrue(e.getMessage().contains("Cycle"), e.getMessage());
    }

    @Test
    void theShippedCodeHasNoneOfThem() {
        LayeringTest.CORE_ONLY_JDK.check(LayeringTest.MAIN);
        LayeringTest.SHELLS_ONLY_THROUGH_THE_SEAM.check(LayeringTest.MAIN);
        LayeringTest.NO_CYCLES.check(LayeringTest.MAIN);
    }
}
