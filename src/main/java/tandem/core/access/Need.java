package tandem.core.access;

import java.util.Objects;

/**
 * A permission a change needs: a bit on a relationship's server, or on one scope (subnet) of it.
 *
 * @param scope the subnet the change touches, or null when it concerns the server or relationship as a whole
 */
public record Need(Permission bit, String relationship, String scope) {
    public Need {
        Objects.requireNonNull(bit, "bit");
    }

    /** What every change not more narrowly described needs: to be a DHCP administrator. */
    public static Need administrator(String relationship) {
        return new Need(Permission.DHCP_ADMINISTRATOR, relationship, null);
    }
}
