package tandem.cli.team;

import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tandem.core.port.TeamStore;

/** {@code tandem team init}: sets up a team store. */
@Command(name = "team", mixinStandardHelpOptions = true, subcommands = TeamCommand.Init.class,
        description = "A team's shared store on PostgreSQL (with --store).")
public final class TeamCommand {
    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Creates Tandem's tables in the team database given with --store (schema 'tandem') and makes"
                    + " your login the team's first DHCP administrator.")
    static final class Init implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override public Integer call() {
            TeamStore team = TeamAccess.teamServices(spec).teamStore();
            String me = team.currentLogin();
            if (!team.initialise(Instant.now())) {
                spec.commandLine().getErr().println("tandem: This team store already has members; ask one of its DHCP"
                        + " administrators to add " + me + " (tandem user add " + me + ")");
                return 1;
            }
            spec.commandLine().getOut().println("Team store ready; " + me + " is its first DHCP administrator.");
            return 0;
        }
    }
}
