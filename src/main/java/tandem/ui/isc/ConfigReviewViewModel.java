package tandem.ui.isc;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import tandem.core.change.Redaction;
import tandem.isc.ConfigChange;
import tandem.isc.DhcpdConfig;
import tandem.isc.IscConfigTarget;
import tandem.isc.SafeWrite;
import tandem.ui.BackgroundTasks;

/**
 * The review of a dhcpd.conf change before it is written: its diff (secrets masked) and warnings, then one write in
 * the background with dhcpd's answer. A change is written at most once from one review.
 */
public final class ConfigReviewViewModel {
    private final IscConfigTarget target;
    private final DhcpdConfig before;
    private final ConfigChange change;
    private final BackgroundTasks tasks;
    private final Runnable afterApply;
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final BooleanProperty applied = new SimpleBooleanProperty(false);
    private final StringProperty result = new SimpleStringProperty("");

    /** @param afterApply told (on the FX thread) when the change was written and dhcpd restarted */
    public ConfigReviewViewModel(IscConfigTarget target, DhcpdConfig before, ConfigChange change, BackgroundTasks tasks,
                                 Runnable afterApply) {
        this.target = target;
        this.before = before;
        this.change = change;
        this.tasks = tasks;
        this.afterApply = afterApply;
    }

    public String title() { return "Review the change to " + target.name(); }

    /** The unified diff as it may be shown: a key's secret appears as ****. */
    public String diff() { return Redaction.redact(change.unifiedDiff()); }

    public List<String> warnings() { return change.warnings(); }

    public ReadOnlyBooleanProperty busyProperty() { return busy; }

    public ReadOnlyBooleanProperty appliedProperty() { return applied; }

    public ReadOnlyStringProperty resultProperty() { return result; }

    /** Validates with dhcpd, writes and restarts, in the background; says how it went. */
    public void apply() {
        if (busy.get() || applied.get()) return;
        busy.set(true);
        result.set("Validating with dhcpd and writing…");
        tasks.run(() -> target.apply(before, change), r -> {
            busy.set(false);
            result.set(r.message());
            if (r instanceof SafeWrite.Applied) {
                applied.set(true);
                afterApply.run();
            }
        }, failure -> {
            busy.set(false);
            result.set("Not written: " + (failure.getMessage() == null ? failure.toString() : failure.getMessage()));
        });
    }
}
