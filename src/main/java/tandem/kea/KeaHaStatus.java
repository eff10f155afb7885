package tandem.kea;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One HA relationship as reported in {@code status-get} ({@code arguments.high-availability[i]}).
 * Numbers and flags are null when Kea did not report them.
 *
 * @param mode   load-balancing, hot-standby or passive-backup
 * @param local  this server
 * @param remote its partner as this server sees it; null on a backup server and in passive-backup mode
 */
public record KeaHaStatus(String mode, Local local, Remote remote) {

    /**
     * @param serverName this server's name (Kea 2.6 and later; null before)
     * @param role       primary, secondary, standby or backup
     * @param state      the HA state, e.g. load-balancing, partner-down, backup
     * @param scopes     the scopes this server serves
     */
    public record Local(String serverName, String role, String state, List<String> scopes) {
        static Local from(JsonNode n) {
            return new Local(KeaJson.text(n, "server-name"), KeaJson.text(n, "role"), KeaJson.text(n, "state"),
                    KeaJson.strings(n, "scopes"));
        }
    }

    /**
     * @param serverName               the partner's name (Kea 2.6 and later; null before)
     * @param role                     the partner's role
     * @param lastState                the partner's state as last seen ("unavailable" when not seen)
     * @param lastScopes               the partner's scopes as last seen
     * @param age                      seconds since the partner's state was last seen
     * @param inTouch                  whether this server has ever communicated with the partner
     * @param communicationInterrupted whether heartbeats to the partner currently fail
     * @param unackedClients           DHCP clients the partner has not answered
     * @param unackedClientsLeft       unanswered clients still allowed before partner-down
     * @param connectingClients        clients trying to reach the partner
     * @param analyzedPackets          packets examined while communication is interrupted
     */
    public record Remote(String serverName, String role, String lastState, List<String> lastScopes, Long age,
                         Boolean inTouch, Boolean communicationInterrupted, Integer unackedClients,
                         Integer unackedClientsLeft, Integer connectingClients, Long analyzedPackets) {
        static Remote from(JsonNode n) {
            return new Remote(KeaJson.text(n, "server-name"), KeaJson.text(n, "role"), KeaJson.text(n, "last-state"),
                    KeaJson.strings(n, "last-scopes"), KeaJson.longValue(n, "age"), KeaJson.bool(n, "in-touch"),
                    KeaJson.bool(n, "communication-interrupted"), KeaJson.intValue(n, "unacked-clients"),
                    KeaJson.intValue(n, "unacked-clients-left"), KeaJson.intValue(n, "connecting-clients"),
                    KeaJson.longValue(n, "analyzed-packets"));
        }
    }

    public boolean hasRemote() {
        return remote != null;
    }

    /** Parses one element of {@code high-availability}; tolerant of missing fields. */
    public static KeaHaStatus from(JsonNode relationship) {
        JsonNode servers = relationship == null ? null : relationship.get("ha-servers");
        JsonNode local = servers == null ? null : servers.get("local");
        JsonNode remote = servers == null ? null : servers.get("remote");
        return new KeaHaStatus(KeaJson.text(relationship, "ha-mode"),
                Local.from(local != null && local.isObject() ? local : null),
                remote != null && remote.isObject() ? Remote.from(remote) : null);
    }
}
