package tandem.cli.team;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tandem.core.access.Role;
import tandem.core.access.TeamAdministration;

/** {@code tandem role grant|revoke NAME ROLE}. */
@Command(name = "role", mixinStandardHelpOptions = true, subcommands = {RoleCommand.Grant.class, RoleCommand.Revoke.class},
        description = "The built-in roles: dhcp-administrators (everything) and ipam-administrators (scope options,"
                + " reservations, pools and exclusions on every scope).")
public final class RoleCommand {
    static int set(CommandSpec spec, String login, String roleName, boolean held) {
        Role role = TeamAccess.checked(spec, () -> {
            TeamAdministration.checkLogin(login);
            return TeamAdministration.role(roleName);
        });
        TeamAdministration team = TeamAccess.teamServices(spec).teamAdministration();
        boolean changed = TeamAccess.checked(spec, () -> team.setRole(login, role, held));
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
