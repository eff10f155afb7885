package tandem.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tandem.core.PeerObservation;
import tandem.core.RelationshipState;
import tandem.core.RelationshipStatus;

/**
 * {@code tandem check}: a monitoring plugin in the Nagios/Icinga convention. One status line, then performance data
 * after a '|'; the exit code is the service state.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Poll once and report like a Nagios or Icinga plugin: one status line with performance data.",
                "Exit 0 OK, 1 warning (a relationship Impaired), 2 critical (Service down or Unreachable),"
                        + " 3 unknown (nothing to check, or the check itself failed)."})
final class CheckCommand implements Callable<Integer> {
    static final int OK = 0, WARNING = 1, CRITICAL = 2, UNKNOWN = 3;
    private static final String[] LABELS = {"OK", "WARNING", "CRITICAL", "UNKNOWN"};

    @ParentCommand TandemCommand root;
    @Spec CommandSpec spec;

    @Option(names = "--relationship", paramLabel = "R", description = "Check this relationship only")
    String relationship;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<RelationshipState> states;
        long started = System.nanoTime();
        try {
            var services = root.services();
            if (relationship != null && services.inventory().relationships().stream()
                    .noneMatch(r -> r.name().equals(relationship))) {
                throw new ParameterException(spec.commandLine(), "--relationship: no relationship named '"
                        + relationship + "' (tandem status lists them)");
            }
            states = services.poller().pollOnce().stream()
                    .filter(s -> relationship == null || s.relationship().name().equals(relationship)).toList();
        } catch (ParameterException e) {
            throw e;
        } catch (RuntimeException e) {
            out.println("TANDEM UNKNOWN - the check failed: " + e.getMessage());
            return UNKNOWN;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.println(report(states, relationship, seconds));
        return code(states);
    }

    static int code(List<RelationshipState> states) {
        if (states.isEmpty()) return UNKNOWN;
        int code = OK;
        for (RelationshipState s : states) code = Math.max(code, code(s.status()));
        return code;
    }

    static int code(RelationshipStatus status) {
        return switch (status) {
            case OK -> OK;
            case IMPAIRED -> WARNING;
            case SERVICE_DOWN, UNREACHABLE -> CRITICAL;
        };
    }

    /** The plugin's line: "TANDEM STATE - summary | perfdata". */
    static String report(List<RelationshipState> states, String only, double pollSeconds) {
        int code = code(states);
        StringBuilder line = new StringBuilder("TANDEM ").append(LABELS[code]).append(" - ");
        if (states.isEmpty()) {
            return line.append("no relationships to check (add a server first)").toString();
        }
        Map<RelationshipStatus, Integer> counts = new EnumMap<>(RelationshipStatus.class);
        for (RelationshipStatus s : RelationshipStatus.values()) counts.put(s, 0);
        List<String> notOk = new ArrayList<>();
        for (RelationshipState s : states) {
            counts.merge(s.status(), 1, Integer::sum);
            if (s.status() != RelationshipStatus.OK) {
                String reason = s.assessment().reasons().isEmpty() ? "" : " (" + s.assessment().reasons().get(0) + ")";
                notOk.add(s.relationship().name() + " " + s.status().label() + reason);
            }
        }
        if (only != null) {
            RelationshipState s = states.get(0);
            line.append(s.relationship().name()).append(' ').append(s.status().label());
            if (!s.assessment().reasons().isEmpty()) line.append(": ").append(String.join("; ", s.assessment().reasons()));
        } else if (notOk.isEmpty()) {
            line.append(states.size() == 1 ? "1 relationship OK" : "all " + states.size() + " relationships OK");
        } else {
            line.append(notOk.size()).append(" of ").append(states.size()).append(" relationships not OK: ")
                    .append(String.join("; ", notOk));
        }
        int n = states.size();
        // a '|' in a reason would end the status line for the monitoring system
        line.replace(0, line.length(), line.toString().replace('|', '/').replace('\n', ' '));
        line.append(" | ");
        line.append(perf("ok", counts.get(RelationshipStatus.OK), n)).append(' ');
        line.append(perf("impaired", counts.get(RelationshipStatus.IMPAIRED), n)).append(' ');
        line.append(perf("service_down", counts.get(RelationshipStatus.SERVICE_DOWN), n)).append(' ');
        line.append(perf("unreachable", counts.get(RelationshipStatus.UNREACHABLE), n)).append(' ');
        int peers = 0, reachable = 0;
        long unacked = 0;
        for (RelationshipState s : states) {
            for (PeerObservation o : s.peers().values()) {
                peers++;
                if (o.reachable()) reachable++;
                if (o.unackedClients() != null) unacked += o.unackedClients();
            }
        }
        line.append(perf("peers_reachable", reachable, peers)).append(' ');
        line.append("unacked_clients=").append(unacked).append(";;;0 ");
        line.append(String.format(java.util.Locale.ROOT, "poll_time=%.3fs;;;0", pollSeconds));
        return line.toString();
    }

    private static String perf(String label, int value, int max) {
        return label + "=" + value + ";;;0;" + max;
    }
}
