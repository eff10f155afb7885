package tandem.cli.team;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import tandem.cli.TandemCommand;
import tandem.core.access.Member;
import tandem.core.access.Permission;
import tandem.core.port.TeamStore;
import tandem.services.Services;

/** What every team command checks first: a team store, and a caller who is one of its DHCP administrators. */
final class TeamAccess {
    /** sysexits' EX_NOPERM: the caller lacks the permission. */
    static final int EXIT_NO_PERMISSION = 77;

    private TeamAccess() { }

    static Services teamServices(CommandSpec spec) {
        Services services = TandemCommand.of(spec).services();
        if (!services.isTeamStore()) {
            throw new ParameterException(spec.commandLine(), spec.qualifiedName()
                    + " works on a team store: give --store postgresql://USER@HOST[:PORT]/DB");
        }
        return services;
    }

    /** Null when the caller is a DHCP administrator of the team, else the refusal to print. */
    static String refusal(TeamStore team) {
        String me = team.currentLogin();
        Member member = team.member(me).orElse(null);
        if (member == null) return "tandem: " + me + " is not a member of this team; a DHCP administrator can add it";
        if (member.may(Permission.DHCP_ADMINISTRATOR, null, null)) return null;
        return "tandem: " + me + " lacks the " + Permission.DHCP_ADMINISTRATOR.wire() + " permission needed to manage"
                + " the team's members";
    }
}
