package tandem.ui;

import tandem.core.Inventory;
import tandem.core.Preferences;
import tandem.core.port.AuditStore;
import tandem.core.port.ConfigChecker;
import tandem.core.port.PreferenceStore;
import tandem.core.port.ReplicationStore;
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

    /** Sends HA actions; blocks, so call it off the FX thread. */
    tandem.core.backend.FailoverActions haActions();

    /** The HA configuration checks; may read the store, so call it off the FX thread. */
    ConfigChecker configChecks();


    /** The change journal and which peers are out of sync. */
    ReplicationStore replicationStore();

    /** The audit trail of every change made from the data folder; reads block, so call it off the FX thread. */
    AuditStore auditStore();

    /** Whether the console mirrors the relationship's configuration changes now, as its backend says. */
    default tandem.core.backend.ReplicationStatus replication(tandem.core.Relationship relationship) {
        return tandem.core.backend.ReplicationStatus.NOT_BY_THE_CONSOLE;
    }

    /** The relationship's settings as its backend last read them, for the details pane; does not block. */
    default java.util.List<tandem.core.backend.Fact> facts(tandem.core.Relationship relationship) {
        return java.util.List.of();
    }

    /** How the relationship's configuration tables are read (empty: its backend has none); reads block. */
    default java.util.Optional<tandem.core.config.ConfigTableSource> configuration(tandem.core.Relationship relationship) {
        return java.util.Optional.empty();
    }

    /** Each backend's own preferences, for the Preferences dialog. */
    default java.util.List<tandem.core.backend.Setting> backendSettings() { return java.util.List.of(); }

    /** On a team store: which one, as whom, and who polls for the team; blocks, so call it off the FX thread. */
    default java.util.Optional<String> teamStatus() { return java.util.Optional.empty(); }

    /**
     * Why the signed-in team member may not use the bit on that server (on some scope of it, for a scope bit), or
     * empty when they may or there is no team; does not block.
     */
    default java.util.Optional<String> refusal(tandem.core.access.Permission bit, String server) {
        return java.util.Optional.empty();
    }

    /**
     * On a team store: its members, roles and bits, managed with the command line's checks (the Team members dialog);
     * empty on the embedded store. Does not block; the administration's own calls do.
     */
    default java.util.Optional<tandem.core.access.TeamAdministration> teamAdministration() {
        return java.util.Optional.empty();
    }

    /** Which store the console opens on next time (Preferences → Team database); empty where it cannot be chosen. */
    default java.util.Optional<tandem.core.port.TeamStoreSettings> teamStoreSettings() {
        return java.util.Optional.empty();
    }

    /** How long each peer took to answer the poller, for the Activity tab's chart; does not block. */
    default tandem.core.port.RoundTrips roundTrips() { return poller().roundTrips(); }

    /** What "now" is to the window (the end of the Activity tab's timeline). */
    default java.time.Clock clock() { return java.time.Clock.systemUTC(); }

    /** The preferences in force now. */
    Preferences preferences();

    /** Stores new preferences and makes the poller use them; called off the FX thread. */
    void updatePreferences(Preferences updated);


    void close();

    /** How a relationship's leases are read, empty when its backend cannot; the reads block (background only). */
    default java.util.Optional<tandem.core.lease.LeaseSource> leases(tandem.core.Relationship relationship) {
        return java.util.Optional.empty();
    }

    /** The lease consistency check's last results; empty where there is none. */
    default java.util.Optional<tandem.core.lease.LeaseConsistency> leaseConsistency() {
        return java.util.Optional.empty();
    }

    /** Finds a client on every server; its search blocks (background only). */
    default tandem.core.lease.ClientFinder clientFinder() {
        return new tandem.core.lease.ClientFinder(() -> inventory().relationships(), this::leases,
                java.time.Duration.ofSeconds(30));
    }

    /** This desktop's window, column and appearance settings; kept in memory when there is no data folder. */
    default tandem.core.desktop.DesktopSettings desktopSettings() { return tandem.core.desktop.DesktopSettings.inMemory(); }

    /** The data folder the console runs on, for the About dialog; empty when it has none. */
    default java.util.Optional<java.nio.file.Path> dataFolder() { return java.util.Optional.empty(); }
}
