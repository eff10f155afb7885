package tandem.app;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.time.Duration;
import java.time.ZoneOffset;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.ImportResult;
import tandem.core.Preferences;
import tandem.services.Services;
import tandem.ui.BackgroundTasks;
import tandem.ui.MainView;

/**
 * The console's main window on a data folder, wired the way {@link ConsoleApp} wires it, with a short poll
 * interval so TestFX tests against a Kea lab see changes quickly. Open it in a {@code @Start} method and close it
 * after each test.
 */
public final class LabConsoleWindow implements AutoCloseable {
    public final Services services;
    public final MainView view;
    private final BackgroundTasks tasks;

    private LabConsoleWindow(Services services, BackgroundTasks tasks, MainView view) {
        this.services = services;
        this.tasks = tasks;
        this.view = view;
    }

    /** Opens the store, sets the poll interval (1 s timeout, replication on) and shows the window on {@code stage}. */
    public static LabConsoleWindow show(Stage stage, Path data, Duration pollInterval) {
        Services services = Services.open(data, "the console");
        Preferences d = Preferences.defaults();
        services.updatePreferences(tandem.kea.KeaSettings.preferences(pollInterval, Duration.ofSeconds(1), d.setting("kea-control-agent-host"),
                tandem.kea.KeaSettings.of(d).controlAgentPort(), true));
        BackgroundTasks tasks = BackgroundTasks.forFx();
        MainView view = new MainView(ConsoleApp.adapt(services), tasks, ZoneOffset.UTC, ConsoleApp.backendUis(services));
        stage.setScene(view.scene(1200, 760));
        stage.show();
        view.start();
        return new LabConsoleWindow(services, tasks, view);
    }

    /**
     * Adds the Kea servers (name to control agent URL, in the map's order) to the data folder as Add server does,
     * each of them accepted, then shows the window polling every 2 s.
     */
    public static LabConsoleWindow showWithKea(Stage stage, Path data, Map<String, URI> servers) throws IOException {
        Files.createDirectories(data);
        try (Services s = Services.open(data)) {
            servers.forEach((name, url) -> {
                var added = s.inventory().add(Backend.KEA, name, ConnectionSettings.of(url));
                assertInstanceOf(ImportResult.Accepted.class, added, added::toString);
            });
        }
        return show(stage, data, Duration.ofSeconds(2));
    }

    @Override
    public void close() throws Exception {
        FxToolkit.cleanupStages();
        view.dispose();
        tasks.close();
        services.close();
    }
}
