package tandem.kea.change;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import tandem.core.ConfigCheck;

/** What creating or dissolving an HA relationship would do, shown before anything is sent. */
public final class HaPlans {
    private HaPlans() {}

    /** One server's configuration now and after, with the diff an administrator reads. */
    public record ServerPlan(String server, String thisServerName, ObjectNode before, ObjectNode after, String diff) {}

    /**
     * @param checks the console's HA checks of every server's resulting configuration, each naming its server
     * @param notes  what else to know: subnets copied or dropped, password files used
     */
    public record Creation(HaRequest request, List<ServerPlan> servers, List<ConfigCheck> checks, List<String> notes) {
        /** An error among the checks: the relationship would not work, so it is not applied. */
        public boolean blocked() {
            return checks.stream().anyMatch(c -> c.severity() == ConfigCheck.Severity.ERROR);
        }

        /** How the peers will talk to each other, in one sentence for the summary and the dry run. */
        public String transport() {
            return request.tls()
                    ? "The peers talk TLS to each other (https peer URLs), each with the trust-anchor, cert-file and"
                    + " key-file its own control channel names"
                    : "The peers talk plain HTTP to each other (http peer URLs)";
        }
    }

    /** @param keep for each peer (by its name in the relationship), the subnets it keeps serving */
    public record DissolveRequest(String relationship, Map<String, List<String>> keep) {
        public DissolveRequest {
            keep = Map.copyOf(keep);
        }
    }

    public record Dissolution(DissolveRequest request, List<ServerPlan> servers, List<String> notes) {}

    /** How the journal keeps a creation: the request, and what each server served before (for undo). */
    public record CreationRecord(HaRequest request, Map<String, List<String>> subnetsBefore) {}

    /**
     * @param servers each server's outcome ("set and written", "restored", ...)
     * @param states  each server's HA state when the change finished (its normal state when all went well)
     */
    public record Outcome(long journalId, String relationship, Map<String, String> servers, Map<String, String> states,
                          List<String> notes) {}
}
