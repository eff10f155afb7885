package tandem.windows.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One failover relationship as one of its two servers sees it. The two sides are linked ({@link #peer()}) and kept in
 * step by the cmdlets; each side runs its own state machine (reference §3), driven by {@link SimNetwork#tick()}.
 * The shared secret is held only to say whether authentication is on; it is never written out nor printed.
 */
public final class SimFailover {
    /** The failover states in FSM_STATE order; {@code name()} is the string Get-DhcpServerv4Failover writes. */
    public enum State {
        NoState, Init, Startup, Normal, CommunicationInterrupted, PartnerDown, PotentialConflict, ConflictDone,
        ResolutionInterrupted, Recover, RecoverWait, RecoverDone
    }

    private static final EnumSet<State> RECOVERING = EnumSet.of(State.Recover, State.RecoverWait, State.RecoverDone);

    final SimDhcpServer owner;
    SimFailover peer;
    final String name;
    String mode;
    String serverRole;
    Long loadBalancePercent;
    Long reservePercent;
    Duration maxClientLeadTime;
    boolean autoStateTransition;
    Duration stateSwitchInterval;
    private String sharedSecret;
    final String serverType;
    final TreeSet<Long> scopeIds = new TreeSet<>();
    State state = State.Normal;
    Instant since;
    private final ArrayDeque<String> history = new ArrayDeque<>();

    SimFailover(SimDhcpServer owner, String name, String serverType, Instant since) {
        this.owner = owner;
        this.name = name;
        this.serverType = serverType;
        this.since = since;
        history.add(state.name());
    }

    public String name() { return name; }

    public State state() { return state; }

    /** When this side entered its state (simulated network time). */
    public Instant since() { return since; }

    public SimFailover peer() { return peer; }

    public SimDhcpServer owner() { return owner; }

    public boolean authenticationOn() { return sharedSecret != null; }

    /**
     * Sets this side's state by hand, for states the fault model does not reach (e.g. PotentialConflict, Startup):
     * such a state stays until set again; a modelled one moves on by the usual rules at the next tick.
     */
    public void forceState(State to) {
        synchronized (owner.network()) {
            enter(to, owner.network().clock().now());
        }
    }

    void secret(String secret) { this.sharedSecret = secret; }

    boolean isReintegrating() {
        return state == State.PotentialConflict || state == State.ConflictDone || state == State.ResolutionInterrupted
                || RECOVERING.contains(state);
    }

    void enter(State to, Instant at) {
        if (to != state) {
            state = to;
            since = at;
            history.add(to.name());
            if (history.size() > 64) history.removeFirst();
        }
    }

    /** The states this side went through, oldest first (the last 64), e.g. to see a Recover passed within one tick. */
    public List<String> history() { return List.copyOf(history); }

    /** The time of this side's next timed transition, if one is pending. */
    Optional<Instant> deadline() {
        if (state == State.CommunicationInterrupted && autoStateTransition && stateSwitchInterval != null) {
            return Optional.of(since.plus(stateSwitchInterval));
        }
        if (state == State.RecoverWait) return Optional.of(since.plus(maxClientLeadTime));
        return Optional.empty();
    }

    /**
     * The state this side moves to at {@code now}, from the states of both sides as they were at the start of the
     * tick. A stopped server's side does not move (its service is not running the machine). On reconnection the side
     * that is not in PartnerDown recovers; the PartnerDown side stays there until its partner is RecoverDone, then both
     * reach Normal (as in the failover protocol the Windows implementation follows). Both sides in PartnerDown: the
     * SecondaryServer recovers.
     */
    State next(boolean reachable, State peerState, Instant now) {
        if (!owner.serviceRunning) return state;
        boolean peerDown = peerState == State.PartnerDown;
        switch (state) {
            case Normal:
                if (!reachable) return State.CommunicationInterrupted;
                return peerDown ? State.Recover : state;
            case CommunicationInterrupted:
                if (reachable) return peerDown ? State.Recover : State.Normal;
                return deadlinePassed(now) ? State.PartnerDown : state;
            case PartnerDown:
                if (!reachable) return state;
                if (peerState == State.RecoverDone) return State.Normal;
                if (peerDown && "SecondaryServer".equals(serverType)) return State.Recover;
                return state;
            case Recover:
                return reachable ? State.RecoverWait : state;
            case RecoverWait:
                return deadlinePassed(now) ? State.RecoverDone : state;
            case RecoverDone:
                return reachable && (peerState == State.Normal || peerState == State.RecoverDone) ? State.Normal : state;
            default:
                // NoState, Init, Startup and the conflict states are reached only by forceState: they stay until set again.
                return state;
        }
    }

    private boolean deadlinePassed(Instant now) {
        Optional<Instant> due = deadline();
        return due.isPresent() && !now.isBefore(due.get());
    }

    /** Whether this side owns the whole free pool: PartnerDown for at least MCLT (reference §3). */
    boolean ownsWholePool(Instant now) {
        return state == State.PartnerDown && !now.isBefore(since.plus(maxClientLeadTime));
    }

    SimObject toObject() {
        List<Object> scopes = new ArrayList<>();
        for (long id : scopeIds) scopes.add(SimIp.of(id));
        boolean primary = "PrimaryServer".equals(serverType);
        SimDhcpServer primaryServer = primary ? owner : peer.owner;
        SimDhcpServer secondaryServer = primary ? peer.owner : owner;
        return new SimObject("Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/DHCP/DhcpServerv4Failover")
                .put("ScopeId", scopes)
                .put("PrimaryServerIP", primaryServer.address())
                .put("PrimaryServerName", primaryServer.fqdn())
                .put("SecondaryServerIP", secondaryServer.address())
                .put("SecondaryServerName", secondaryServer.fqdn())
                .put("AutoStateTransition", autoStateTransition)
                .put("EnableAuth", sharedSecret != null)
                .put("LoadBalancePercent", loadBalancePercent)
                .put("MaxClientLeadTime", maxClientLeadTime)
                .put("Mode", mode)
                .put("Name", name)
                .put("PartnerServer", peer.owner.fqdn())
                .put("ReservePercent", reservePercent)
                .put("ServerRole", serverRole)
                .put("ServerType", serverType)
                .put("SharedSecret", null)
                .put("State", state.name())
                .put("StateSwitchInterval", stateSwitchInterval);
    }

    @Override public String toString() { return "SimFailover[" + name + " on " + owner.name() + ": " + state + "]"; }
}
