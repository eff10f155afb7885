package tandem.kea;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tandem.core.ConnectionSettings;
import tandem.core.PeerDefinition;

/**
 * Where the console reaches each peer's control endpoint. A peer's {@code url} in the HA configuration is where
 * its partners send HA commands: its Control Agent (Kea 2), its control socket (Kea 3 with
 * {@code http-dedicated-listener: false}), or a dedicated HA listener, which answers HA commands only
 * ({@code restrict-commands}, 403 to config-get or status-get). In the last case the console needs the peer's
 * control socket, which the configuration does not name: it is given by the administrator
 * ({@code --peer-url NAME=URL}), or found by trying the peer's host with the port of the URL the console was given,
 * and accepted only when the server answering there says it is that peer.
 */
final class KeaPeerUrls {
    /** No control endpoint of a peer could be found or confirmed; names the input that would solve it. */
    static final class Unresolved extends Exception {
        final String field;

        Unresolved(String message, String field) {
            super(message);
            this.field = field;
        }
    }

    /** The import option (CLI) and form field (console) naming a peer's control endpoint. */
    static String field(String peer) { return "peer-url:" + peer; }

    private final KeaControlAgentClient client;
    private final ConnectionSettings given;
    private final Duration timeout;

    KeaPeerUrls(KeaControlAgentClient client, ConnectionSettings given, Duration timeout) {
        this.client = client;
        this.given = given;
        this.timeout = timeout;
    }

    /**
     * The peers with {@code url} replaced by their control endpoint where the HA url is not one.
     *
     * @param dhcp4 the configuration's Dhcp4 section, whose HA section of {@code relationship} tells how peers talk
     * @param hints control endpoints the administrator gave (or stored from an earlier import), by peer name
     */
    List<PeerDefinition> resolve(JsonNode dhcp4, KeaHaDetector.DetectedRelationship relationship,
                                 Map<String, URI> hints, List<String> notes) throws Unresolved {
        JsonNode section = section(dhcp4, relationship);
        boolean dedicated = dedicatedListener(dhcp4, section);
        List<PeerDefinition> out = new ArrayList<>();
        for (PeerDefinition p : relationship.peers()) {
            if (p.name().equals(relationship.thisServerName())) {
                out.add(p);
                continue;
            }
            URI hint = hints.get(p.name());
            if (!dedicated) {
                // its HA url reaches its Control Agent or control socket: that is where the console goes too
                if (hint != null && !hint.equals(p.url())) {
                    notes.add("The control endpoint given for " + p.name() + " is not needed: its HA URL " + p.url()
                            + " is its control endpoint, and is used");
                }
                out.add(p);
            } else if (hint != null) {
                out.add(new PeerDefinition(p.name(), p.role(), confirmedHint(p.name(), hint, notes), p.autoFailover()));
            } else {
                out.add(new PeerDefinition(p.name(), p.role(), found(p), p.autoFailover()));
            }
        }
        return out;
    }

    /**
     * Whether the peers' HA urls are dedicated HA listeners: HA multi-threading with a dedicated listener (Kea 3's
     * config-get spells every one of these out; Kea 2 defaults are taken as off, as a Kea 2 configuration usually
     * leaves them out).
     */
    static boolean dedicatedListener(JsonNode dhcp4, JsonNode haSection) {
        if (haSection == null) return false;
        JsonNode mt = haSection.path("multi-threading");
        return dhcp4.path("multi-threading").path("enable-multi-threading").asBoolean(false)
                && mt.path("enable-multi-threading").asBoolean(false)
                && mt.path("http-dedicated-listener").asBoolean(true);
    }

    /** Whether the dedicated listener refuses anything but HA commands (Kea's default). */
    static boolean restrictsCommands(JsonNode haSection) {
        return haSection == null || haSection.path("restrict-commands").asBoolean(true);
    }

    /** The HA section of the configuration describing {@code relationship}. */
    static JsonNode section(JsonNode dhcp4, KeaHaDetector.DetectedRelationship relationship) {
        Set<String> names = new LinkedHashSet<>();
        relationship.peers().forEach(p -> names.add(p.name()));
        for (JsonNode hook : dhcp4.path("hooks-libraries")) {
            if (!hook.path("library").asText("").endsWith("libdhcp_ha.so")) continue;
            for (JsonNode rel : hook.path("parameters").path("high-availability")) {
                if (!relationship.thisServerName().equals(rel.path("this-server-name").asText())) continue;
                Set<String> these = new LinkedHashSet<>();
                rel.path("peers").forEach(p -> these.add(p.path("name").asText()));
                if (these.equals(names)) return rel;
            }
        }
        return null;
    }

    private URI confirmedHint(String peer, URI hint, List<String> notes) throws Unresolved {
        Optional<Set<String>> answered = serverNames(hint);
        if (answered.isEmpty()) {
            notes.add("The control endpoint given for " + peer + " (" + hint + ") could not be confirmed now; it is"
                    + " used as given");
            return hint;
        }
        if (!answered.get().contains(peer)) {
            throw new Unresolved("The control endpoint given for " + peer + " (" + hint + ") answers as "
                    + (answered.get().isEmpty() ? "a server without HA" : String.join(", ", answered.get()))
                    + ", not as " + peer, field(peer));
        }
        return hint;
    }

    private URI found(PeerDefinition peer) throws Unresolved {
        URI candidate = sameHostGivenPort(peer.url());
        if (candidate != null && serverNames(candidate).map(n -> n.contains(peer.name())).orElse(false)) {
            return candidate;
        }
        throw new Unresolved("The URL " + peer.name() + " has in the HA configuration (" + peer.url() + ") is its"
                + " dedicated HA listener, which answers HA commands only; give the URL of " + peer.name()
                + "'s control socket" + (candidate == null ? "" : ": " + candidate + " did not answer as " + peer.name()), field(peer.name()));
    }

    /** The peer's host with the scheme and port of the URL the console was given (servers are often alike). */
    private URI sameHostGivenPort(URI haUrl) {
        URI url = given.url();
        try {
            return new URI(url.getScheme(), null, haUrl.getHost(), url.getPort(), url.getPath(), null, null);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * The this-server-name of each relationship status-get reports at {@code url} (the server's own name), or
     * empty when nothing conclusive answered there.
     */
    private Optional<Set<String>> serverNames(URI url) {
        KeaEndpoint ep;
        try {
            ep = KeaPeerProbe.endpoint(given.forPeer(url), timeout);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        KeaReply reply = client.statusGet(ep);
        if (!(reply instanceof KeaReply.Success)) return Optional.empty();
        Set<String> names = new LinkedHashSet<>();
        reply.parse(KeaStatus::from).ifPresent(s -> s.highAvailability().forEach(h -> {
            if (h.local() != null && h.local().serverName() != null) names.add(h.local().serverName());
        }));
        return Optional.of(names);
    }
}
