package tandem.kea;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import tandem.core.ConnectionSettings;
import tandem.core.DaemonState;
import tandem.core.HaMode;
import tandem.core.PeerObservation;
import tandem.core.Relationship;
import tandem.core.port.PeerProbe;

/**
 * Asks one Kea peer for status-get and, for HA relationships, ha-heartbeat (whose date-time gives the clock
 * skew). Both requests go out together and never block the poller.
 */
public final class KeaPeerProbe implements PeerProbe {
    /** How a command reaches an agent: {@link KeaControlAgentClient#sendAsync} or {@link KeaAsyncHttp#sendAsync}. */
    @FunctionalInterface
    public interface Transport {
        CompletableFuture<KeaReply> sendAsync(KeaEndpoint ep, String command, String service,
                                              com.fasterxml.jackson.databind.JsonNode arguments);
    }

    private final Transport client;
    private final Clock clock;

    public KeaPeerProbe(KeaControlAgentClient client, Clock clock) {
        this(client::sendAsync, clock);
    }

    public KeaPeerProbe(Transport transport, Clock clock) {
        this.client = transport;
        this.clock = clock;
    }

    static KeaEndpoint endpoint(ConnectionSettings c, Duration timeout) {
        return new KeaEndpoint(c.url(), c.proxy(), c.username(), c.password(), c.trustAnchorPem(), timeout);
    }

    @Override
    public CompletableFuture<PeerObservation> probe(Relationship rel, String peer, ConnectionSettings connection,
                                                    Duration timeout) {
        KeaEndpoint ep;
        try {
            ep = endpoint(connection, timeout);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(PeerObservation.unreachable(peer, e.getMessage(), clock.instant()));
        }
        CompletableFuture<KeaReply> status = client.sendAsync(ep, "status-get", KeaService.daemon(rel.service()), null);
        CompletableFuture<Optional<KeaHeartbeat>> heartbeat = rel.mode() == HaMode.STANDALONE
                ? CompletableFuture.completedFuture(Optional.empty())
                : client.sendAsync(ep, "ha-heartbeat", KeaService.daemon(rel.service()), null)
                        .thenApply(r -> r.parse(KeaHeartbeat::from));
        return status.thenCombine(heartbeat, (s, hb) -> observe(rel, peer, s, hb, clock.instant()));
    }

    private static final String BY_HA_SERVICE = "its HA service";

    static PeerObservation observe(Relationship rel, String peer, KeaReply reply, Optional<KeaHeartbeat> heartbeat,
                                   Instant now) {
        if (reply instanceof KeaReply.Failure f) {
            return switch (f.kind()) {
                case UNREACHABLE, TLS -> PeerObservation.unreachable(peer, f.message(), now);
                case DAEMON_OFFLINE -> PeerObservation.daemonDown(peer, f.message(), now);
                // The agent answered but we cannot tell whether the daemon is up.
                default -> new PeerObservation(peer, true, DaemonState.UNKNOWN, null, null, List.of(), null, null,
                        null, null, null, f.message(), now);
            };
        }
        KeaStatus status = reply.parse(KeaStatus::from).orElseGet(() -> KeaStatus.from(null));
        Long skew = heartbeat.flatMap(h -> Optional.ofNullable(h.dateTime()))
                .map(t -> Duration.between(now, t).toSeconds()).orElse(null);
        // HA disables the service itself in states such as backup, waiting or in-maintenance (Kea 2.7.1+ says so in
        // dhcp-state, Kea 2.2 does not): the HA state then tells what the server does, as on Kea 2.2
        boolean byHaAlone = BY_HA_SERVICE.equals(status.disabledBy()) && !status.highAvailability().isEmpty();
        if (status.disabledBy() != null && !byHaAlone) {
            // it answers, but serves no client: neither counted as serving nor a source of truth
            Optional<KeaHaStatus> h = matching(status, rel, peer);
            return new PeerObservation(peer, true, DaemonState.DISABLED,
                    h.map(KeaHaStatus::local).map(KeaHaStatus.Local::state).orElse(null),
                    h.map(KeaHaStatus::local).map(KeaHaStatus.Local::role).orElse(null), List.of(), null, null, null,
                    null, skew, "The DHCP service is disabled"
                    + (status.disabledBy().equals("unknown") ? "" : " by " + status.disabledBy()), now);
        }
        Optional<KeaHaStatus> ha = matching(status, rel, peer);
        if (rel.mode() == HaMode.STANDALONE || ha.isEmpty()) {
            return new PeerObservation(peer, true, DaemonState.UP, null, null, List.of(), null, null, null, null,
                    skew, null, now);
        }
        KeaHaStatus h = ha.get();
        KeaHaStatus.Local local = h.local();
        KeaHaStatus.Remote remote = h.remote();
        return new PeerObservation(peer, true, DaemonState.UP,
                local == null ? null : local.state(), local == null ? null : local.role(),
                local == null ? List.of() : local.scopes(),
                remote == null ? null : remote.age(), remote == null ? null : remote.inTouch(),
                remote == null ? null : remote.communicationInterrupted(),
                remote == null || remote.unackedClients() == null ? null : remote.unackedClients().longValue(),
                skew, null, now);
    }

    /**
     * Before Kea 2.6 a server has one relationship. With several (hub-and-spoke) the entry naming this peer as
     * local and one of the relationship's peers as remote is the one.
     */
    private static Optional<KeaHaStatus> matching(KeaStatus status, Relationship rel, String peer) {
        if (status.highAvailability().size() <= 1) return status.ha();
        return status.highAvailability().stream()
                .filter(h -> h.local() != null && peer.equals(h.local().serverName()))
                .filter(h -> h.remote() == null || h.remote().serverName() == null
                        || rel.peer(h.remote().serverName()).isPresent())
                .findFirst().or(status::ha);
    }

    @Override
    public tandem.core.backend.StateVocabulary vocabulary(Relationship relationship) {
        return KeaStates.VOCABULARY;
    }
}
