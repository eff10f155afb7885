package tandem.ui;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import tandem.core.PeerDefinition;
import tandem.core.PeerObservation;
import tandem.core.Relationship;
import tandem.core.RelationshipState;
import tandem.core.RelationshipStatus;
import tandem.core.ServerRecord;
import tandem.core.backend.StateVocabulary;
import tandem.ui.ConsoleNode.PeerItem;
import tandem.ui.ConsoleNode.RelationshipItem;
import tandem.ui.ConsoleNode.ServerItem;

/**
 * One picture of the tree and of the status counts, built off the FX thread from one inventory and one poll cycle,
 * so the counts always describe exactly the nodes shown. It also says which nodes differ from the picture it was
 * built after ({@code basedOn}), so the FX thread touches only those.
 *
 * @param nodes     top-level nodes: relationships (standalone servers included), then servers without relationships
 * @param byKey     every node, peers included, by {@link ConsoleNode#key()}
 * @param changed   keys of top-level nodes whose content differs from the picture {@code basedOn}
 * @param reshaped  the top-level keys or their order differ from the picture {@code basedOn}
 * @param counts    relationships per status, zeros included; of all relationships, never of a filtered view
 * @param sites     the sites of the servers, sorted
 */
record TreeModel(long seq, long basedOn, List<ConsoleNode> nodes, Map<String, ConsoleNode> byKey, Set<String> changed,
                 boolean reshaped, Map<RelationshipStatus, Integer> counts, int unconfirmed, int relationshipCount,
                 List<String> sites, Map<String, String> siteOfServer, List<Relationship> relationships,
                 List<ServerRecord> servers, Map<String, RelationshipState> states) {

    static final TreeModel EMPTY = new TreeModel(0, -1, List.of(), Map.of(), Set.of(), true, emptyCounts(), 0, 0,
            List.of(), Map.of(), List.of(), List.of(), Map.of());

    RelationshipItem relationship(String name) {
        return byKey.get("relationship:" + name) instanceof RelationshipItem r ? r : null;
    }

    /** The site of the server a node belongs to, or null. */
    String site(ConsoleNode node) { return siteOfServer.get(node.serverName()); }

    /** Builds the picture that follows {@code previous}; O(relationships), for a background thread. */
    static TreeModel build(long seq, TreeModel previous, List<Relationship> relationships, List<ServerRecord> servers,
                           Map<String, RelationshipState> states, Function<Relationship, StateVocabulary> vocabulary) {
        List<ConsoleNode> out = new ArrayList<>();
        Map<String, ConsoleNode> byKey = new HashMap<>();
        Map<String, Relationship> shown = new LinkedHashMap<>();
        relationships.forEach(r -> shown.put(r.name(), r));
        // a relationship the poller knows but the inventory list does not yet (added a moment ago)
        states.forEach((name, s) -> shown.putIfAbsent(name, s.relationship()));
        Set<String> serversWithRelationships = new HashSet<>();
        Map<String, List<String>> partnerIn = new HashMap<>();
        Map<RelationshipStatus, Integer> perStatus = emptyCounts();
        int notConfirmed = 0;
        for (Relationship rel : shown.values()) {
            RelationshipState state = states.get(rel.name());
            RelationshipItem item = item(rel, state, vocabulary.apply(rel));
            out.add(item);
            byKey.put(item.key(), item);
            for (PeerItem p : item.children()) byKey.put(p.key(), p);
            serversWithRelationships.add(rel.serverName());
            for (PeerDefinition p : rel.peers()) partnerIn.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(rel.name());
            if (state == null || state.stale()) notConfirmed++;
            if (state != null) perStatus.merge(state.status(), 1, Integer::sum);
        }
        Map<String, String> siteOf = new HashMap<>();
        Set<String> sites = new TreeSet<>(NaturalOrder.INSTANCE);
        for (ServerRecord s : servers) {
            if (s.site() != null) {
                siteOf.put(s.name(), s.site());
                sites.add(s.site());
            }
            if (serversWithRelationships.contains(s.name())) continue;
            ServerItem item = new ServerItem(s, partnerIn.getOrDefault(s.name(), List.of()));
            out.add(item);
            byKey.put(item.key(), item);
        }
        Set<String> changed = new LinkedHashSet<>();
        boolean reshaped = previous.nodes.size() != out.size();
        for (int i = 0; i < out.size(); i++) {
            ConsoleNode now = out.get(i);
            if (!reshaped && !previous.nodes.get(i).key().equals(now.key())) reshaped = true;
            ConsoleNode was = previous.byKey.get(now.key());
            if (was == null || !was.equals(now)) changed.add(now.key());
        }
        return new TreeModel(seq, previous.seq, List.copyOf(out), Collections.unmodifiableMap(byKey),
                Collections.unmodifiableSet(changed), reshaped, Collections.unmodifiableMap(perStatus), notConfirmed,
                shown.size(), List.copyOf(sites), Collections.unmodifiableMap(siteOf), List.copyOf(relationships),
                List.copyOf(servers), states);
    }

    private static RelationshipItem item(Relationship rel, RelationshipState state, StateVocabulary vocabulary) {
        String sourceOfTruth = state == null ? null : state.assessment().sourceOfTruth();
        boolean stale = state == null || state.stale();
        List<PeerItem> peers = new ArrayList<>();
        for (PeerDefinition p : rel.peers()) {
            PeerObservation o = state == null ? null : state.peers().get(p.name());
            boolean unusual = o != null && o.haState() != null && !vocabulary.isNormal(o.haState());
            peers.add(new PeerItem(rel.name(), p, o, p.name().equals(sourceOfTruth), stale, rel.serverName(), unusual));
        }
        return new RelationshipItem(rel, state, peers);
    }

    static Map<RelationshipStatus, Integer> emptyCounts() {
        Map<RelationshipStatus, Integer> m = new EnumMap<>(RelationshipStatus.class);
        for (RelationshipStatus s : RelationshipStatus.values()) m.put(s, 0);
        return m;
    }
}
