package tandem.core.access;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/** A login of the team with its roles and the bits granted one by one. */
public record Member(String login, Set<Role> roles, List<Grant> grants) {
    public Member {
        Objects.requireNonNull(login, "login");
        roles = Set.copyOf(roles);
        grants = List.copyOf(grants);
    }

    /**
     * Whether the member may use the bit on that server and scope: a DHCP administrator may do everything; a role
     * holds its bits everywhere; a grant where it was given; and any bit lets its holder read.
     */
    public boolean may(Permission bit, String server, String scope) {
        if (holds(Permission.DHCP_ADMINISTRATOR, server, scope)) return true;
        if (holds(bit, server, scope)) return true;
        return bit == Permission.READ && (!roles.isEmpty() || grants.stream().anyMatch(g -> g.server() == null
                || g.server().equals(server)));
    }

    /**
     * Whether the member may use the bit somewhere on that server: for an action whose scope is chosen later (the
     * Add reservation dialog picks the subnet), so the console offers it when any scope of the server allows it.
     */
    public boolean mayOnSomeScope(Permission bit, String server) {
        if (may(bit, server, null)) return true;
        return grants.stream().anyMatch(g -> g.bit() == bit && g.scope() != null && g.server().equals(server));
    }

    private boolean holds(Permission bit, String server, String scope) {
        for (Role r : roles) if (r.bits().contains(bit)) return true;
        for (Grant g : grants) if (g.covers(bit, server, scope)) return true;
        return false;
    }
}
