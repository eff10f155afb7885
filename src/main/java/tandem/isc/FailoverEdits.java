package tandem.isc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The console's failover edits on a configuration: each applies {@link PeerRules} to a copy and returns the change
 * to preview (a diff) and the problems our rules find in the result; nothing is written here.
 */
public final class FailoverEdits {
    private FailoverEdits() {}

    public sealed interface Outcome permits Edit, Choice {}

    /** A previewable edit; {@code problems} are errors the edit would introduce (apply only when empty). */
    public record Edit(ConfigChange change, DhcpdConfig after, List<ConfProblem> problems) implements Outcome {
        public boolean applicable() { return problems.isEmpty(); }
    }

    /** The rule asks the administrator to choose; call again with the answer. */
    public record Choice(PeerRules.NeedsChoice question) implements Outcome {}

    public static List<PeerRules.PoolPeer> poolPeers(DhcpdConfig config) {
        return config.pools().stream().map(p -> new PeerRules.PoolPeer(p.index(), p.failoverPeer())).toList();
    }

    /** Adds a peer (for {@code forPool}, or on its own when null), with the first-peer rule. */
    public static Edit addPeer(DhcpdConfig config, FailoverPeer peer, Integer forPool) {
        requireValid(peer);
        PeerRules.Ready plan = PeerRules.addPeer(config.peerNames(), poolPeers(config), peer.name(), forPool);
        DhcpdConfig after = config.copy();
        after.putPeer(null, peer);
        return apply(config, after, plan);
    }

    /** Changes a peer (a rename carries every pool's reference along). */
    public static Edit editPeer(DhcpdConfig config, String name, FailoverPeer peer) {
        // a declaration with hba (kept as it is) needs no split
        boolean hba = config.peer(name).map(d -> d.hba() != null).orElse(false);
        requireValid(peer, hba);
        DhcpdConfig after = config.copy();
        after.putPeer(name, peer);
        return finish(config, after, List.of());
    }

    /** Deletes a peer; {@code chosen} answers the question asked when two or more other peers are left. */
    public static Outcome deletePeer(DhcpdConfig config, String name, String chosen) {
        PeerRules.Plan plan = PeerRules.deletePeer(config.peerNames(), poolPeers(config), name, chosen);
        if (plan instanceof PeerRules.NeedsChoice q) return new Choice(q);
        return apply(config, config.copy(), (PeerRules.Ready) plan);
    }

    /** Points a pool at a peer (or none); the old peer is deleted when this pool was its last reference. */
    public static Edit setPoolPeer(DhcpdConfig config, int pool, String peer) {
        PeerRules.Ready plan = PeerRules.switchPoolPeer(config.peerNames(), poolPeers(config), pool, peer);
        return apply(config, config.copy(), plan);
    }

    /**
     * Adds a pool to a subnet referring to an existing peer ({@code peer}), a new one ({@code newPeer}, with the
     * first-peer rule), or none.
     */
    public static Edit addPool(DhcpdConfig config, String subnet, List<AddressRange> ranges, String peer, FailoverPeer newPeer) {
        if (ranges.isEmpty()) throw new IllegalArgumentException("a pool needs at least one range");
        DhcpdConfig after = config.copy();
        if (newPeer != null) {
            requireValid(newPeer);
            int index = after.addPool(subnet, ranges, null);
            PeerRules.Ready plan = PeerRules.addPeer(after.peerNames(), poolPeers(after), newPeer.name(), index);
            after.putPeer(null, newPeer);
            return apply(config, after, plan);
        }
        if (peer != null && !config.peerNames().contains(peer)) throw new IllegalArgumentException("no failover peer \"" + peer + "\"");
        after.addPool(subnet, ranges, peer);
        return finish(config, after, List.of());
    }

    /**
     * Edits an existing pool: its ranges, and the peer it refers to: an existing one ({@code peer}), a new one
     * ({@code newPeer}, with the first-peer rule) or none. When the pool was the last one referring to its old peer,
     * that peer's declaration is deleted, with a warning.
     */
    public static Edit editPool(DhcpdConfig config, int pool, List<AddressRange> ranges, String peer, FailoverPeer newPeer) {
        if (ranges.isEmpty()) throw new IllegalArgumentException("a pool needs at least one range");
        DhcpdConfig after = config.copy();
        if (!after.pool(pool).ranges().equals(ranges)) after.setPoolRanges(pool, ranges);
        PeerRules.Ready plan;
        if (newPeer != null) {
            requireValid(newPeer);
            plan = PeerRules.addPeer(after.peerNames(), poolPeers(after), newPeer.name(), pool);
            after.putPeer(null, newPeer);
        } else {
            plan = PeerRules.switchPoolPeer(after.peerNames(), poolPeers(after), pool, peer);
        }
        return apply(config, after, plan);
    }

    /**
     * Removes a pool. When it was the last pool referring to its peer, the peer goes too, as when the pool is
     * switched away from it.
     */
    public static Edit removePool(DhcpdConfig config, int pool) {
        PeerRules.Ready plan = PeerRules.switchPoolPeer(config.peerNames(), poolPeers(config), pool, null);
        DhcpdConfig after = config.copy();
        for (String d : plan.deletedPeers()) after.removePeerDeclaration(d);
        after.removePool(pool);
        List<String> warnings = plan.deletedPeers().stream().map(d -> "Pool " + pool + " is the last address pool"
                + " referring to failover peer \"" + d + "\": removing it will delete \"" + d + "\"").toList();
        return finish(config, after, warnings);
    }

    /** Removes a host declaration, named as in {@code host NAME}; refused when no single host has that name. */
    public static Edit removeHost(DhcpdConfig config, String name) {
        DhcpdConfig after = config.copy();
        after.removeHost(name);
        return finish(config, after, List.of());
    }

    /** Changes a pool's ranges. */
    public static Edit setPoolRanges(DhcpdConfig config, int pool, List<AddressRange> ranges) {
        if (ranges.isEmpty()) throw new IllegalArgumentException("a pool needs at least one range");
        DhcpdConfig after = config.copy();
        after.setPoolRanges(pool, ranges);
        return finish(config, after, List.of());
    }

    /**
     * Migrates a subnet to the failover partner: the partner gets the mirrored peer declaration (when it has none of
     * that name) and the same subnet with the same pools, referring to it.
     */
    public static Edit migrateToPartner(DhcpdConfig source, String subnet, DhcpdConfig partner) {
        DhcpdConfig after = partner.copy();
        List<String> warnings = new ArrayList<>();
        for (AddressPool p : source.pools()) {
            if (!p.subnet().equals(subnet) && !subnet.equals(p.subnet().split("/")[0])) continue;
            if (p.failoverPeer() == null || after.peerNames().contains(p.failoverPeer())) continue;
            FailoverPeer mine = source.peer(p.failoverPeer()).orElseThrow().peer();
            after.putPeer(null, mine.mirrored());
            warnings.add("The partner gets failover peer \"" + mine.name() + "\" as " + (mine.mirrored().role() == null
                    ? "a peer without a role" : mine.mirrored().role().word()));
        }
        after.copySubnetFrom(source, subnet);
        return finish(partner, after, warnings);
    }

    private static Edit apply(DhcpdConfig before, DhcpdConfig after, PeerRules.Ready plan) {
        for (Map.Entry<Integer, String> e : plan.assignments().entrySet()) after.setPoolPeer(e.getKey(), e.getValue());
        for (String d : plan.deletedPeers()) after.removePeerDeclaration(d);
        return finish(before, after, plan.warnings());
    }

    static Edit finish(DhcpdConfig before, DhcpdConfig after, List<String> warnings) {
        // errors already there before are the administrator's to fix; an edit must not add new ones
        List<String> existing = before.check().stream().filter(p -> p.severity() == ConfProblem.Severity.ERROR)
                .map(ConfProblem::message).toList();
        List<ConfProblem> introduced = after.check().stream().filter(p -> p.severity() == ConfProblem.Severity.ERROR)
                .filter(p -> !existing.contains(p.message())).toList();
        return new Edit(ConfigChange.between(before, after, warnings), after, introduced);
    }

    private static void requireValid(FailoverPeer peer) { requireValid(peer, false); }

    private static void requireValid(FailoverPeer peer, boolean hasHba) {
        List<FailoverPeer.FieldProblem> errors = peer.validate().stream().filter(FailoverPeer.FieldProblem::isError)
                .filter(p -> !(hasHba && p.field() == FailoverPeer.Field.SPLIT && peer.split() == null)).toList();
        if (!errors.isEmpty()) throw new IllegalArgumentException("failover peer: " + errors.get(0)
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
    }
}
