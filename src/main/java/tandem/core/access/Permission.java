package tandem.core.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The permission bits of a team, each with the reach a grant of it can be limited to: every server, one server, or
 * one scope (a subnet) of a server.
 */
public enum Permission {
    /** Failover relationships and HA actions; implies every other bit everywhere. */
    DHCP_ADMINISTRATOR("dhcp-administrator", Reach.EVERYWHERE, "manage failover relationships and HA actions"),
    /** Adding and removing servers, server-level options, replicating all scopes of a server. */
    ADMINISTER_DHCP_SERVERS("administer-dhcp-servers", Reach.SERVER, "add and remove servers and change server options"),
    ADD_SCOPE("add-scope", Reach.SERVER, "add or remove a scope"),
    SCOPE_OPTIONS("scope-options", Reach.SCOPE, "read and write scope options"),
    EDIT_RESERVATIONS("edit-reservations", Reach.SCOPE, "edit reservations"),
    EDIT_POOLS("edit-pools", Reach.SCOPE, "edit address pools"),
    EDIT_EXCLUSIONS("edit-exclusions", Reach.SCOPE, "edit exclusions"),
    READ("read", Reach.SERVER, "see servers and their state");

    /** How narrowly a grant of the bit can be given. */
    public enum Reach { EVERYWHERE, SERVER, SCOPE }

    private final String wire;
    private final Reach reach;
    private final String allows;

    Permission(String wire, Reach reach, String allows) {
        this.wire = wire;
        this.reach = reach;
        this.allows = allows;
    }

    /** The bit's name on the command line and in the store, e.g. {@code edit-reservations}. */
    public String wire() { return wire; }

    public Reach reach() { return reach; }

    /** What the bit lets its holder do, for refusals: "edit reservations". */
    public String allows() { return allows; }

    public static Optional<Permission> fromWire(String text) {
        if (text == null) return Optional.empty();
        String t = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.wire.equals(t)).findFirst();
    }

    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(Permission::wire).toList());
    }
}
