package tandem.isc;

import java.util.Locale;

/** A dhcpd failover peer's role: the primary owns mclt and split; the secondary must not set them. */
public enum FailoverRole {
    PRIMARY, SECONDARY;

    public String word() { return name().toLowerCase(Locale.ROOT); }

    public FailoverRole mirrored() { return this == PRIMARY ? SECONDARY : PRIMARY; }

    public static FailoverRole parse(String text) {
        if (text == null) return null;
        for (FailoverRole r : values()) if (r.word().equalsIgnoreCase(text.strip())) return r;
        return null;
    }
}
