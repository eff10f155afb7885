package tandem.ui;

import java.util.List;
import tandem.core.HaMode;
import tandem.core.PeerDefinition;
import tandem.core.PeerObservation;
import tandem.core.Relationship;
import tandem.core.RelationshipState;
import tandem.core.RelationshipStatus;
import tandem.core.ServerRecord;

/** What one node of the server tree shows; immutable, replaced when a poll brings news. */
public sealed interface ConsoleNode {
    /** Stable across polls, so the tree keeps its selection and expansion. */
    String key();

    /** What a screen reader says, and what tests look for. */
    String accessibleText();

    /** The inventory record to remove when this node is selected. */
    String serverName();

    /**
     * A relationship (or a standalone server, which is a relationship of one) with its last-known state.
     *
     * @param state null until the relationship was polled for the first time
     */
    record RelationshipItem(Relationship relationship, RelationshipState state, List<PeerItem> peers)
            implements ConsoleNode {
        public RelationshipItem {
            peers = List.copyOf(peers);
        }

        public String name() { return relationship.name(); }

        @Override public String key() { return "relationship:" + relationship.name(); }

        @Override public String serverName() { return relationship.serverName(); }

        /** Null when never polled. */
        public RelationshipStatus status() { return state == null ? null : state.status(); }

        /** The state shown is the last known one and no poll has confirmed it yet. */
        public boolean stale() { return state == null || state.stale(); }

        public boolean standalone() { return relationship.mode() == HaMode.STANDALONE; }

        /** The tree shows a standalone server as a single node. */
        public List<PeerItem> children() { return standalone() ? List.of() : peers; }

        public String statusLabel() { return state == null ? "Not polled yet" : state.status().label(); }

        public String modeLabel() {
            return (standalone() ? "standalone" : relationship.modeName()) + RelationshipDetails.serviceSuffix(relationship);
        }

        @Override public String accessibleText() {
            return (standalone() ? "Server " : "Relationship ") + name() + ", " + modeLabel() + ", " + statusLabel()
                    + (state != null && state.stale() ? ", last known, not confirmed" : "");
        }
    }

    /** One peer of a relationship. */
    /** @param unusualState its HA state is not one of its backend's normal states */
    record PeerItem(String relationship, PeerDefinition peer, PeerObservation observation, boolean sourceOfTruth,
                    boolean stale, String serverName, boolean unusualState) implements ConsoleNode {
        @Override public String key() { return "peer:" + relationship + "/" + peer.name(); }

        public PeerIndicator indicator() { return PeerIndicator.of(observation); }

        /** e.g. "server2 — source of truth". */
        public String title() { return peer.name() + (sourceOfTruth ? " — source of truth" : ""); }

        /** The role, and the HA state when it is not a normal one, e.g. "standby · partner-down". */
        public String detail() {
            return peer.role().wire() + (unusualState ? " · " + observation.haState() : "");
        }

        @Override public String accessibleText() {
            return "Peer " + peer.name() + ", " + peer.role().wire() + ", " + indicator().label()
                    + (sourceOfTruth ? ", source of truth" : "") + (stale ? ", last known, not confirmed" : "");
        }
    }

    /**
     * A server in the inventory whose configuration yielded no relationship of its own; {@code partnerIn} names the
     * relationships (added through another server) it is a peer of.
     */
    record ServerItem(ServerRecord server, java.util.List<String> partnerIn) implements ConsoleNode {
        public ServerItem {
            partnerIn = java.util.List.copyOf(partnerIn);
        }

        @Override public String key() { return "server:" + server.name(); }

        @Override public String serverName() { return server.name(); }

        /** "no relationships", or "partner in fo1, fo2". */
        public String detail() {
            return partnerIn.isEmpty() ? "no relationships" : "partner in " + String.join(", ", partnerIn);
        }

        @Override public String accessibleText() { return "Server " + server.name() + ", " + detail(); }
    }
}
