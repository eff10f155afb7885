package tandem.kea;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import tandem.core.HaMode;
import tandem.core.HaParameters;
import tandem.core.PeerDefinition;
import tandem.core.PeerRole;

/**
 * Finds the High Availability relationships in a Kea DHCPv4 or DHCPv6 configuration (the arguments of config-get).
 *
 * <p>A relationship can be managed only through its primary: the primary's in-memory configuration is the single
 * source of truth. A server that is primary in none of its relationships is refused, naming the primary to add
 * instead. A hub that is primary in some relationships and not in others (hub-and-spoke) gets the former; the
 * others are listed as notes, each with the primary that has to be added for it.
 */
public final class KeaHaDetector {
    private KeaHaDetector() {}

    public record DetectedRelationship(String thisServerName, HaMode mode, List<PeerDefinition> peers,
                                       HaParameters parameters) {}

    public sealed interface Detection {}

    public record Standalone(boolean sharedConfig) implements Detection {}

    public record HighAvailability(List<DetectedRelationship> relationships, boolean sharedConfig, List<String> notes)
            implements Detection {}

    public record Refused(String message, String primaryName, URI primaryUrl) implements Detection {}

    /** Thrown for an HA section Kea itself would reject; the message names the offending part. */
    public static final class InvalidHaConfiguration extends RuntimeException {
        public InvalidHaConfiguration(String message) { super(message); }
    }

    public static Detection detect(JsonNode configGetArguments) {
        JsonNode dhcp4 = KeaService.rootOf(configGetArguments);
        if (dhcp4.isMissingNode()) throw new InvalidHaConfiguration("The configuration has no Dhcp4 or Dhcp6 section");
        boolean sharedConfig = dhcp4.has("config-control");
        List<JsonNode> haSections = new ArrayList<>();
        for (JsonNode hook : dhcp4.path("hooks-libraries")) {
            if (!hook.path("library").asText("").endsWith("libdhcp_ha.so")) continue;
            for (JsonNode rel : hook.path("parameters").path("high-availability")) haSections.add(rel);
        }
        if (haSections.isEmpty()) return new Standalone(sharedConfig);

        List<DetectedRelationship> mine = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Refused firstRefusal = null;
        for (JsonNode section : haSections) {
            DetectedRelationship rel = parse(section);
            PeerDefinition self = rel.peers().stream()
                    .filter(p -> p.name().equals(rel.thisServerName())).findFirst()
                    .orElseThrow(() -> new InvalidHaConfiguration("this-server-name " + rel.thisServerName()
                            + " is not one of the peers"));
            if (self.role() == PeerRole.PRIMARY) {
                mine.add(rel);
                continue;
            }
            PeerDefinition primary = rel.peers().stream().filter(p -> p.role() == PeerRole.PRIMARY).findFirst()
                    .orElseThrow(() -> new InvalidHaConfiguration("The HA relationship of " + rel.thisServerName()
                            + " has no primary peer"));
            String message = "This server (" + rel.thisServerName() + ") is the " + self.role().wire()
                    + " of its HA relationship; add the primary " + primary.name() + " at " + primary.url()
                    + " instead";
            if (firstRefusal == null) firstRefusal = new Refused(message, primary.name(), primary.url());
            notes.add(message);
        }
        if (mine.isEmpty()) return firstRefusal;
        return new HighAvailability(mine, sharedConfig, notes);
    }

    private static DetectedRelationship parse(JsonNode section) {
        String thisServer = text(section, "this-server-name");
        HaMode mode;
        try {
            mode = HaMode.fromWire(text(section, "mode"));
        } catch (IllegalArgumentException e) {
            throw new InvalidHaConfiguration("Unknown HA mode " + section.path("mode").asText());
        }
        List<PeerDefinition> peers = new ArrayList<>();
        for (JsonNode p : section.path("peers")) {
            String name = text(p, "name");
            PeerRole role;
            try {
                role = PeerRole.fromWire(text(p, "role"));
            } catch (IllegalArgumentException e) {
                throw new InvalidHaConfiguration("Peer " + name + " has an unknown role " + p.path("role").asText());
            }
            peers.add(new PeerDefinition(name, role, uri(name, text(p, "url")), p.path("auto-failover").asBoolean(true)));
        }
        if (peers.stream().filter(p -> p.role() == PeerRole.PRIMARY).count() != 1) {
            throw new InvalidHaConfiguration("The HA relationship of " + thisServer + " must have exactly one primary");
        }
        HaParameters params = new HaParameters(number(section, "heartbeat-delay"), number(section, "max-response-delay"),
                number(section, "max-ack-delay"), number(section, "max-unacked-clients"));
        return new DetectedRelationship(thisServer, mode, peers, params);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new InvalidHaConfiguration("The HA configuration lacks " + field);
        }
        return v.asText();
    }

    private static Long number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isNumber() ? v.asLong() : null;
    }

    private static URI uri(String peer, String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidHaConfiguration("Peer " + peer + " has an invalid url " + url);
        }
    }
}
