package tandem.cli.team;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tandem.core.access.Role;
import tandem.core.port.TeamStore;

/** {@code tandem role grant|revoke NAME ROLE}. */
@Command(name = "role", mixinStandardHelpOptions = true, subcommands = {RoleCommand.Grant.class, RoleCommand.Revoke.class},
        description = "The built-in roles: dhcp-administrators (everything) and ipam-administrators (scope options,"
                + " reservations, pools and exclusions on every scope).")
public final class RoleCommand {
    static int set(CommandSpec spec, String login, String roleName, boolean held) {
        UserCommand.checkLogin(spec, login);
        Role role = Role.fromWire(roleName).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "ROLE: '" + roleName + "' is not a role; the roles are " + Role.names()));
        TeamStore team = TeamAccess.teamServices(spec).teamStore();
        TeamAccess.requireAdministrator(team);
        if (team.member(login).isEmpty()) {
            throw new ParameterException(spec.commandLine(), "NAME: " + login + " is not a member of this team"
                    + " (tandem user add " + login + ")");
        }
        if (!held && role == Role.DHCP_ADMINISTRATORS && login.equals(team.currentLogin())) {
            throw new ParameterException(spec.commandLine(), "NAME: you cannot leave the DHCP administrators yourself;"
                    + " another DHCP administrator can take you out");
        }
        boolean changed = team.setRole(login, role, held);
        spec.commandLine().getOut().println(login + (changed ? (held ? " now holds " : " no longer holds ")
                : (held ? " already holds " : " does not hold ")) + role.label() + ".");
        return 0;
    }

    @Command(name = "grant", mixinStandardHelpOptions = true, description = "Gives a member a role.")
    static final class Grant implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME") String login;
        @Parameters(index = "1", paramLabel = "ROLE") String role;

        @Override public Integer call() { return set(spec, login, role, true); }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Takes a role from a member.")
    static final class Revoke implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME") String login;
        @Parameters(index = "1", paramLabel = "ROLE") String role;

        @Override public Integer call() { return set(spec, login, role, false); }
    }
}
