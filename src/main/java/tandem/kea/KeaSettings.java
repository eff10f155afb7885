package tandem.kea;

import java.time.Duration;
import java.util.List;
import tandem.core.HaMode;
import tandem.core.Preferences;
import tandem.core.Relationship;
import tandem.core.backend.ReplicationStatus;
import tandem.core.backend.Setting;

/**
 * Kea's own preferences: where a new server's Control Agent is looked for, and whether configuration changes are
 * mirrored to the other servers of a relationship (keaReplicateConfig).
 *
 * @param controlAgentHost null: the server's own address
 */
public record KeaSettings(String controlAgentHost, int controlAgentPort, boolean replicateConfig) {
    static final String HOST = "kea-control-agent-host";
    static final String PORT = "kea-control-agent-port";
    static final String REPLICATE = "kea-replicate-config";
    public static final int DEFAULT_PORT = 8000;

    /** As the Preferences dialog offers them. */
    public static final List<Setting> SETTINGS = List.of(
            new Setting(HOST, "Kea Control Agent host", Setting.Kind.HOST, "",
                    "Blank: each new Kea server's own address"),
            new Setting(PORT, "Kea Control Agent port", Setting.Kind.PORT, Integer.toString(DEFAULT_PORT), null),
            new Setting(REPLICATE, "Replicate configuration changes (keaReplicateConfig)", Setting.Kind.FLAG, "true",
                    "keaReplicateConfig: changes made through the console are copied from the source of truth to"
                            + " the other servers of the relationship"));

    public static KeaSettings of(Preferences p) {
        String host = p.setting(HOST);
        int port;
        try {
            port = p.setting(PORT) == null ? DEFAULT_PORT : Integer.parseInt(p.setting(PORT).strip());
        } catch (NumberFormatException e) {
            port = DEFAULT_PORT;
        }
        return new KeaSettings(host == null || host.isBlank() ? null : host.strip(), port,
                !"false".equalsIgnoreCase(p.setting(REPLICATE)));
    }

    /** The preferences with these settings in them. */
    public Preferences into(Preferences p) {
        return p.with(HOST, controlAgentHost).with(PORT, Integer.toString(controlAgentPort))
                .with(REPLICATE, Boolean.toString(replicateConfig));
    }

    /** Preferences with Kea's settings, as tests and benchmarks build them. */
    public static Preferences preferences(Duration pollInterval, Duration timeout, String controlAgentHost,
                                          int controlAgentPort, boolean replicateConfig) {
        return new KeaSettings(controlAgentHost, controlAgentPort, replicateConfig)
                .into(new Preferences(pollInterval, timeout));
    }

    /**
     * Whether configuration changes to a Kea relationship are mirrored from its source of truth to the other peers:
     * not for a standalone server, nor for servers sharing a configuration backend, nor when turned off.
     */
    public static boolean replicates(Relationship rel, Preferences p) {
        return replication(rel, p).replicated();
    }

    /** The same, with the reason when not, as the details pane shows it. */
    public static ReplicationStatus replication(Relationship rel, Preferences p) {
        if (rel.mode() == HaMode.STANDALONE) return new ReplicationStatus(false, "No (standalone server)");
        if (rel.sharedConfig()) return new ReplicationStatus(false, "No (the servers share a configuration backend)");
        if (!of(p).replicateConfig()) return new ReplicationStatus(false, "No (turned off in Preferences)");
        return new ReplicationStatus(true, "Yes");
    }
}
