package tandem.ui;

import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import tandem.core.Preferences;

/**
 * The relationships whose desktop notifications are muted, as the window shows them (FX thread), kept in the
 * preferences so a restart remembers them. A toggle shows at once and is saved in the background; a failed save
 * puts it back and says why.
 */
final class NotificationMutes {
    private final ConsoleServices services;
    private final BackgroundTasks tasks;
    private final Consumer<String> problems;
    private final ObservableSet<String> muted = FXCollections.observableSet();
    /** Saves read the preferences and write them back: one at a time, or a toggle could undo another. */
    private final Object saving = new Object();

    NotificationMutes(ConsoleServices services, BackgroundTasks tasks, Consumer<String> problems) {
        this.services = services;
        this.tasks = tasks;
        this.problems = problems;
        muted.addAll(services.preferences().mutedRelationships());
    }

    /** FX thread. */
    ObservableSet<String> muted() { return muted; }

    boolean isMuted(String relationship) { return muted.contains(relationship); }

    void set(String relationship, boolean mute) {
        if (relationship == null || isMuted(relationship) == mute) return;
        if (mute) muted.add(relationship);
        else muted.remove(relationship);
        tasks.execute(() -> {
            synchronized (saving) {
                Preferences now = services.preferences();
                if (now.muted(relationship) != mute) services.updatePreferences(now.withMuted(relationship, mute));
            }
        }, () -> { }, e -> {
            if (mute) muted.remove(relationship);
            else muted.add(relationship);
            problems.accept("Could not remember the notification setting of " + relationship + ": " + e.getMessage());
        });
    }

    void toggle(String relationship) { set(relationship, !isMuted(relationship)); }
}
