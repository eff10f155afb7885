package tandem.cli.team;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tandem.cli.TandemCommand;
import tandem.core.port.PollerLease;
import tandem.core.port.TeamStore;

/** {@code tandem team init}: sets up a team store. */
@Command(name = "team", mixinStandardHelpOptions = true, subcommands = {TeamCommand.Init.class, TeamCommand.Status.class, TeamImportCommand.class},
        description = "A team's shared store on PostgreSQL (with --store).")
public final class TeamCommand {
    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Creates Tandem's tables in the team database given with --store (schema 'tandem') and makes"
                    + " your login the team's first DHCP administrator.")
    static final class Init implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override public Integer call() {
            var services = TeamAccess.teamServices(spec);
            TeamStore team = services.teamStore();
            String me = team.currentLogin();
            if (!team.initialise(Instant.now())) {
                spec.commandLine().getErr().println("tandem: This team store already has members; ask one of its DHCP"
                        + " administrators to add " + me + " (tandem user add " + me + ")");
                return 1;
            }
            services.settleTeamKeys(); // the team key, sealed for this desktop
            spec.commandLine().getOut().println("Team store ready; " + me + " is its first DHCP administrator.");
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Who polls the servers for the team, and who you are connected as.")
    static final class Status implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = "--json", description = "Print {\"poller\": {\"user\", \"host\", \"pid\", \"since\"} or null,"
                + " \"login\", \"store\", \"members\", \"waitingForKey\", \"teamKey\"}") boolean json;

        @Override public Integer call() {
            var services = TeamAccess.teamServices(spec);
            Optional<PollerLease.Holder> poller = services.pollerLease().holder();
            TeamStore team = services.teamStore();
            String login = team.currentLogin();
            int members = team.members().size();
            PrintWriter out = spec.commandLine().getOut();
            String store = TandemCommand.of(spec).teamStoreLocation().toString();
            if (json) {
                ObjectNode o = new ObjectMapper().createObjectNode();
                if (poller.isPresent()) {
                    ObjectNode p = o.putObject("poller");
                    p.put("user", poller.get().login());
                    p.put("host", poller.get().host());
                    p.put("pid", poller.get().pid());
                    p.put("since", poller.get().since().toString());
                } else {
                    o.putNull("poller");
                }
                o.put("login", login);
                o.put("store", store);
                o.put("members", members);
                var waiting = o.putArray("waitingForKey");
                services.waitingForTeamKey().forEach(waiting::add);
                o.put("teamKey", services.teamKeyWaiting().isEmpty() ? "held" : "waiting");
                out.println(o);
                return 0;
            }
            out.println("Team store: " + store + " (" + members + " members), connected as " + login);
            out.println(poller.map(h -> "Polling: " + h.login() + " on " + h.host() + ", process " + h.pid()
                    + ", since " + h.since()).orElse("Polling: nobody (no console or tandem watch of the team runs)"));
            services.teamKeyWaiting().ifPresent(why -> out.println("Server passwords: " + why));
            List<String> waiting = services.waitingForTeamKey();
            if (!waiting.isEmpty()) {
                out.println("Waiting for the team's server passwords: " + String.join(", ", waiting));
            }
            return 0;
        }
    }
}
