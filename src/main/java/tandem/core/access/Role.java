package tandem.core.access;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The built-in roles: each holds its bits on every server and scope. */
public enum Role {
    DHCP_ADMINISTRATORS("dhcp-administrators", "DHCP Administrators", EnumSet.allOf(Permission.class)),
    /** Replicating and editing scopes: options, reservations, pools and exclusions on every scope. */
    IPAM_ADMINISTRATORS("ipam-administrators", "IPAM Administrators", EnumSet.of(Permission.SCOPE_OPTIONS,
            Permission.EDIT_RESERVATIONS, Permission.EDIT_POOLS, Permission.EDIT_EXCLUSIONS, Permission.READ));

    private final String wire;
    private final String label;
    private final Set<Permission> bits;

    Role(String wire, String label, Set<Permission> bits) {
        this.wire = wire;
        this.label = label;
        this.bits = bits;
    }

    public String wire() { return wire; }

    /** As people name it: "DHCP Administrators". */
    public String label() { return label; }

    public Set<Permission> bits() { return bits; }

    /** Takes the wire name or the label, in any case. */
    public static Optional<Role> fromWire(String text) {
        if (text == null) return Optional.empty();
        String t = text.strip().toLowerCase(Locale.ROOT).replace(' ', '-');
        return Arrays.stream(values()).filter(r -> r.wire.equals(t)).findFirst();
    }

    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(Role::wire).toList());
    }
}
