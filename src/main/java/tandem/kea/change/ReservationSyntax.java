package tandem.kea.change;

import tandem.core.AddressRules;

/** What a reservation's MAC address and host name must look like: {@link AddressRules}' rules. */
public final class ReservationSyntax {
    private ReservationSyntax() {}

    public static boolean mac(String text) {
        return AddressRules.mac(text);
    }

    public static boolean hostname(String text) {
        return AddressRules.hostname(text);
    }
}
