package tandem.windows;

import java.util.Comparator;
import tandem.core.AddressRules;

/** Dotted IPv4 text in the order a person reads a list of addresses: by number, not alphabetically. */
final class Addresses {
    private Addresses() {}

    /** Addresses by their number; anything else after them, alphabetically. */
    static final Comparator<String> ORDER = Comparator.comparingLong(Addresses::number)
            .thenComparing(Comparator.nullsFirst(Comparator.<String>naturalOrder()));

    private static long number(String text) {
        long a = text == null ? -1 : AddressRules.ipv4(text);
        return a < 0 ? Long.MAX_VALUE : a;
    }
}
