package tandem.core;

/** Whether configuration changes to a relationship are mirrored from its source of truth to the other peers. */
public final class Replication {
    private Replication() {}

    public static boolean enabled(Relationship relationship, Preferences preferences) {
        return relationship.mode() != HaMode.STANDALONE && !relationship.sharedConfig()
                && preferences.keaReplicateConfig();
    }
}
