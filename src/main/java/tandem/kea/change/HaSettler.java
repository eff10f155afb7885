package tandem.kea.change;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tandem.core.PeerDefinition;
import tandem.core.Relationship;
import tandem.core.change.Settler;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.core.port.ReplicationStore.Status;
import tandem.core.port.ReplicationStore.Target;
import tandem.kea.change.KeaConfigChannel.ConfigCommandFailed;

/**
 * Settles a creation or dissolution a process left unfinished by reading the servers: every one holding (or no
 * longer holding) the HA hook means it was applied, and the inventory is brought in line; none means nothing was
 * changed; a mix is a conflict an administrator resolves (create or dissolve again).
 */
final class HaSettler implements Settler {
    private final KeaHaTopology topology;

    HaSettler(KeaHaTopology topology) {
        this.topology = topology;
    }

    @Override public List<String> locks(JournalEntry entry) { return List.of(KeaChangeService.lockOf(entry.relationship())); }

    @Override
    public Settlement settle(JournalEntry entry, List<Target> targets) {
        try {
            return KeaHaTopology.CREATE_KIND.equals(entry.kind())
                    ? creation(KeaConfigJson.MAPPER.readValue(entry.change(), HaPlans.CreationRecord.class).request())
                    : dissolution(entry.relationship());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable journaled change: " + e.getOriginalMessage(), e);
        }
    }

    private Settlement creation(HaRequest request) {
        if (topology.find(request.name()).isPresent()) {
            return new Settlement(Status.APPLIED, Map.of(), request.name() + " is in the inventory: it was created");
        }
        Map<String, String> servers = new LinkedHashMap<>();
        List<String> joined = new ArrayList<>();
        for (HaRequest.Member m : request.members()) {
            Optional<Relationship> rel = topology.standalone(m.server());
            if (rel.isEmpty()) throw new IllegalStateException(m.server() + " is no longer a standalone server of the inventory");
            if (holdsHa(rel.get(), m.server())) joined.add(m.server());
            servers.put(m.server(), holdsHa(rel.get(), m.server()) ? "holds the HA hook" : "standalone");
        }
        if (joined.isEmpty()) return new Settlement(Status.FAILED, servers, "no server holds the HA hook: nothing was changed");
        if (joined.size() == request.members().size()) {
            List<String> notes = topology.joinInventory(request);
            return new Settlement(Status.APPLIED, servers, "every server holds the HA hook; " + String.join("; ", notes));
        }
        return new Settlement(Status.CONFLICT, servers, "only " + String.join(", ", joined) + " hold the HA hook: "
                + "remove it there, or create the relationship again");
    }

    private Settlement dissolution(String relationship) {
        Optional<Relationship> found = topology.find(relationship);
        if (found.isEmpty()) return new Settlement(Status.APPLIED, Map.of(), relationship + " is no longer in the inventory");
        Relationship rel = found.get();
        Map<String, String> servers = new LinkedHashMap<>();
        List<String> still = new ArrayList<>();
        for (PeerDefinition p : rel.peers()) {
            boolean ha = holdsHa(rel, p.name());
            if (ha) still.add(p.name());
            servers.put(p.name(), ha ? "holds the HA hook" : "standalone");
        }
        if (still.size() == rel.peers().size()) return new Settlement(Status.FAILED, servers, "every server still holds the HA hook: nothing was changed");
        if (still.isEmpty()) {
            return new Settlement(Status.APPLIED, servers, "no server holds the HA hook; " + String.join("; ", topology.splitInventory(rel)));
        }
        return new Settlement(Status.CONFLICT, servers, String.join(", ", still) + " still hold the HA hook: dissolve again");
    }

    private boolean holdsHa(Relationship rel, String peer) {
        try {
            ObjectNode config = topology.read(rel, peer, null);
            return HaConfigs.hasHa(config, config.has("Dhcp6") && !config.has("Dhcp4") ? "Dhcp6" : "Dhcp4");
        } catch (ConfigCommandFailed | ChangeRefused e) {
            throw new IllegalStateException(peer + " cannot be read now: " + e.getMessage(), e);
        }
    }
}
