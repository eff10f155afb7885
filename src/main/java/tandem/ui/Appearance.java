package tandem.ui;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import tandem.core.desktop.DesktopSettings;
import tandem.core.desktop.DesktopTheme;
import tandem.core.desktop.DesktopTheme.Choice;

/**
 * The console's appearance choice (follow the desktop, light or dark), kept in the desktop settings and applied
 * to every window as soon as it changes. Asking the desktop runs a small program, so it happens off the FX thread.
 */
public final class Appearance {
    static final String KEY = "theme";

    private final DesktopSettings settings;
    private final Predicate<Choice> darkFor;
    private final BackgroundTasks tasks;
    private final ObjectProperty<Choice> choice = new SimpleObjectProperty<>(this, "choice", Choice.DESKTOP);
    private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper(this, "dark", false);
    private int asked;
    private boolean applied;

    /** @param darkFor whether a choice comes out dark here (for DESKTOP it asks the OS and may take a moment) */
    public Appearance(DesktopSettings settings, Predicate<Choice> darkFor, BackgroundTasks tasks) {
        this.settings = settings;
        this.darkFor = darkFor;
        this.tasks = tasks;
        choice.set(Choice.parse(settings.load().get(KEY)));
        choice.addListener((o, was, now) -> {
            if (now == null) {
                choice.set(Choice.DESKTOP);
                return;
            }
            Map<String, String> values = new HashMap<>(settings.load());
            values.put(KEY, now.name());
            settings.save(values);
            apply();
        });
    }

    public static Appearance of(DesktopSettings settings, BackgroundTasks tasks) {
        DesktopTheme desktop = DesktopTheme.system();
        return new Appearance(settings, desktop::dark, tasks);
    }

    public ObjectProperty<Choice> choiceProperty() { return choice; }

    /** Whether the console is dark now. */
    public ReadOnlyBooleanProperty darkProperty() { return dark.getReadOnlyProperty(); }

    /**
     * Following the desktop, asks it again each time the window comes to the front, so switching the desktop to
     * dark shows in the console without a restart.
     */
    public void follow(javafx.stage.Window window) {
        window.focusedProperty().addListener((o, was, now) -> {
            if (now && choice.get() == Choice.DESKTOP) apply();
        });
    }

    /** Works out light or dark for the current choice and restyles every window; call on the FX thread. */
    public void apply() {
        Choice wanted = choice.get();
        int ask = ++asked;
        if (wanted != Choice.DESKTOP) {
            show(darkFor.test(wanted));
            return;
        }
        tasks.run(() -> darkFor.test(wanted), isDark -> {
            if (ask == asked) show(isDark); // a later choice wins over a slow answer
        }, failure -> {
            if (ask == asked) show(false);
        });
    }

    private void show(boolean isDark) {
        if (isDark == Theme.dark() && dark.get() == isDark && applied) return; // nothing changed: keep the scenes as they are
        applied = true;
        Theme.use(isDark);
        dark.set(isDark);
    }
}
