package tandem.windows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An option value set on a scope or on one of its reservations, through {@link WindowsProjections#optionValue}.
 * Only the default vendor and user class is read.
 *
 * @param name       the option's name from its definition (shown, never compared)
 * @param value      the values in Windows's order (order matters, e.g. DNS servers)
 * @param reservedIp the reservation's address for an option set on a reservation; null at scope level
 */
public record WinOptionValue(int optionId, String name, List<String> value, String reservedIp) {
    public WinOptionValue {
        value = value == null ? List.of() : List.copyOf(value);
        reservedIp = reservedIp == null || reservedIp.isBlank() ? null : reservedIp.strip();
    }

    public static WinOptionValue from(JsonNode row) {
        return read(new ProjectionReader(row));
    }

    static WinOptionValue read(ProjectionReader r) {
        Integer id = r.integer("optionId");
        if (id == null) throw new IllegalArgumentException("projection row without optionId");
        return new WinOptionValue(id, r.textOrEmpty("name"), r.strings("value"), r.text("reservedIp"));
    }

    public boolean atScopeLevel() { return reservedIp == null; }
}
