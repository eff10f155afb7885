package tandem.cli.team;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tandem.core.access.Grant;
import tandem.core.access.Member;
import tandem.core.access.Role;
import tandem.core.access.TeamAdministration;

/** {@code tandem user list|add|remove}: the team's members, each a PostgreSQL login. */
@Command(name = "user", mixinStandardHelpOptions = true,
        subcommands = {UserCommand.ListUsers.class, UserCommand.Add.class, UserCommand.Remove.class},
        description = "The members of the team store, each a PostgreSQL login (DHCP administrators only).")
public final class UserCommand {
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the members, their roles and grants.")
    static final class ListUsers implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = "--json", description = "Print a JSON array") boolean json;

        @Override public Integer call() {
            TeamAdministration team = TeamAccess.teamServices(spec).teamAdministration();
            team.requireAdministrator();
            List<Member> members = team.members();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(toJson(members));
                return 0;
            }
            for (Member m : members) {
                String roles = m.roles().isEmpty() ? "-" : String.join(", ",
                        m.roles().stream().sorted().map(Role::wire).toList());
                String grants = m.grants().isEmpty() ? "" : "  " + String.join("; ",
                        m.grants().stream().map(Grant::describe).toList());
                out.printf("%-24s %s%s%n", m.login(), roles, grants);
            }
            return 0;
        }

        static String toJson(List<Member> members) {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode array = mapper.createArrayNode();
            for (Member m : members) {
                ObjectNode o = array.addObject();
                o.put("login", m.login());
                ArrayNode roles = o.putArray("roles");
                m.roles().stream().sorted().forEach(r -> roles.add(r.wire()));
                ArrayNode grants = o.putArray("grants");
                for (Grant g : m.grants()) {
                    ObjectNode go = grants.addObject();
                    go.put("bit", g.bit().wire());
                    go.put("server", g.server());
                    go.put("scope", g.scope());
                }
            }
            return array.toString();
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Adds a PostgreSQL login to the team and lets it use Tandem's tables. It holds no permission"
                    + " until given a role (tandem role grant) or bits (tandem permission grant).")
    static final class Add implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "An existing PostgreSQL login") String login;

        @Override public Integer call() {
            TeamAccess.checked(spec, () -> TeamAdministration.checkLogin(login));
            TeamAdministration team = TeamAccess.teamServices(spec).teamAdministration();
            if (!TeamAccess.checked(spec, () -> team.addMember(login))) {
                spec.commandLine().getOut().println(login + " already is a member.");
                return 0;
            }
            spec.commandLine().getOut().println("Added " + login + ". The team's server passwords reach " + login
                    + "'s desktop once it has connected and a DHCP administrator's Tandem runs again (a console, tandem"
                    + " watch, or any command such as tandem team status).");
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Removes a login from the team, with its roles, grants and access to Tandem's tables.")
    static final class Remove implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME") String login;

        @Override public Integer call() {
            TeamAccess.checked(spec, () -> TeamAdministration.checkLogin(login));
            TeamAdministration team = TeamAccess.teamServices(spec).teamAdministration();
            TeamAccess.checked(spec, () -> {
                team.removeMember(login);
                return null;
            });
            spec.commandLine().getOut().println("Removed " + login + ".");
            return 0;
        }
    }
}
