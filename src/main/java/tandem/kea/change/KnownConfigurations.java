package tandem.kea.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last configuration read from each server, and when that read was sent (monotonic clock). Reading a large
 * configuration blocks a Kea server for seconds, so a configuration is read again only when the server may have
 * been reconfigured since: {@code status-get} reports the seconds since the last (re)load and since start, and
 * any config-set, config-reload, SIGHUP or restart resets them.
 *
 * <p>Some hook libraries change the running configuration through their own commands without a reload; on a
 * server that loads one, what is known is never reused.
 */
final class KnownConfigurations {
    /** Libraries whose commands alter the running configuration without resetting "reload" (Kea 2.2). */
    static final Set<String> RUNTIME_CONFIG_HOOKS = Set.of("libdhcp_subnet_cmds.so", "libdhcp_class_cmds.so",
            "libdhcp_host_cmds.so", "libdhcp_cb_cmds.so");

    /** Kea subtracts two wall-clock times of one-second resolution: the true age can be up to a second more. */
    private static final long SECOND_NANOS = 1_000_000_000L;

    /** Kept as compact JSON: a parsed tree of a large configuration takes ten times the memory. */
    private record Known(byte[] json, boolean changesWithoutReload, long readSentNanos) {}

    private final ConcurrentHashMap<String, Known> byServer = new ConcurrentHashMap<>();

    void remember(String serverKey, ObjectNode config, long readSentNanos) {
        try {
            byServer.put(serverKey, new Known(KeaConfigJson.MAPPER.writeValueAsBytes(config), changesWithoutReload(config),
                    readSentNanos));
        } catch (java.io.IOException e) {
            byServer.remove(serverKey);
        }
    }

    /** Called before anything that may change a server's configuration. */
    void forget(String serverKey) {
        byServer.remove(serverKey);
    }

    /**
     * The configuration last read from the server when it has not been reconfigured since that read was sent.
     * A status-get that confirms it also shows the configuration unchanged when the status-get was sent, so that
     * moment becomes the one later status-gets are compared with: Kea's whole seconds then never make a
     * configuration confirmed once look changed later.
     *
     * @param secondsSinceReconfigured the smaller of status-get's "reload" and "uptime", or null when not reported
     * @param statusSentNanos          when status-get was sent (monotonic clock)
     * @param answeredNanos            when its answer arrived
     */
    Optional<ObjectNode> unchanged(String serverKey, Long secondsSinceReconfigured, long statusSentNanos,
                                   long answeredNanos) {
        Known k = byServer.get(serverKey);
        if (k == null || secondsSinceReconfigured == null || k.changesWithoutReload) return Optional.empty();
        // the latest moment the last reconfiguration can have happened, by our clock
        long reconfiguredAtLatest = answeredNanos - (secondsSinceReconfigured - 1) * SECOND_NANOS;
        if (reconfiguredAtLatest >= k.readSentNanos) return Optional.empty();
        ObjectNode config;
        try {
            config = (ObjectNode) KeaConfigJson.MAPPER.readTree(k.json);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
        if (statusSentNanos > k.readSentNanos) {
            byServer.replace(serverKey, k, new Known(k.json, k.changesWithoutReload, statusSentNanos));
        }
        return Optional.of(config);
    }

    static boolean changesWithoutReload(JsonNode config) {
        JsonNode dhcp4 = tandem.kea.KeaService.rootOf(config);
        if (dhcp4.has("config-control")) return true;
        for (JsonNode hook : dhcp4.path("hooks-libraries")) {
            String library = hook.path("library").asText("");
            String file = library.substring(library.lastIndexOf('/') + 1);
            if (RUNTIME_CONFIG_HOOKS.contains(file)) return true;
        }
        return false;
    }
}
