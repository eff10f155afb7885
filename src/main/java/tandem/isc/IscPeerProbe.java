package tandem.isc;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import tandem.core.ConnectionSettings;
import tandem.core.DaemonState;
import tandem.core.PeerObservation;
import tandem.core.Relationship;
import tandem.core.port.PeerProbe;
import tandem.ssh.HostKeyPrompt;
import tandem.ssh.SshSession;
import tandem.ssh.SshSessionPool;

/**
 * Asks an ISC server for its failover state over SSH (omshell next to dhcpd). The partner is reported as the
 * server sees it: its state is the server's partner-state, and it counts as down when the server has lost touch
 * with it (communications-interrupted, partner-down).
 */
public final class IscPeerProbe implements PeerProbe, AutoCloseable {
    /** One login per server, kept between polls. */
    private final SshSessionPool pool;
    private final Clock clock;
    /**
     * The OMAPI key of each server's dhcpd.conf (empty: none asked for), read at the first poll and again after
     * dhcpd refused it or asked for one. In memory only, like every secret the console holds.
     */
    private final ConcurrentHashMap<String, Optional<OmapiKey>> omapiKeys = new ConcurrentHashMap<>();
    /** The probes under way, by server and question: a server still being asked is not asked again. */
    private final ConcurrentHashMap<String, CompletableFuture<PeerObservation>> inFlight = new ConcurrentHashMap<>();
    /** A bounded queue: more probes than this waiting means servers answer slower than they are polled. */
    static final int MAX_QUEUED = 64;
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(8, 8, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(MAX_QUEUED), r -> {
                Thread t = new Thread(r, "isc-probe");
                t.setDaemon(true);
                return t;
            });

    /** An SSH login (key exchange, authentication) may alone take seconds: no ISC probe gets less than this. */
    static final Duration MIN_BUDGET = Duration.ofSeconds(10);

    public IscPeerProbe(Path knownHosts, Clock clock) {
        this(knownHosts, clock, SshSessionPool.IDLE_BOUND);
    }

    /** @param idleBound how long a server's login is kept unused (see {@link SshSessionPool#IDLE_BOUND}) */
    IscPeerProbe(Path knownHosts, Clock clock, Duration idleBound) {
        // probes never ask about a host key: a server is trusted when it is added, and a changed key is refused
        this.pool = new SshSessionPool("isc-ssh", knownHosts, HostKeyPrompt.REFUSE, idleBound);
        this.clock = clock;
        executor.allowCoreThreadTimeOut(true);
    }

    /** The poll timeout, but never less than an SSH login and an OMAPI question need. */
    static Duration budget(Duration timeout) {
        return timeout == null || timeout.compareTo(MIN_BUDGET) < 0 ? MIN_BUDGET : timeout;
    }

    @Override
    public Duration budget(Relationship relationship, Duration timeout) { return budget(timeout); }

    /**
     * Asks the server, unless a probe of the same server and question is still under way: then that one's answer
     * is awaited, so a slow server never piles up logins. The answer comes within {@link #budget(Duration)}.
     */
    @Override
    public CompletableFuture<PeerObservation> probe(Relationship relationship, String peer, ConnectionSettings connection,
                                                    Duration timeout) {
        String key = connection.url() + "|" + peer;
        Duration budget = budget(timeout);
        CompletableFuture<PeerObservation> answer = new CompletableFuture<>();
        CompletableFuture<PeerObservation> running = inFlight.putIfAbsent(key, answer);
        if (running != null) return running;
        CompletableFuture<PeerObservation> work;
        try {
            work = CompletableFuture.supplyAsync(() -> observe(peer, connection, budget), executor);
        } catch (RejectedExecutionException full) {
            work = CompletableFuture.completedFuture(PeerObservation.unreachable(peer, "too many ISC probes are waiting ("
                    + MAX_QUEUED + "): servers answer slower than they are polled", clock.instant()));
        }
        // the probe stays the one under way until it ends, even when its answer came too late
        work.whenComplete((o, e) -> {
            answer.complete(o != null ? o : PeerObservation.unreachable(peer, String.valueOf(e), clock.instant()));
            inFlight.remove(key, answer);
        });
        CompletableFuture.delayedExecutor(budget.toMillis(), TimeUnit.MILLISECONDS).execute(() -> answer.complete(
                PeerObservation.unreachable(peer, "No answer within " + budget.toSeconds() + " s", clock.instant())));
        return answer;
    }

    /** How many probes are under way now (for tests and diagnostics). */
    int inFlight() { return inFlight.size(); }

    private PeerObservation observe(String peer, ConnectionSettings connection, Duration timeout) {
        URI url = connection.url();
        String fragment = IscServerSettings.fragment(url);
        IscServerSettings s;
        try {
            s = IscServerSettings.fromConnection(connection);
        } catch (RuntimeException e) {
            return PeerObservation.unreachable(peer, e.getMessage(), clock.instant());
        }
        try {
            return pool.call(s.ssh(), timeout, session -> observe(peer, s, fragment, SshConnection.over(session)));
        } catch (IOException e) {
            return PeerObservation.unreachable(peer, e.getMessage(), clock.instant());
        }
    }

    /** What the server says on its login; a {@link SshSession.Lost} goes up so that the pool can log in again. */
    private PeerObservation observe(String peer, IscServerSettings s, String fragment, Shell c) throws IOException {
        if (fragment == null) {
            Shell.ExecResult r = c.exec("pidof dhcpd >/dev/null 2>&1 || pgrep -x dhcpd >/dev/null 2>&1", null, false);
            return r.ok() ? observation(peer, DaemonState.UP, null, null)
                    : PeerObservation.daemonDown(peer, "dhcpd is not running on " + s.ssh().target(), clock.instant());
        }
        boolean partner = fragment.startsWith("partner=");
        String failoverPeer = fragment.substring(fragment.indexOf('=') + 1);
        FailoverStatus st;
        String keyOf = s.ssh().target() + ":" + s.configPath();
        Optional<OmapiKey> key = omapiKeys.get(keyOf);
        String keyProblem = null;
        if (key == null) {
            try {
                key = Optional.ofNullable(OmapiFailoverClient.keyOf(c, s));
                omapiKeys.put(keyOf, key);
            } catch (SshSession.Lost e) {
                throw e;
            } catch (IOException e) {
                // a dhcpd.conf being edited must not hide the state of a dhcpd that asks for no key
                key = Optional.empty();
                keyProblem = e.getMessage();
            }
        }
        try {
            st = new OmapiFailoverClient(c, s.omapiPort(), s.omshellCommand(), key.orElse(null)).read(failoverPeer);
        } catch (SshSession.Lost e) {
            throw e;
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("OMAPI key")) {
                omapiKeys.remove(keyOf);
                // dhcpd answered, so it runs; only its state is unknown until the key is sorted out
                return observation(peer, DaemonState.UNKNOWN, null, e.getMessage()
                        + (keyProblem == null ? "" : " (" + keyProblem + ")"));
            }
            if (partner) return PeerObservation.unreachable(peer, "Its partner " + s.ssh().target().host()
                    + " cannot say: " + e.getMessage(), clock.instant());
            return PeerObservation.daemonDown(peer, "dhcpd does not answer on OMAPI: " + e.getMessage(), clock.instant());
        }
        if (!partner) return observation(peer, DaemonState.UP, st.local().wire(), null);
        boolean lostTouch = st.local() == FailoverState.COMMUNICATIONS_INTERRUPTED || st.local() == FailoverState.PARTNER_DOWN;
        return observation(peer, lostTouch ? DaemonState.DOWN : DaemonState.UP, lostTouch ? null : st.partner().wire(),
                lostTouch ? "Its partner is in " + st.local().wire() + ": they are not in touch" : null);
    }

    private PeerObservation observation(String peer, DaemonState daemon, String state, String problem) {
        return new PeerObservation(peer, true, daemon, state, null, List.of(), null, null, null, null, null, problem,
                clock.instant());
    }

    /** The logins kept between polls (for tests and diagnostics). */
    SshSessionPool logins() { return pool; }

    @Override
    public void close() {
        executor.shutdownNow();
        pool.close();
    }

    @Override
    public tandem.core.backend.StateVocabulary vocabulary(Relationship relationship) {
        return IscStates.VOCABULARY;
    }
}
