package tandem.windows;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import tandem.core.ConnectionSettings;
import tandem.core.DaemonState;
import tandem.core.PeerObservation;
import tandem.core.Relationship;
import tandem.core.port.PeerProbe;
import tandem.ssh.HostKeyPrompt;
import tandem.ssh.SshSessionPool;
import tandem.windows.ps.SshPowerShell;

/**
 * Asks a Windows DHCP server for the state of its failover relationships over PowerShell. A server is read once for
 * all its relationships: probes of the same server during one poll share one script, and its SSH login is kept
 * between polls. Each peer
 * reports its own side's state ({@code State} is the local side's only), so both partners are always asked.
 */
public final class WindowsPeerProbe implements PeerProbe, AutoCloseable {
    /** An SSH login plus a PowerShell start (about a second on Windows) come before the question. */
    static final Duration MIN_BUDGET = Duration.ofSeconds(15);
    /** A read this fresh answers the other relationships of the same server in the same poll. */
    static final Duration SHARED_FOR = Duration.ofSeconds(2);
    static final int MAX_QUEUED = 64;

    /** One login per server, kept between polls. */
    private final SshSessionPool pool;
    private final WindowsPeers peers;
    private final WindowsFacts facts;
    private final Clock clock;
    private final ConcurrentHashMap<URI, CompletableFuture<Read>> reads = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(8, 8, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(MAX_QUEUED), r -> {
                Thread t = new Thread(r, "windows-probe");
                t.setDaemon(true);
                return t;
            });

    /** What one login read, or why it could not. */
    private record Read(WindowsReads.ServerState state, java.util.Map<String, ScopeConfig> scopes, String unreachable,
                        String unreadable, Instant at) {}

    public WindowsPeerProbe(Path knownHosts, WindowsPeers peers, WindowsFacts facts, Clock clock) {
        this(knownHosts, peers, facts, clock, SshSessionPool.IDLE_BOUND);
    }

    /** @param idleBound how long a server's login is kept unused (see {@link SshSessionPool#IDLE_BOUND}) */
    WindowsPeerProbe(Path knownHosts, WindowsPeers peers, WindowsFacts facts, Clock clock, Duration idleBound) {
        // probes never ask about a host key: a server is trusted when it is added, and a changed key is refused
        this.pool = new SshSessionPool("windows-ssh", knownHosts, HostKeyPrompt.REFUSE, idleBound);
        this.peers = peers;
        this.facts = facts;
        this.clock = clock;
        executor.allowCoreThreadTimeOut(true);
    }

    static Duration budget(Duration timeout) {
        return timeout == null || timeout.compareTo(MIN_BUDGET) < 0 ? MIN_BUDGET : timeout;
    }

    @Override public Duration budget(Relationship relationship, Duration timeout) { return budget(timeout); }

    @Override
    public CompletableFuture<PeerObservation> probe(Relationship rel, String peer, ConnectionSettings given, Duration timeout) {
        ConnectionSettings connection = peers.connection(peer, given);
        URI server = WindowsServerSettings.serverUrl(connection.url());
        Duration budget = budget(timeout);
        CompletableFuture<Read> read = reads.compute(server, (k, running) -> running != null
                && (!running.isDone() || fresh(running.getNow(null))) ? running : start(peer, connection, budget));
        CompletableFuture<PeerObservation> answer = read.thenApply(r -> observe(rel, peer, r));
        CompletableFuture.delayedExecutor(budget.toMillis(), TimeUnit.MILLISECONDS).execute(() -> answer.complete(
                PeerObservation.unreachable(peer, "No answer within " + budget.toSeconds() + " s", clock.instant())));
        return answer;
    }

    private boolean fresh(Read r) {
        return r != null && Duration.between(r.at(), clock.instant()).compareTo(SHARED_FOR) < 0;
    }

    private CompletableFuture<Read> start(String peer, ConnectionSettings connection, Duration budget) {
        try {
            return CompletableFuture.supplyAsync(() -> read(peer, connection, budget), executor);
        } catch (RejectedExecutionException full) {
            return CompletableFuture.completedFuture(new Read(null, null, "too many Windows probes are waiting (" + MAX_QUEUED
                    + "): servers answer slower than they are polled", null, clock.instant()));
        }
    }

    private Read read(String peer, ConnectionSettings connection, Duration timeout) {
        try {
            WindowsServerSettings settings = WindowsServerSettings.fromConnection(connection);
            SshPowerShell.requirePassword(settings.ssh());
            // the login is kept for the next poll; each read still starts a PowerShell of its own
            return pool.call(settings.ssh(), timeout, session -> read(new WindowsSession(peer, SshPowerShell.over(session))));
        } catch (tandem.windows.ps.PsFailure e) {
            return new Read(null, null, null, e.getMessage(), clock.instant());
        } catch (IOException | RuntimeException e) {
            return new Read(null, null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), null, clock.instant());
        }
    }

    private Read read(WindowsSession s) throws IOException {
        WindowsReads.ServerState st = WindowsReads.state(s);
        // every failover scope as this server has it, so that drift between partners shows after one poll
        java.util.Map<String, ScopeConfig> scopes = java.util.Map.of();
        if (st.running()) {
            java.util.Set<String> ids = new java.util.LinkedHashSet<>();
            st.failovers().forEach(f -> ids.addAll(f.scopeIds()));
            try {
                scopes = WindowsServers.scopeConfigs(s, WindowsServers.sorted(ids));
            } catch (tandem.windows.ps.PsFailure e) {
                scopes = null;
            }
        }
        return new Read(st, scopes, null, null, clock.instant());
    }

    private PeerObservation observe(Relationship rel, String peer, Read r) {
        Instant at = r.at();
        if (r.unreachable() != null) return PeerObservation.unreachable(peer, r.unreachable(), at);
        if (r.unreadable() != null) {
            return new PeerObservation(peer, true, DaemonState.UNKNOWN, null, null, List.of(), null, null, null, null,
                    null, r.unreadable(), at);
        }
        WindowsReads.ServerState st = r.state();
        if (!st.running()) {
            return PeerObservation.daemonDown(peer, "The DHCP Server service is " + (st.service().isBlank()
                    ? "not running" : st.service().toLowerCase(java.util.Locale.ROOT)) + " on " + peer, at);
        }
        Optional<WinFailover> f = st.failovers().stream().filter(x -> x.name().equalsIgnoreCase(rel.name())).findFirst();
        java.util.Map<String, ScopeConfig> scopes = new java.util.LinkedHashMap<>();
        if (r.scopes() != null && f.isPresent()) {
            for (String id : f.get().scopeIds()) if (r.scopes().containsKey(id)) scopes.put(id, r.scopes().get(id));
        }
        facts.remember(rel.name(), peer, f.orElse(null), st.unixTime(), at, r.scopes() == null ? null : scopes);
        if (f.isEmpty()) {
            return new PeerObservation(peer, true, DaemonState.UP, null, null, List.of(), null, null, null, null, null,
                    peer + " has no failover relationship named " + rel.name(), at);
        }
        WinFailover w = f.get();
        boolean interrupted = WindowsStates.wire(w.state()).equals("communication-interrupted");
        return new PeerObservation(peer, true, DaemonState.UP, WindowsStates.wire(w.state()),
                w.serverRole().isBlank() ? null : w.serverRole().toLowerCase(java.util.Locale.ROOT), w.scopeIds(),
                null, null, interrupted, null, null, null, at);
    }

    @Override public tandem.core.backend.StateVocabulary vocabulary(Relationship relationship) {
        return WindowsStates.VOCABULARY;
    }

    /** The logins kept between polls (for tests and diagnostics). */
    SshSessionPool logins() { return pool; }

    @Override public void close() {
        executor.shutdownNow();
        pool.close();
    }
}
