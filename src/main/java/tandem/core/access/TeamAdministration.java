package tandem.core.access;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import tandem.core.AddressRules;
import tandem.core.TextRules;
import tandem.core.port.TeamStore;

/**
 * Managing a team's members, roles and bits, with one set of checks and refusals for the command line
 * ({@code tandem user|role|permission}) and the console's Team members dialog. Only a DHCP administrator may change
 * anything; a change that would leave the team without one is refused.
 */
public final class TeamAdministration {
    /** The input a refusal is about, so that the command line names its argument and the console its field. */
    public enum Field { LOGIN, ROLE, BIT, SERVER, SCOPE }

    /** A change refused because of its input or the team as it is; nothing was changed. */
    public static final class Refused extends RuntimeException {
        private final Field field;

        public Refused(Field field, String message) {
            super(message);
            this.field = Objects.requireNonNull(field, "field");
        }

        public Field field() { return field; }
    }

    private final TeamStore team;
    private final Predicate<String> serverExists;
    private final Supplier<Instant> clock;

    /** @param serverExists whether the inventory has a server of that name (a bit is granted on one it has) */
    public TeamAdministration(TeamStore team, Predicate<String> serverExists, Supplier<Instant> clock) {
        this.team = Objects.requireNonNull(team, "team");
        this.serverExists = Objects.requireNonNull(serverExists, "serverExists");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    // ---- checks of the input alone, made before the store is opened

    /** A PostgreSQL identifier as created without quotes is at most 63 bytes; anything else is a typo here. */
    public static String checkLogin(String login) {
        if (login == null || login.isBlank() || login.length() > 63 || !login.matches("[A-Za-z0-9_.@-]+")) {
            throw new Refused(Field.LOGIN, "'" + login + "' is not a PostgreSQL login name"
                    + " (letters, digits, _ . @ -, at most 63)");
        }
        return login;
    }

    public static Role role(String name) {
        return Role.fromWire(name).orElseThrow(() -> new Refused(Field.ROLE,
                "'" + name + "' is not a role; the roles are " + Role.names()));
    }

    public static Permission bit(String name) {
        return Permission.fromWire(name).orElseThrow(() -> new Refused(Field.BIT,
                "'" + name + "' is not a permission bit; the bits are " + Permission.names()));
    }

    /** The grant of a bit on every server (null server), one server, or one scope (a subnet) of it. */
    public static Grant grant(Permission bit, String server, String scope) {
        refuseIf(Field.SERVER, server == null ? null : TextRules.nameProblem(server, "a server name"));
        refuseIf(Field.SCOPE, scope == null ? null : AddressRules.networkProblem(scope));
        refuseIf(Field.SCOPE, scope != null && server == null ? "needs a server: a scope is a subnet of one server" : null);
        refuseIf(Field.SERVER, server != null && bit.reach() == Permission.Reach.EVERYWHERE
                ? bit.wire() + " is given for every server, not one" : null);
        refuseIf(Field.SCOPE, scope != null && bit.reach() != Permission.Reach.SCOPE
                ? bit.wire() + " is given per server, not per scope" : null);
        return new Grant(bit, server, scope);
    }

    // ---- reading

    /** The database login this process is connected as; blocks on the store. */
    public String currentLogin() { return team.currentLogin(); }

    /** Every member may read the list (the console shows it to all of them); blocks on the store. */
    public List<Member> members() { return team.members(); }

    /** Why the connected login may not change the team's members, or empty when it may; blocks on the store. */
    public Optional<String> refusal() {
        String me = team.currentLogin();
        Member member = team.member(me).orElse(null);
        if (member != null && member.may(Permission.DHCP_ADMINISTRATOR, null, null)) return Optional.empty();
        return Optional.of(member == null
                ? me + " is not a member of this team; a DHCP administrator can add it"
                : me + " lacks the " + Permission.DHCP_ADMINISTRATOR.wire() + " permission needed to manage the"
                        + " team's members");
    }

    /** Goes on only for a DHCP administrator; anyone else is refused like a change they may not make (exit 77). */
    public void requireAdministrator() {
        Optional<String> why = refusal();
        if (why.isPresent()) throw new PermissionDenied(why.get(), Need.administrator(null));
    }

    // ---- changes

    /** @return false when the login already was a member */
    public boolean addMember(String login) {
        checkLogin(login);
        requireAdministrator();
        if (!team.loginExists(login)) {
            throw new Refused(Field.LOGIN, "the team's PostgreSQL server has no login '" + login + "'; its"
                    + " administrator creates it first (CREATE ROLE \"" + login + "\" LOGIN PASSWORD ...)");
        }
        return team.addMember(login, clock.get());
    }

    /** Takes the login out of the team with its roles, grants and access to Tandem's tables. */
    public void removeMember(String login) {
        checkLogin(login);
        requireAdministrator();
        if (login.equals(team.currentLogin())) {
            throw new Refused(Field.LOGIN, "you cannot remove your own login; another DHCP administrator can");
        }
        refuseLastAdministrator(login, members -> {
            List<Member> rest = new ArrayList<>(members);
            rest.removeIf(m -> m.login().equals(login));
            return rest;
        });
        if (!team.removeMember(login)) throw new Refused(Field.LOGIN, login + " is not a member of this team");
    }

    /** @return false when nothing changed (already held, or not held) */
    public boolean setRole(String login, Role role, boolean held) {
        checkLogin(login);
        requireAdministrator();
        existingMember(login);
        if (!held && role == Role.DHCP_ADMINISTRATORS && login.equals(team.currentLogin())) {
            throw new Refused(Field.LOGIN, "you cannot leave the DHCP administrators yourself;"
                    + " another DHCP administrator can take you out");
        }
        if (!held) {
            refuseLastAdministrator(login, members -> replace(members, login, m -> {
                Set<Role> roles = m.roles().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(m.roles());
                roles.remove(role);
                return new Member(m.login(), roles, m.grants());
            }));
        }
        return team.setRole(login, role, held);
    }

    /** @return false when nothing changed (already granted, or not granted) */
    public boolean setGrant(String login, Grant grant, boolean held) {
        checkLogin(login);
        grant(grant.bit(), grant.server(), grant.scope());
        if (grant.server() != null && held && !serverExists.test(grant.server())) {
            throw new Refused(Field.SERVER, "no server named '" + grant.server() + "'");
        }
        requireAdministrator();
        existingMember(login);
        if (!held) {
            refuseLastAdministrator(login, members -> replace(members, login, m -> new Member(m.login(), m.roles(),
                    m.grants().stream().filter(g -> !g.equals(grant)).toList())));
        }
        return team.setGrant(login, grant, held);
    }

    /** Whether taking this from a member may end their being a DHCP administrator (the console asks first). */
    public static boolean concernsAdministration(Role role) { return role == Role.DHCP_ADMINISTRATORS; }

    public static boolean concernsAdministration(Grant grant) { return grant.bit() == Permission.DHCP_ADMINISTRATOR; }

    private Member existingMember(String login) {
        return team.member(login).orElseThrow(() -> notMember(login));
    }

    private static Refused notMember(String login) {
        return new Refused(Field.LOGIN, login + " is not a member of this team (tandem user add " + login + ")");
    }

    /** Refuses a change after which no member would be a DHCP administrator: nobody could manage the team. */
    private void refuseLastAdministrator(String login, UnaryOperator<List<Member>> change) {
        List<Member> before = team.members();
        if (before.stream().noneMatch(TeamAdministration::administers)) return; // nothing left to keep
        if (change.apply(before).stream().noneMatch(TeamAdministration::administers)) {
            throw new Refused(Field.LOGIN, login + " is the team's last DHCP administrator; make another member one"
                    + " first");
        }
    }

    private static boolean administers(Member m) { return m.may(Permission.DHCP_ADMINISTRATOR, null, null); }

    private static List<Member> replace(List<Member> members, String login, UnaryOperator<Member> change) {
        return members.stream().map(m -> m.login().equals(login) ? change.apply(m) : m).toList();
    }

    private static void refuseIf(Field field, String problem) {
        if (problem != null) throw new Refused(field, problem);
    }
}
