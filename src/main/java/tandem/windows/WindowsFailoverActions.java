package tandem.windows;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import tandem.core.HaActionOutcome;
import tandem.core.HaMode;
import tandem.core.PeerDefinition;
import tandem.core.PeerObservation;
import tandem.core.Relationship;
import tandem.core.RelationshipState;
import tandem.core.backend.ActionKind;
import tandem.core.backend.ActionPlan;
import tandem.core.backend.ActionRequest;
import tandem.core.backend.FailoverActions;
import tandem.core.backend.PlannedAction;

/**
 * Windows failover's action: partner down. The server named takes over its partner's share; Windows allows it only
 * in CommunicationInterrupted, and it is only safe when the partner really serves nobody.
 */
final class WindowsFailoverActions implements FailoverActions {
    static final ActionKind PARTNER_DOWN = new ActionKind("partner-down", "Set partner down",
            "Set-DhcpServerv4Failover -PartnerDown", "Server that takes over", true, false, false, false);

    private final WindowsServers servers;

    WindowsFailoverActions(WindowsServers servers) { this.servers = servers; }

    @Override public List<ActionKind> offered(Relationship rel) {
        return rel.mode() == HaMode.STANDALONE ? List.of() : List.of(PARTNER_DOWN);
    }

    @Override
    public ActionPlan plan(Relationship rel, RelationshipState state, ActionRequest request) {
        if (request.peer() == null || request.peer().isBlank()) {
            return new ActionPlan.Refused("Name the server that takes over (one of "
                    + String.join(", ", rel.peers().stream().map(PeerDefinition::name).toList()) + ")", "peer");
        }
        Optional<PeerDefinition> server = rel.peers().stream().filter(p -> p.name().equalsIgnoreCase(request.peer())).findFirst();
        if (server.isEmpty()) {
            return new ActionPlan.Refused(request.peer() + " is not a server of " + rel.name() + " (its servers: "
                    + String.join(", ", rel.peers().stream().map(PeerDefinition::name).toList()) + ")", "peer");
        }
        String name = server.get().name();
        String partner = rel.peers().stream().map(PeerDefinition::name).filter(n -> !n.equals(name)).findFirst().orElse("its partner");
        PeerObservation o = state == null ? null : state.peers().get(name);
        if (o == null || !o.up()) {
            return new ActionPlan.Refused(name + " does not answer now; partner down is sent to the server that takes over", null);
        }
        if (!"communication-interrupted".equals(o.haState())) {
            return new ActionPlan.Refused(name + " is in state " + (o.haState() == null ? "unknown" : o.haState())
                    + " in " + rel.name() + ": Windows allows partner down only from communication-interrupted", null);
        }
        return new ActionPlan.Ready(new PlannedAction() {
            @Override public Relationship relationship() { return rel; }
            @Override public ActionKind kind() { return PARTNER_DOWN; }
            @Override public List<String> targets() { return List.of(name); }
            @Override public String title() { return "Set " + partner + " down in " + rel.name() + " on " + name; }
            @Override public String description() {
                return name + " will serve every client of " + rel.name() + ", and after the MCLT the whole address pool."
                        + " Do this only when " + partner + " is really down or cut off from the clients: if it still"
                        + " serves, both hand out the same addresses.";
            }
        });
    }

    @Override
    public HaActionOutcome run(PlannedAction action) {
        String server = action.targets().get(0);
        String rel = action.relationship().name();
        try (WindowsSession s = servers.open(server)) {
            s.run(WindowsScripts.partnerDown(rel));
            String now = WindowsReads.state(s).failovers().stream().filter(f -> f.name().equalsIgnoreCase(rel))
                    .map(WinFailover::state).findFirst().orElse("unknown");
            String text = rel + " on " + server + " is now " + now;
            return new HaActionOutcome(HaActionOutcome.Result.DONE, text, List.of(new HaActionOutcome.PeerReply(server, true, text)));
        } catch (tandem.windows.ps.PsFailure e) {
            return new HaActionOutcome(HaActionOutcome.Result.REFUSED, e.getMessage(),
                    List.of(new HaActionOutcome.PeerReply(server, false, e.getMessage())));
        } catch (IOException | RuntimeException e) {
            return new HaActionOutcome(HaActionOutcome.Result.FAILED, server + ": " + e.getMessage(),
                    List.of(new HaActionOutcome.PeerReply(server, false, String.valueOf(e.getMessage()))));
        }
    }
}
