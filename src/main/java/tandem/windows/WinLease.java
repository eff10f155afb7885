package tandem.windows;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A lease as one server holds it, through {@link WindowsProjections#LEASE} (Get-DhcpServerv4Lease -AllLeases).
 *
 * @param clientId     the client's identifier as Windows prints it, e.g. "00-50-56-b0-68-05"
 * @param addressState "Active", "Offer", "Declined", "Expired", "ActiveReservation", "InactiveReservation"...
 * @param expires      LeaseExpiryTime in Unix seconds, null when the lease has none (a reservation's)
 */
public record WinLease(String scopeId, String ipAddress, String clientId, String hostName, String addressState, Long expires) {
    public static WinLease from(JsonNode row) {
        return read(new ProjectionReader(row));
    }

    static WinLease read(ProjectionReader r) {
        return new WinLease(r.required("scopeId"), r.required("ipAddress"), r.textOrEmpty("clientId"),
                r.textOrEmpty("hostName"), r.textOrEmpty("addressState"), r.whole("expires"));
    }
}
