package tandem.ui;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import tandem.core.RelationshipState;
import tandem.core.StatusEvent;
import tandem.poll.StatusListener;
import tandem.poll.StatusPoller;

/**
 * Tells the desktop when a relationship's status changes: a notification beside the console's window and, where the
 * desktop has a tray, a tray message. Changes come from the poller's thread; they are gathered and shown together
 * on the FX thread, so a cycle in which hundreds of relationships go down makes one summary.
 */
final class DesktopNotifier implements StatusListener, AutoCloseable {
    /** How long a notification stays on screen. */
    static final Duration SHOWN_FOR = Duration.seconds(8);

    private final StatusPoller poller;
    private final NotificationMutes mutes;
    private final BackgroundTasks tasks;
    private final Supplier<Window> owner;
    private final Consumer<String> open;
    private final StatusNotices notices = new StatusNotices();
    private final List<StatusNotices.Change> pending = new ArrayList<>();
    private final TrayMessages tray = new TrayMessages();

    /** @param open what a click on a single relationship's notification does with its name */
    DesktopNotifier(StatusPoller poller, NotificationMutes mutes, BackgroundTasks tasks, Supplier<Window> owner,
                    Consumer<String> open) {
        this.poller = poller;
        this.mutes = mutes;
        this.tasks = tasks;
        this.owner = owner;
        this.open = open;
        poller.addListener(this);
    }

    @Override public void cycleCompleted(List<RelationshipState> changed, List<StatusEvent> events, Instant at) {
        if (changed.isEmpty()) return;
        List<StatusNotices.Change> found;
        synchronized (notices) {
            notices.keepOnly(poller.states().keySet());
            found = notices.observe(changed);
        }
        if (found.isEmpty()) return;
        boolean first;
        synchronized (pending) {
            first = pending.isEmpty();
            pending.addAll(found);
        }
        // one hop to the FX thread for everything that arrives before it runs
        if (first) tasks.onUi(this::flush);
    }

    private void flush() {
        List<StatusNotices.Change> batch;
        synchronized (pending) {
            batch = List.copyOf(pending);
            pending.clear();
        }
        for (StatusNotices.Notice n : StatusNotices.decide(batch, Set.copyOf(mutes.muted()))) show(n);
    }

    private void show(StatusNotices.Notice notice) {
        Window window = owner.get();
        if (window == null || !window.isShowing()) return;
        Notifications n = Notifications.create()
                .title(notice.title())
                .text(notice.text())
                .graphic(StatusIcons.relationship(notice.status(), false, 30))
                .position(Pos.BOTTOM_RIGHT)
                .hideAfter(SHOWN_FOR)
                .owner(window);
        if (Theme.dark()) n.darkStyle(); // a white card on the dark window would glare
        if (notice.changes().size() == 1) n.onAction(e -> open.accept(notice.changes().get(0).relationship()));
        n.show();
        tray.show(notice);
    }

    @Override public void close() {
        poller.removeListener(this);
        tray.close();
    }
}
