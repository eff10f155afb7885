package tandem.core.lease;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import tandem.core.Relationship;

/**
 * How a backend reads a relationship's leases (and reservations) from each partner. It talks to servers and blocks:
 * call it in the background, never on the FX thread. Read only: nothing here changes a server.
 */
public interface LeaseSource {
    /**
     * Each partner's leases.
     *
     * @param subnetId only this subnet's leases, or all when empty
     * @param within   how long reading one partner may take; a partner that has more is read partially
     */
    PartnerLeases read(Relationship relationship, OptionalLong subnetId, Duration within);

    /** Each partner's host reservations, and the partners whose configuration could not be read. */
    default PartnerReservations reservations(Relationship relationship, Duration within) {
        return new PartnerReservations(Map.of(), Map.of());
    }

    /**
     * @param byPartner every partner whose configuration was read, with its reservations
     * @param unread    the partners whose reservations are unknown, with why
     */
    record PartnerReservations(Map<String, java.util.List<Reservation>> byPartner, Map<String, String> unread) {}
}
