package tandem.core.access;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A team member's permissions, read from the team store for every check, so that a grant or a revocation counts
 * at once.
 */
public final class TeamAccessPolicy implements AccessPolicy {
    private final String login;
    private final Supplier<Optional<Member>> member;
    private final Function<String, String> serverOf;

    /**
     * @param member   the signed-in member as the store has it now (empty: not a member)
     * @param serverOf the inventory server a relationship was added through, which grants name
     */
    public TeamAccessPolicy(String login, Supplier<Optional<Member>> member, Function<String, String> serverOf) {
        this.login = login;
        this.member = member;
        this.serverOf = serverOf;
    }

    @Override public void check(List<Need> needs) {
        if (needs.isEmpty()) return;
        Member m = member.get().orElse(null);
        for (Need need : needs) {
            String server = need.relationship() == null ? null : serverOf.apply(need.relationship());
            if (m != null && m.may(need.bit(), server, need.scope())) continue;
            throw new PermissionDenied(refusal(m, need, server), need);
        }
    }

    private String refusal(Member m, Need need, String server) {
        String where = server == null ? "" : " on " + (need.scope() == null ? server : need.scope() + " of " + server);
        if (m == null) return login + " is not a member of this team; a DHCP administrator can add it";
        return login + " lacks the " + need.bit().wire() + " permission" + where + " (to " + need.bit().allows()
                + "); nothing was sent";
    }
}
