package tandem.isc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What happens to a server's address pools when its failover peers change, as pure functions:
 * <ul>
 * <li>adding the server's first failover peer makes every other pool refer to it too;</li>
 * <li>deleting the last peer removes every reference from the pools; with exactly one other peer left, the
 *     references move to it; with two or more left, the administrator chooses which;</li>
 * <li>switching a pool away from a peer it was the last reference to deletes that peer, with a warning.</li>
 * </ul>
 */
public final class PeerRules {
    private PeerRules() {}

    /** A pool as the rules see it: its index and the peer it refers to, or null. */
    public record PoolPeer(int pool, String peer) {}

    public sealed interface Plan permits Ready, NeedsChoice {}

    /**
     * What to do: {@code assignments} maps each pool whose reference changes to its new peer (null: no failover),
     * in pool order; {@code deletedPeers} are the declarations to remove.
     */
    public record Ready(Map<Integer, String> assignments, List<String> deletedPeers, List<String> warnings) implements Plan {
        public Ready {
            assignments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(assignments));
            deletedPeers = List.copyOf(deletedPeers);
            warnings = List.copyOf(warnings);
        }
    }

    /** The rule needs the administrator to pick one of {@code options} before it can go on. */
    public record NeedsChoice(String question, List<String> options) implements Plan {
        public NeedsChoice {
            options = List.copyOf(options);
        }
    }

    /**
     * A new peer, added for {@code forPool} (null when added on its own): that pool refers to it, and when it is
     * the server's first peer (none declared and no pool naming one) every other pool does too. A pool that already
     * names a peer keeps it unless it is {@code forPool}.
     */
    public static Ready addPeer(List<String> peers, List<PoolPeer> pools, String newPeer, Integer forPool) {
        if (peers.contains(newPeer)) throw new IllegalArgumentException("failover peer \"" + newPeer + "\" already exists");
        Map<Integer, String> a = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        // pools that name a peer declared in another file (one that includes this one) mean it is not the first
        boolean first = peers.isEmpty() && pools.stream().allMatch(p -> p.peer() == null);
        if (first) {
            for (PoolPeer p : pools) a.put(p.pool(), newPeer);
            long others = pools.stream().filter(p -> !Objects.equals(p.pool(), forPool)).count();
            if (others > 0) {
                warnings.add("\"" + newPeer + "\" is the server's first failover peer: every other address pool ("
                        + others + ") will refer to it too");
            }
            return new Ready(a, List.of(), warnings);
        }
        if (forPool != null) {
            PoolPeer p = pool(pools, forPool);
            a.put(forPool, newPeer);
            return new Ready(a, orphaned(peers, pools, p, newPeer), orphanWarnings(peers, pools, p, newPeer));
        }
        return new Ready(a, List.of(), List.of());
    }

    /** Deleting a peer; {@code chosen} answers a previous {@link NeedsChoice} (null otherwise). */
    public static Plan deletePeer(List<String> peers, List<PoolPeer> pools, String deleted, String chosen) {
        if (!peers.contains(deleted)) throw new IllegalArgumentException("no failover peer \"" + deleted + "\"");
        List<String> remaining = peers.stream().filter(p -> !p.equals(deleted)).toList();
        List<PoolPeer> referring = pools.stream().filter(p -> deleted.equals(p.peer())).toList();
        String target;
        List<String> warnings = new ArrayList<>();
        if (remaining.isEmpty()) {
            target = null;
            if (!referring.isEmpty()) warnings.add("\"" + deleted + "\" is the server's last failover peer: "
                    + referring.size() + " address pool(s) will no longer use failover");
        } else if (remaining.size() == 1) {
            target = remaining.get(0);
            if (!referring.isEmpty()) warnings.add(referring.size() + " address pool(s) referring to \"" + deleted
                    + "\" will refer to \"" + target + "\", the only other failover peer");
        } else if (referring.isEmpty()) {
            target = null;
        } else if (chosen == null) {
            return new NeedsChoice(referring.size() + " address pool(s) refer to \"" + deleted
                    + "\". Which failover peer should they refer to instead?", remaining);
        } else if (!remaining.contains(chosen)) {
            throw new IllegalArgumentException("\"" + chosen + "\" is not one of the remaining failover peers "
                    + String.join(", ", remaining));
        } else {
            target = chosen;
        }
        Map<Integer, String> a = new LinkedHashMap<>();
        for (PoolPeer p : referring) a.put(p.pool(), target);
        return new Ready(a, List.of(deleted), warnings);
    }

    /** Switching one pool to another peer (null: no failover); the old peer goes when no pool refers to it any more. */
    public static Ready switchPoolPeer(List<String> peers, List<PoolPeer> pools, int pool, String newPeer) {
        if (newPeer != null && !peers.contains(newPeer)) throw new IllegalArgumentException("no failover peer \"" + newPeer + "\"");
        PoolPeer p = pool(pools, pool);
        if (Objects.equals(p.peer(), newPeer)) return new Ready(Map.of(), List.of(), List.of());
        Map<Integer, String> a = new LinkedHashMap<>();
        a.put(pool, newPeer);
        return new Ready(a, orphaned(peers, pools, p, newPeer), orphanWarnings(peers, pools, p, newPeer));
    }

    private static PoolPeer pool(List<PoolPeer> pools, int index) {
        return pools.stream().filter(x -> x.pool() == index).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no pool " + index));
    }

    /**
     * The old peer, when {@code p} is the last pool referring to it and it is moving elsewhere; never a peer declared
     * outside these files (in a file that includes them), which this edit cannot see.
     */
    private static List<String> orphaned(List<String> peers, List<PoolPeer> pools, PoolPeer p, String newPeer) {
        if (p.peer() == null || p.peer().equals(newPeer) || !peers.contains(p.peer())) return List.of();
        boolean others = pools.stream().anyMatch(x -> x.pool() != p.pool() && p.peer().equals(x.peer()));
        return others ? List.of() : List.of(p.peer());
    }

    private static List<String> orphanWarnings(List<String> peers, List<PoolPeer> pools, PoolPeer p, String newPeer) {
        return orphaned(peers, pools, p, newPeer).stream().map(old -> "Pool " + p.pool() + " is the last address pool"
                + " referring to failover peer \"" + old + "\": changing it will delete \"" + old + "\"").toList();
    }
}
