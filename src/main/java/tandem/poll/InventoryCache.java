package tandem.poll;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tandem.core.Inventory;
import tandem.core.Relationship;
import tandem.core.ServerRecord;

/**
 * The inventory as the poller last read it. Reading ten thousand servers decrypts ten thousand passwords (about a
 * quarter of a second of CPU and 90 MB of garbage a read), so a cycle reads it again only when
 * {@link Inventory#fingerprint} says servers were added or removed (here or by another process: the command line, a
 * team member), when told ({@link #invalidate}), or once {@link #MAX_AGE} has passed: another process's edit in place
 * (a peer's new address after its configuration was read again) shows within that.
 */
final class InventoryCache {
    static final Duration MAX_AGE = Duration.ofSeconds(60);

    record View(List<Relationship> relationships, Map<String, ServerRecord> servers) {}

    private final Inventory inventory;
    private View view;
    private String fingerprint;
    private long readAt;

    InventoryCache(Inventory inventory) { this.inventory = inventory; }

    synchronized View current() {
        String now = inventory.fingerprint();
        boolean young = view != null && System.nanoTime() - readAt < MAX_AGE.toNanos();
        if (young && now != null && now.equals(fingerprint)) return view;
        long started = System.nanoTime();
        List<Relationship> relationships = inventory.relationships();
        Map<String, ServerRecord> servers = new HashMap<>();
        for (ServerRecord s : inventory.servers()) servers.put(s.name(), s);
        // a HashMap, not Map.copyOf: the immutable map's open addressing probes long runs on names like branch-1, branch-2
        view = new View(relationships, java.util.Collections.unmodifiableMap(servers));
        fingerprint = now;
        readAt = started;
        return view;
    }

    synchronized void invalidate() { view = null; }
}
