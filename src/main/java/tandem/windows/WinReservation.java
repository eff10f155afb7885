package tandem.windows;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A reservation of a scope, through {@link WindowsProjections#RESERVATION}.
 *
 * @param clientId the client's MAC address as Windows prints it, e.g. "00-50-56-b0-68-05"
 * @param type     "Dhcp", "Bootp" or "Both"
 */
public record WinReservation(String scopeId, String ipAddress, String clientId, String name, String type,
                             String description) {
    public static WinReservation from(JsonNode row) {
        return read(new ProjectionReader(row));
    }

    static WinReservation read(ProjectionReader r) {
        return new WinReservation(r.required("scopeId"), r.required("ipAddress"), r.textOrEmpty("clientId"),
                r.textOrEmpty("name"), r.textOrEmpty("type"), r.textOrEmpty("description"));
    }
}
