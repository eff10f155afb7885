package tandem.windows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Everything of one scope on one server that failover replication copies to the partner: the scope's properties,
 * its exclusion ranges, its reservations and the option values set on the scope and on its reservations.
 *
 * @param options scope-level values ({@code reservedIp} null) and reservation-level values together
 */
public record ScopeConfig(WinScope scope, List<WinExclusion> exclusions, List<WinReservation> reservations,
                          List<WinOptionValue> options) {
    public ScopeConfig {
        if (scope == null) throw new IllegalArgumentException("a scope configuration needs its scope");
        exclusions = exclusions == null ? List.of() : List.copyOf(exclusions);
        reservations = reservations == null ? List.of() : List.copyOf(reservations);
        options = options == null ? List.of() : List.copyOf(options);
    }

    /**
     * Reads {@code {"scope":{...}, "exclusions":[...], "reservations":[...], "options":[...]}}, each list also as
     * one bare object, a wrapped array or missing (a scope without any).
     */
    public static ScopeConfig from(JsonNode node) {
        ProjectionReader r = new ProjectionReader(node);
        List<JsonNode> scope = r.rows("scope");
        if (scope.isEmpty()) throw new IllegalArgumentException("scope configuration without its scope: " + node);
        return new ScopeConfig(WinScope.from(scope.get(0)),
                r.rows("exclusions").stream().map(WinExclusion::from).toList(),
                r.rows("reservations").stream().map(WinReservation::from).toList(),
                r.rows("options").stream().map(WinOptionValue::from).toList());
    }

    public String scopeId() { return scope.scopeId(); }

    public List<WinOptionValue> scopeOptions() {
        return options.stream().filter(WinOptionValue::atScopeLevel).toList();
    }

    public List<WinOptionValue> reservationOptions() {
        return options.stream().filter(o -> !o.atScopeLevel()).toList();
    }
}
