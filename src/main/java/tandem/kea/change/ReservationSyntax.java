package tandem.kea.change;

import java.util.Locale;
import java.util.regex.Pattern;

/** What a reservation's MAC address and host name must look like. */
public final class ReservationSyntax {
    private static final Pattern MAC = Pattern.compile("([0-9a-f]{2}[:-]){5}[0-9a-f]{2}");
    private static final Pattern HOSTNAME =
            Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private ReservationSyntax() {}

    public static boolean mac(String text) {
        return text != null && MAC.matcher(text.strip().toLowerCase(Locale.ROOT)).matches();
    }

    public static boolean hostname(String text) {
        return text != null && HOSTNAME.matcher(text.strip().toLowerCase(Locale.ROOT)).matches();
    }
}
