package tandem.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The layers: a core that depends on the JDK alone; one package per backend, reached by the console and the command
 * line only through the seam (each backend's own contribution lives in {@code ui.NAME} and {@code cli.NAME}); no
 * cycles between packages; JavaFX only in the UI and the launcher.
 */
class LayeringTest {
    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("tandem");

    /** The backends' packages; a new backend adds its name here. */
    static final String[] BACKENDS = {"tandem.kea..", "tandem.isc..", "tandem.windows.."};

    /** What talks to a Control Agent: the UI goes through the change service and the seam instead. */
    private static final java.util.Set<String> KEA_TRANSPORT = java.util.Set.of("tandem.kea.KeaControlAgentClient",
            "tandem.kea.KeaEndpoint", "tandem.kea.KeaReply", "tandem.kea.KeaPeerProbe", "tandem.kea.KeaHaActions",
            "tandem.kea.KeaTransportFailures", "tandem.kea.KeaAsyncHttp", "tandem.kea.KeaBoundedAnswer");

    static final ArchRule NO_CYCLES = slices().matching("tandem.(*)..").should().beFreeOfCycles();

    static final ArchRule CORE_ONLY_JDK = classes().that().resideInAPackage("tandem.core..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "tandem.core..");

    static final ArchRule SHELLS_ONLY_THROUGH_THE_SEAM = noClasses()
            .that().resideInAnyPackage("tandem.ui", "tandem.cli", "tandem.sync", "tandem.poll")
            .should().dependOnClassesThat().resideInAnyPackage(BACKENDS)
            .because("the console, the command line and the background service learn what a relationship offers from"
                    + " its backend's module and contribution, never by naming Kea or ISC");

    @Test
    void noPackageCycles() {
        NO_CYCLES.check(MAIN);
    }

    @Test
    void theCoreDependsOnTheJdkAlone() {
        CORE_ONLY_JDK.check(MAIN);
    }

    @Test
    void theConsoleCommandLineAndBackgroundServiceReachBackendsOnlyThroughTheSeam() {
        SHELLS_ONLY_THROUGH_THE_SEAM.check(MAIN);
    }

    @Test
    void eachBackendsContributionSpeaksOnlyForItsOwnBackend() {
        noClasses().that().resideInAnyPackage("tandem.ui.kea..", "tandem.cli.kea..")
                .should().dependOnClassesThat().resideInAnyPackage("tandem.isc..", "tandem.ui.isc..", "tandem.cli.isc..")
                .check(MAIN);
        noClasses().that().resideInAnyPackage("tandem.ui.isc..", "tandem.cli.isc..")
                .should().dependOnClassesThat().resideInAnyPackage("tandem.kea..", "tandem.ui.kea..", "tandem.cli.kea..")
                .check(MAIN);
    }

    @Test
    void onlyTheUiAndTheLauncherUseJavaFx() {
        noClasses().that().resideInAnyPackage("tandem.core..", "tandem.kea..", "tandem.isc..", "tandem.store..",
                        "tandem.poll..", "tandem.sync..", "tandem.cli..", "tandem.services..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .check(MAIN);
    }

    @Test
    void backendsAndStoreDoNotReachIntoEachOtherOrTheShell() {
        noClasses().that().resideInAPackage("tandem.kea..")
                .should().dependOnClassesThat().resideInAnyPackage("tandem.isc..", "tandem.store..", "tandem.poll..",
                        "tandem.sync..", "tandem.ui..", "tandem.cli..", "tandem.app..", "tandem.services..")
                .check(MAIN);
        noClasses().that().resideInAPackage("tandem.isc..")
                .should().dependOnClassesThat().resideInAnyPackage("tandem.kea..", "tandem.store..", "tandem.poll..",
                        "tandem.sync..", "tandem.ui..", "tandem.cli..", "tandem.app..", "tandem.services..")
                .check(MAIN);
        noClasses().that().resideInAPackage("tandem.store..")
                .should().dependOnClassesThat().resideInAnyPackage("tandem.kea..", "tandem.isc..", "tandem.poll..",
                        "tandem.sync..", "tandem.ui..", "tandem.cli..", "tandem.app..", "tandem.services..")
                .check(MAIN);
    }

    @Test
    void theWindowsBackendAndTheOthersKnowNothingOfEachOther() {
        noClasses().that().resideInAPackage("tandem.windows..")
                .should().dependOnClassesThat().resideInAnyPackage("tandem.kea..", "tandem.isc..", "tandem.store..",
                        "tandem.poll..", "tandem.sync..", "tandem.ui..", "tandem.cli..", "tandem.app..",
                        "tandem.services..", "javafx..", "org.controlsfx..")
                .check(MAIN);
        noClasses().that().resideInAnyPackage("tandem.kea..", "tandem.isc..")
                .should().dependOnClassesThat().resideInAPackage("tandem.windows..").check(MAIN);
    }

    /**
     * The shared SSH login and the PowerShell transport are tools the backends use: they know no backend, no shell
     * (console, command line, store, services) and no JavaFX; the transport knows nothing of DHCP.
     */
    @Test
    void theSharedSshAndThePowerShellTransportStandAlone() {
        String[] shells = {"tandem.ui..", "tandem.cli..", "tandem.store..", "tandem.services..", "tandem.app..",
                "tandem.poll..", "tandem.sync..", "javafx..", "org.controlsfx.."};
        noClasses().that().resideInAPackage("tandem.ssh..")
                .should().dependOnClassesThat().resideInAnyPackage("tandem.kea..", "tandem.isc..", "tandem.windows..")
                .orShould().dependOnClassesThat().resideInAnyPackage(shells)
                .check(MAIN);
        noClasses().that().resideInAPackage("tandem.windows.ps..")
                .should().dependOnClassesThat().resideInAnyPackage("tandem.kea..", "tandem.isc..", "tandem.windows")
                .orShould().dependOnClassesThat().resideInAnyPackage(shells)
                .check(MAIN);
        noClasses().that().resideInAPackage("tandem.ui..")
                .should().dependOnClassesThat().resideInAPackage("tandem.windows.ps..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("tandem.ssh.SshSession")
                .check(MAIN);
    }

    /** The UI talks to services, never to a Control Agent, an SSH session, the store or the command line. */
    @Test
    void theUiTalksToServicesNotToTransportsOrTheStore() {
        noClasses().that().resideInAPackage("tandem.ui..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "Kea transport, store or command line",
                        (com.tngtech.archunit.core.domain.JavaClass c) -> KEA_TRANSPORT.contains(c.getName())
                                || c.getPackageName().startsWith("tandem.store") || c.getPackageName().startsWith("tandem.cli")))
                .check(MAIN);
    }

    /**
     * The Windows DHCP simulator models Windows, not Tandem's client: it may use none of Tandem's Windows classes
     * (nor the transport), so that a mistake in them cannot be mirrored by the simulator and go unnoticed.
     */
    @Test
    void theWindowsSimulatorIsIndependentOfTandemsWindowsCode() {
        JavaClasses simulator = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("tandem.windows.sim");
        noClasses().that().resideInAPackage("tandem.windows.sim..")
                .should().dependOnClassesThat().resideInAnyPackage("tandem.windows", "tandem.windows.ps..",
                        "tandem.ssh..", "tandem.core..", "tandem.services..", "tandem.cli..", "tandem.ui..")
                .check(simulator);
    }
}
