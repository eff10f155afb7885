package tandem.windows.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The simulated Windows DHCP servers, the links between them and the faults: cut links, stopped DHCP services, clock
 * offsets. Time moves only by {@link #advance(Duration)}; every fault and every cmdlet call runs the failover state
 * machines ({@link #tick()}) so that transitions are stamped with the time they happened. All methods lock this
 * object; {@link SimDhcpCmdlets} does too, so concurrent sessions see one consistent network.
 */
public final class SimNetwork {
    /** Bounds the passes of one tick and the timed steps of one advance (the machines settle in a handful). */
    private static final int MAX_PASSES = 16;
    private static final int MAX_STEPS = 10_000;
    private static final String SCRAMBLED = "Die Operation konnte nicht abgeschlossen werden (Simulator: absichtlich verfremdeter Text).";

    private final SimClock clock;
    private final Map<String, SimDhcpServer> servers = new LinkedHashMap<>();
    private final Set<String> cutLinks = new HashSet<>();
    private boolean scrambledWording;
    private int nextHost = 10;

    public SimNetwork() { this(new SimClock()); }

    public SimNetwork(SimClock clock) { this.clock = clock; }

    public SimClock clock() { return clock; }

    /** Adds a server named {@code name} (FQDN {@code name.lab.test}) at the next free address of 192.0.2.0/24. */
    public synchronized SimDhcpServer addServer(String name) {
        return addServer(name, SimIp.of((192L << 24) | (2L << 8) | nextHost++));
    }

    public synchronized SimDhcpServer addServer(String name, SimIp address) {
        if (name.contains(".") || find(name).isPresent()) throw new IllegalArgumentException("bad or taken server name: " + name);
        SimDhcpServer server = new SimDhcpServer(this, name, address);
        servers.put(name.toLowerCase(Locale.ROOT), server);
        return server;
    }

    /** The server named by short name or FQDN, any case. */
    public synchronized Optional<SimDhcpServer> find(String nameOrFqdn) {
        if (nameOrFqdn == null) return Optional.empty();
        for (SimDhcpServer s : servers.values()) if (s.answersTo(nameOrFqdn)) return Optional.of(s);
        return Optional.empty();
    }

    public synchronized SimDhcpServer server(String nameOrFqdn) {
        return find(nameOrFqdn).orElseThrow(() -> new IllegalArgumentException("no simulated server " + nameOrFqdn));
    }

    public synchronized List<SimDhcpServer> servers() { return new ArrayList<>(servers.values()); }

    /** The cmdlets of this network, for the simulator's PowerShell. */
    public SimDhcpCmdlets cmdlets() { return new SimDhcpCmdlets(this); }

    public synchronized void cut(String a, String b) {
        cutLinks.add(linkKey(a, b));
        tick();
    }

    public synchronized void heal(String a, String b) {
        cutLinks.remove(linkKey(a, b));
        tick();
    }

    public synchronized boolean linked(String a, String b) { return !cutLinks.contains(linkKey(a, b)); }

    public synchronized void stopService(String name) {
        server(name).serviceRunning = false;
        tick();
    }

    public synchronized void startService(String name) {
        SimDhcpServer s = server(name);
        if (!s.serviceInstalled) throw new IllegalStateException("no DHCPServer service on " + name);
        s.serviceRunning = true;
        tick();
    }

    public synchronized void setClockOffset(String name, Duration offset) { server(name).clockOffset = offset; }

    /** Every error message replaced by one unrelated sentence, to prove that clients never read the wording. */
    public synchronized void setScrambledWording(boolean on) { scrambledWording = on; }

    public synchronized boolean scrambledWording() { return scrambledWording; }

    /** The message as the simulated server words it (scrambled when that option is on). */
    public synchronized String wording(String message) { return scrambledWording ? SCRAMBLED : message; }

    /** Whether {@code a} can talk failover to {@code b}: both services running and the link between them up. */
    public synchronized boolean reachable(SimDhcpServer a, SimDhcpServer b) {
        return a.serviceRunning && b.serviceRunning && linked(a.name(), b.name());
    }

    /** Moves the clock on, firing each timed transition (auto partner-down, end of MCLT wait) at its own time. */
    public synchronized void advance(Duration by) {
        Instant target = clock.now().plus(by);
        tick();
        for (int step = 0; step < MAX_STEPS; step++) {
            Instant due = null;
            for (SimDhcpServer s : servers.values()) {
                if (!s.serviceRunning) continue;
                for (SimFailover f : s.failovers.values()) {
                    Instant d = f.deadline().orElse(null);
                    if (d != null && d.isAfter(clock.now()) && !d.isAfter(target) && (due == null || d.isBefore(due))) due = d;
                }
            }
            if (due == null) break;
            clock.moveTo(due);
            tick();
        }
        clock.moveTo(target);
        tick();
    }

    /**
     * Runs every failover state machine until nothing moves (at most {@value #MAX_PASSES} passes). Each pass decides
     * every side from the states all sides had at its start, so the order of servers does not matter.
     */
    public synchronized void tick() {
        Instant now = clock.now();
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            Map<SimFailover, SimFailover.State> moves = new IdentityHashMap<>();
            for (SimDhcpServer s : servers.values()) {
                for (SimFailover f : s.failovers.values()) {
                    SimFailover.State next = f.next(reachable(s, f.peer.owner), f.peer.state, now);
                    if (next != f.state) moves.put(f, next);
                }
            }
            if (moves.isEmpty()) return;
            moves.forEach((f, to) -> f.enter(to, now));
        }
    }

    private String linkKey(String a, String b) {
        String x = server(a).name().toLowerCase(Locale.ROOT);
        String y = server(b).name().toLowerCase(Locale.ROOT);
        return x.compareTo(y) < 0 ? x + "|" + y : y + "|" + x;
    }
}
