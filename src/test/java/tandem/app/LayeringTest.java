package tandem.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The core and the backends stay free of JavaFX; the core knows no backend, store or UI. */
class LayeringTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("tandem");

    @Test
    void onlyTheUiAndTheApplicationShellUseJavaFx() {
        noClasses().that().resideInAnyPackage("tandem.core..", "tandem.kea..", "tandem.isc..", "tandem.store..",
                        "tandem.poll..", "tandem.sync..", "tandem.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .check(MAIN);
    }

    @Test
    void theCoreDependsOnNoAdapter() {
        noClasses().that().resideInAPackage("tandem.core..")
                .should().dependOnClassesThat().resideInAnyPackage("tandem.kea..", "tandem.isc..", "tandem.store..",
                        "tandem.poll..", "tandem.sync..", "tandem.ui..", "tandem.cli..", "tandem.app..")
                .check(MAIN);
    }

    @Test
    void backendsAndStoreDoNotReachIntoEachOtherOrTheShell() {
        noClasses().that().resideInAPackage("tandem.kea..")
                .should().dependOnClassesThat().resideInAnyPackage("tandem.store..", "tandem.poll..", "tandem.ui..",
                        "tandem.cli..", "tandem.app..")
                .check(MAIN);
        noClasses().that().resideInAPackage("tandem.isc..")
                .should().dependOnClassesThat().resideInAnyPackage("tandem.kea..", "tandem.store..", "tandem.poll..",
                        "tandem.ui..", "tandem.cli..", "tandem.app..")
                .check(MAIN);
        noClasses().that().resideInAPackage("tandem.store..")
                .should().dependOnClassesThat().resideInAnyPackage("tandem.kea..", "tandem.isc..", "tandem.poll..", "tandem.ui..",
                        "tandem.cli..", "tandem.app..")
                .check(MAIN);
    }

    /** The UI edits Kea configurations through the change model and service, never through the transport. */
    @Test
    void theUiTalksToServicesNotToTransportsOrTheStore() {
        noClasses().that().resideInAPackage("tandem.ui..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "Kea transport, store or command line",
                        (com.tngtech.archunit.core.domain.JavaClass c) -> c.getPackageName().equals("tandem.kea")
                                || c.getPackageName().startsWith("tandem.store") || c.getPackageName().startsWith("tandem.cli")))
                .check(MAIN);
    }
}
