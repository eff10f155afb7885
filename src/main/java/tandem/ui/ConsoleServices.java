package tandem.ui;

import tandem.core.Inventory;
import tandem.core.Preferences;
import tandem.core.port.PreferenceStore;
import tandem.core.port.StateStore;
import tandem.poll.StatusPoller;

/**
 * What the console window needs from the composition root; the application adapts its services to it and the
 * UI tests supply in-memory ones.
 */
public interface ConsoleServices {
    Inventory inventory();

    StatusPoller poller();

    StateStore stateStore();

    PreferenceStore preferenceStore();

    /** The preferences in force now. */
    Preferences preferences();

    /** Stores new preferences and makes the poller use them; called off the FX thread. */
    void updatePreferences(Preferences updated);

    /** The configuration of an ISC server of the inventory, to edit; empty for other servers. */
    default java.util.Optional<tandem.isc.IscConfigTarget> iscConfig(String serverName) { return java.util.Optional.empty(); }

    void close();
}
