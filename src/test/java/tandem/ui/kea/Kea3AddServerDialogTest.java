package tandem.ui.kea;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tandem.core.PeerDefinition;
import tandem.core.Preferences;
import tandem.lab.KeaLab;
import tandem.services.Services;
import tandem.ui.BackgroundTasks;
import tandem.ui.Theme;

/**
 * Adding a Kea 3.0 pair through the primary's own control socket: the partner's HA URL is its dedicated HA listener,
 * so the dialog asks for its control socket, then adds both.
 */
@Tag("kea")
@Tag("kea3")
@ExtendWith(ApplicationExtension.class)
class Kea3AddServerDialogTest {
    private KeaLab lab;
    private Services services;
    private Path data;
    private BackgroundTasks tasks;

    @Start
    void start(Stage stage) throws Exception {
        lab = KeaLab.startKea3(KeaLab.Mode.LOAD_BALANCING, 2, 0, KeaLab.HaListener.DEDICATED);
        data = Files.createTempDirectory("tandem-kea3-dialog-");
        services = Services.open(data);
        tasks = BackgroundTasks.forFx();
        AddServerViewModel vm = new AddServerViewModel(services.inventory(), Preferences.defaults(), tasks, () -> { });
        AddServerDialog dialog = new AddServerDialog(vm);
        Scene scene = new Scene(dialog.root());
        Theme.apply(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        tasks.close();
        services.close();
        lab.close();
        try (var walk = Files.walk(data)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void thePartnersControlSocketIsAskedForThenThePairIsAdded(FxRobot robot) throws Exception {
        lab.awaitStable(Duration.ofSeconds(30));
        KeaLab.Kea3Access server1 = lab.kea3(1);
        robot.clickOn("#serverAddress").write("127.0.0.1");
        robot.interact(() -> robot.lookup("#caPort").queryAs(TextField.class).setText(
                Integer.toString(server1.controlUrl().getPort())));
        robot.clickOn("#user").write(server1.user());
        robot.interact(() -> robot.lookup("#password").queryAs(TextField.class).setText(server1.password()));
        robot.clickOn("#addServer");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !robot.lookup("#peerUrl-server2").queryAll().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        String asked = robot.lookup("#peerUrlMessage-server2").queryAs(Label.class).getText();
        assertTrue(asked.contains("is its dedicated HA listener"), asked);
        assertTrue(services.inventory().servers().isEmpty(), "nothing added yet");

        robot.interact(() -> robot.lookup("#peerUrl-server2").queryAs(TextField.class)
                .setText(lab.kea3(2).controlUrl().toString()));
        // the test's stage does not grow with the new row as the dialog's own window does: press Add directly
        robot.interact(() -> robot.lookup("#addServer").queryAs(javafx.scene.control.Button.class).fire());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !services.inventory().servers().isEmpty());
        List<PeerDefinition> peers = services.inventory().relationships().get(0).peers();
        assertEquals(List.of(lab.caUrl(1), lab.caUrl(2)), peers.stream().map(PeerDefinition::url).toList());
    }
}
