package tandem.kea;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The arguments of {@code status-get}. Numbers and flags are null when Kea did not report them.
 *
 * @param pid              the daemon's process id
 * @param uptime           seconds since the daemon started
 * @param reload           seconds since the last configuration (re)load
 * @param multiThreading   whether multi-threading is enabled
 * @param highAvailability one entry per HA relationship; empty when the HA hook is not loaded
 * @param disabledBy       who disabled the DHCP service, when the server reports it disabled; null when it serves
 *                         or does not say (status-get's "dhcp-state" exists from Kea 2.7.1 on; Kea 2.2 reports a
 *                         disabled service only through its HA state)
 */
public record KeaStatus(Long pid, Long uptime, Long reload, Boolean multiThreading,
                        List<KeaHaStatus> highAvailability, String disabledBy) {

    public KeaStatus {
        highAvailability = List.copyOf(highAvailability);
    }

    /** The first (in Kea before 2.6 the only) HA relationship. */
    public Optional<KeaHaStatus> ha() {
        return highAvailability.isEmpty() ? Optional.empty() : Optional.of(highAvailability.get(0));
    }

    public static KeaStatus from(JsonNode arguments) {
        List<KeaHaStatus> ha = new ArrayList<>();
        JsonNode list = arguments == null ? null : arguments.get("high-availability");
        if (list != null && list.isArray()) {
            for (JsonNode rel : list) {
                if (rel.isObject()) {
                    ha.add(KeaHaStatus.from(rel));
                }
            }
        }
        return new KeaStatus(KeaJson.longValue(arguments, "pid"), KeaJson.longValue(arguments, "uptime"),
                KeaJson.longValue(arguments, "reload"), KeaJson.bool(arguments, "multi-threading-enabled"), ha,
                disabledBy(arguments == null ? null : arguments.get("dhcp-state")));
    }

    /** From {"globally-disabled": true, "disabled-by-user": ..., "disabled-by-...-command": [origins], ...}. */
    private static String disabledBy(JsonNode state) {
        if (state == null || !state.path("globally-disabled").asBoolean(false)) return null;
        List<String> by = new ArrayList<>();
        if (state.path("disabled-by-user").asBoolean(false)) by.add("the administrator (dhcp-disable)");
        if (state.path("disabled-by-local-command").size() > 0) by.add("its HA service");
        if (state.path("disabled-by-remote-command").size() > 0) by.add("its HA partner");
        if (state.path("disabled-by-db-connection").size() > 0) by.add("a lost database connection");
        return by.isEmpty() ? "unknown" : String.join(", ", by);
    }
}
