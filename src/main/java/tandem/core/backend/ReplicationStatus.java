package tandem.core.backend;

/**
 * Whether the console mirrors a relationship's configuration changes to its other servers, and why not.
 *
 * @param text as the details pane shows it: "Yes", or "No (reason)"
 */
public record ReplicationStatus(boolean replicated, String text) {
    /** For a backend whose servers the console does not keep alike. */
    public static final ReplicationStatus NOT_BY_THE_CONSOLE = new ReplicationStatus(false, "No");
}
