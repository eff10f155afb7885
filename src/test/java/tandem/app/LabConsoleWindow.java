package tandem.app;

import tandem.services.Services;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;
import tandem.core.Preferences;
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

    @Override
    public void close() throws Exception {
        FxToolkit.cleanupStages();
        view.dispose();
        tasks.close();
        services.close();
    }
}
