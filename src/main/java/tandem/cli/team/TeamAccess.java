package tandem.cli.team;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import tandem.cli.TandemCommand;
import tandem.core.access.Member;
import tandem.core.access.Need;
import tandem.core.access.Permission;
import tandem.core.access.PermissionDenied;
import tandem.core.port.TeamStore;
import tandem.services.Services;

/** What every team command checks first: a team store, and a caller who is one of its DHCP administrators. */
final class TeamAccess {
    private TeamAccess() { }

    static Services teamServices(CommandSpec spec) {
        Services services = TandemCommand.of(spec).services();
        if (!services.isTeamStore()) {
            throw new ParameterException(spec.commandLine(), spec.qualifiedName()
                    + " works on a team store: give --store postgresql://USER@HOST[:PORT]/DB");
        }
        return services;
    }

    /**
     * Goes on only for a DHCP administrator of the team; anyone else is refused like a change they may not make
     * (exit 77, the reason printed by the command line).
     */
    static void requireAdministrator(TeamStore team) {
        String me = team.currentLogin();
        Member member = team.member(me).orElse(null);
        if (member != null && member.may(Permission.DHCP_ADMINISTRATOR, null, null)) return;
        throw new PermissionDenied(member == null
                ? me + " is not a member of this team; a DHCP administrator can add it"
                : me + " lacks the " + Permission.DHCP_ADMINISTRATOR.wire() + " permission needed to manage the"
                        + " team's members", Need.administrator(null));
    }
}
