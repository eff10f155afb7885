package tandem.app;

import tandem.services.Services;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.time.ZoneId;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.Inventory;
import tandem.core.Preferences;
import tandem.core.port.AuditStore;
import tandem.core.port.ConfigChecker;
import tandem.core.port.PreferenceStore;
import tandem.core.port.ReplicationStore;
import tandem.core.port.StateStore;
import tandem.poll.StatusPoller;
import tandem.ui.BackgroundTasks;
import tandem.ui.ConsoleServices;
import tandem.ui.BackendUi;
import tandem.ui.MainView;
import tandem.ui.isc.IscUi;
import tandem.ui.kea.KeaUi;
import tandem.ui.windows.WindowsChanges;
import tandem.ui.windows.WindowsUi;
import tandem.ui.TeamSignInDialog;
import tandem.ui.Theme;

/**
 * The console window. JavaFX creates this class itself, so its services come through a static holder that
 * {@link #open} fills before launching.
 */
public final class ConsoleApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApp.class);

    private static volatile ConsoleServices services;
    private static volatile List<BackendUi> backendUis = List.of();
    private static volatile RuntimeException startupFailure;
    /** Preferences name a team database that is not open yet: the console asks for the password first. */
    private static volatile ConsoleStart signIn;
    /** The store opening beside the toolkit's start; the window follows once it is open. */
    private static volatile CompletableFuture<Services> opening;
    /** What {@link #opening} opens, as a failure names it. */
    private static volatile String openingWhat;

    private BackgroundTasks tasks;
    private MainView view;

    /**
     * Opens the store the data folder's Preferences name (its own, or a team database, asking for the password when
     * none is remembered or the remembered one fails) and shows the console; returns when the window was closed.
     */
    public static void open(Path dataDir) {
        ConsoleStart start = ConsoleStart.of(dataDir);
        if (!start.onTeamStore()) {
            open(() -> Services.open(dataDir, "the console"), dataDir.toString());
            return;
        }
        String problem = start.problem();
        if (start.rememberedPassword() != null) {
            try {
                use(start.openTeam(start.rememberedPassword()));
                Application.launch(ConsoleApp.class);
                return;
            } catch (RuntimeException e) {
                LOG.warn("Could not open the team store {}: {}", start.location(), e.getMessage());
                problem = e.getMessage();
            }
        }
        signIn = new ConsoleStart(dataDir, start.team(), null, problem);
        Application.launch(ConsoleApp.class);
    }

    private static void use(Services opened) {
        opened.attachSynchronizer();
        services = adapt(opened);
        backendUis = backendUis(opened);
    }

    /**
     * Shows the console over services opened by {@code opener} (a data folder's, or a team store's). The store opens
     * on a thread of its own while the toolkit starts; the window is built once it is open.
     */
    public static void open(java.util.function.Supplier<Services> opener, String what) {
        CompletableFuture<Services> store = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                store.complete(opener.get());
            } catch (Throwable e) {
                // whatever it is, the window waiting for the store must learn of it
                store.completeExceptionally(e);
            }
        }, "tandem-store-open");
        t.setDaemon(true);
        t.start();
        opening = store;
        openingWhat = what;
        Application.launch(ConsoleApp.class);
    }

    /** Shows the console over the given services; returns when the window was closed. */
    public static void open(ConsoleServices given, List<BackendUi> backends) {
        services = given;
        backendUis = backends;
        Application.launch(ConsoleApp.class);
    }

    /** Each backend's part of the console window, registered once. */
    public static List<BackendUi> backendUis(Services s) {
        return List.of(new KeaUi(s.changes()), new IscUi(s::iscConfig, s.iscChanges()),
                new WindowsUi(WindowsChanges.of(s.windowsChanges())));
    }

    /** The composition root as the UI sees it. */
    public static ConsoleServices adapt(Services s) {
        return new ConsoleServices() {
            @Override public Inventory inventory() { return s.inventory(); }

            @Override public StatusPoller poller() { return s.poller(); }

            @Override public StateStore stateStore() { return s.stateStore(); }

            @Override public PreferenceStore preferenceStore() { return s.preferenceStore(); }

            @Override public tandem.core.backend.FailoverActions haActions() { return s.haActions(); }

            @Override public ConfigChecker configChecks() { return s.configChecks(); }

            @Override public ReplicationStore replicationStore() { return s.replicationStore(); }

            @Override public AuditStore auditStore() { return s.auditStore(); }

            @Override public Preferences preferences() { return s.preferences(); }

            @Override public tandem.core.backend.ReplicationStatus replication(tandem.core.Relationship relationship) {
                return s.backends().replication(relationship, s.preferences());
            }

            @Override public java.util.List<tandem.core.backend.Fact> facts(tandem.core.Relationship relationship) {
                return s.backends().facts(relationship);
            }

            @Override public java.util.Optional<tandem.core.config.ConfigTableSource> configuration(
                    tandem.core.Relationship relationship) {
                return s.backends().configuration(relationship);
            }

            @Override public java.util.List<tandem.core.backend.Setting> backendSettings() {
                return s.backends().settings();
            }

            @Override public void updatePreferences(Preferences updated) { s.updatePreferences(updated); }

            @Override public java.util.Optional<String> teamStatus() { return s.teamStatus(); }

            @Override public java.util.Optional<tandem.core.port.TeamStoreSettings> teamStoreSettings() {
                return java.util.Optional.of(s.teamStoreSettings());
            }

            @Override public java.util.Optional<String> refusal(tandem.core.access.Permission bit, String server) {
                return s.refusal(bit, server);
            }

            @Override public java.util.Optional<tandem.core.access.TeamAdministration> teamAdministration() {
                return s.isTeamStore() ? java.util.Optional.of(s.teamAdministration()) : java.util.Optional.empty();
            }

            @Override public java.util.Optional<tandem.core.lease.LeaseSource> leases(tandem.core.Relationship relationship) {
                return s.backends().leases(relationship);
            }

            @Override public java.util.Optional<tandem.core.lease.LeaseConsistency> leaseConsistency() {
                return java.util.Optional.of(s.leaseConsistency());
            }

            @Override public tandem.core.lease.ClientFinder clientFinder() { return s.clientFinder(); }

            @Override public tandem.core.desktop.DesktopSettings desktopSettings() {
                return new tandem.store.DesktopSettingsFile(s.dataDir());
            }

            @Override public java.util.Optional<Path> dataFolder() { return java.util.Optional.of(s.dataDir()); }

            @Override public void close() { s.close(); }
        };
    }

    @Override
    public void start(Stage stage) {
        CompletableFuture<Services> store = opening;
        opening = null;
        if (store == null) {
            begin(stage);
            return;
        }
        // the FX thread does not wait for the store: the window is built when it is open (or the failure shown)
        store.whenComplete((opened, failure) -> Platform.runLater(() -> {
            try {
                if (failure != null) throw failure;
                use(opened);
            } catch (Throwable e) {
                Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                        ? e.getCause() : e;
                // shown in a window: the console may have been started without a terminal
                LOG.error("Could not open {}", openingWhat, cause);
                startupFailure = cause instanceof RuntimeException r ? r : new IllegalStateException(cause.toString(), cause);
            }
            begin(stage);
        }));
    }

    private void begin(Stage stage) {
        ConsoleServices s = services;
        ConsoleStart asked = signIn;
        if (s == null && asked != null) {
            tasks = BackgroundTasks.forFx();
            TeamSignInDialog<Services> dialog = new TeamSignInDialog<>(asked.location().toString(), asked.problem(),
                    asked::openTeam, asked::openLocal, asked::rememberPassword, tasks, opened -> {
                        use(opened);
                        showConsole(stage);
                    }, Platform::exit);
            stage.setTitle("Tandem");
            stage.setScene(new javafx.scene.Scene(dialog.root()));
            Theme.apply(stage.getScene());
            stage.getIcons().setAll(Theme.windowIcons());
            stage.show();
            return;
        }
        if (s == null) {
            RuntimeException failure = startupFailure;
            Alert alert = new Alert(Alert.AlertType.ERROR, failure == null ? "The console has no data folder."
                    : String.valueOf(failure.getMessage()), ButtonType.CLOSE);
            alert.setTitle("Tandem");
            alert.setHeaderText("Tandem could not start");
            alert.showAndWait();
            Platform.exit();
            return;
        }
        tasks = BackgroundTasks.forFx();
        showConsole(stage);
    }

    private void showConsole(Stage stage) {
        ConsoleServices s = services;
        view = MainView.opening(s, tasks, ZoneId.systemDefault(), backendUis);
        stage.setTitle("Tandem");
        stage.setScene(view.scene(1200, 760));
        stage.setMinWidth(820);
        stage.setMinHeight(520);
        stage.getIcons().setAll(Theme.windowIcons());
        view.rememberWindow(stage);
        // after signing in the window grows from the small sign-in to the console
        if (stage.isShowing()) stage.centerOnScreen();
        stage.show();
        // the last-known state shows at once; the poller starts once it is on screen
        view.start();
    }

    @Override
    public void stop() {
        if (view != null) view.dispose();
        if (tasks != null) tasks.close();
        ConsoleServices s = services;
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing the services failed", e);
            }
        }
    }
}
