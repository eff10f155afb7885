package tandem.kea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import tandem.core.Backend;
import tandem.core.ConfigSnapshot;
import tandem.core.ConnectionSettings;
import tandem.core.HaMode;
import tandem.core.HaParameters;
import tandem.core.ImportResult;
import tandem.core.PeerDefinition;
import tandem.core.PeerRole;
import tandem.core.Relationship;
import tandem.core.ServerRecord;
import tandem.core.port.ServerImporter;

/**
 * Adds a Kea server: reads its configuration through its control endpoint (a Kea 2 Control Agent or a Kea 3
 * daemon's own control socket) and detects its HA relationships and where the console reaches each peer.
 */
public final class KeaServerImporter implements ServerImporter {
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final KeaControlAgentClient client;
    private final Supplier<Duration> timeout;
    private final Clock clock;

    public KeaServerImporter(KeaControlAgentClient client, Supplier<Duration> timeout, Clock clock) {
        this.client = client;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public Backend backend() { return Backend.KEA; }

    @Override
    public ConnectionCheck check(ConnectionSettings connection) {
        KeaEndpoint ep;
        try {
            ep = KeaPeerProbe.endpoint(connection, timeout.get());
        } catch (IllegalArgumentException e) {
            return new ConnectionCheck(false, e.getMessage());
        }
        KeaReply reply = client.versionGet(ep);
        if (reply instanceof KeaReply.Failure f) return new ConnectionCheck(false, f.message());
        KeaVersion version = KeaVersion.from((KeaReply.Success) reply);
        return new ConnectionCheck(true, "Kea DHCPv4 " + (version.version() == null ? "" : version.version() + " ")
                + "answers at " + connection.url());
    }

    @Override
    public ImportResult inspect(String proposedName, ConnectionSettings connection) {
        return inspect(proposedName, connection, java.util.Map.of());
    }

    @Override
    public ImportResult inspect(String proposedName, ConnectionSettings connection, java.util.Map<String, URI> peerUrls) {
        KeaEndpoint ep;
        try {
            ep = KeaPeerProbe.endpoint(connection, timeout.get().multipliedBy(3));
        } catch (IllegalArgumentException e) {
            return new ImportResult.Refused(e.getMessage(), e.getMessage().startsWith("Proxy") ? "proxy" : "url");
        }
        KeaReply reply = client.configGet(ep);
        if (reply instanceof KeaReply.Failure f) return new ImportResult.Refused(refusal(f), fieldOf(f));
        JsonNode config = ((KeaReply.Success) reply).arguments();
        KeaHaDetector.Detection detection;
        try {
            detection = KeaHaDetector.detect(config);
        } catch (KeaHaDetector.InvalidHaConfiguration e) {
            return new ImportResult.Refused(e.getMessage(), null);
        }
        Instant now = clock.instant();
        String hash = hash(config);
        String json = config.toString();
        if (detection instanceof KeaHaDetector.Refused r) {
            return new ImportResult.Refused(r.message() + listenerNote(config.path("Dhcp4")), "url");
        }
        if (detection instanceof KeaHaDetector.Standalone s) {
            String name = nameOr(proposedName, defaultName(connection.url()));
            ServerRecord server = new ServerRecord(name, Backend.KEA, connection, now);
            Relationship rel = new Relationship(name, name, Backend.KEA, HaMode.STANDALONE,
                    List.of(new PeerDefinition(name, PeerRole.PRIMARY, connection.url(), false)),
                    s.sharedConfig(), HaParameters.NONE);
            return new ImportResult.Accepted(server, List.of(rel),
                    List.of(new ConfigSnapshot(rel.name(), name, hash, json, now)), List.of());
        }
        var ha = (KeaHaDetector.HighAvailability) detection;
        String self = ha.relationships().get(0).thisServerName();
        String name = nameOr(proposedName, self);
        ServerRecord server = new ServerRecord(name, Backend.KEA, connection, now);
        List<Relationship> relationships = new ArrayList<>();
        List<ConfigSnapshot> snapshots = new ArrayList<>();
        List<String> notes = new ArrayList<>(ha.notes());
        KeaPeerUrls controlUrls = new KeaPeerUrls(client, connection, timeout.get());
        for (KeaHaDetector.DetectedRelationship d : ha.relationships()) {
            String relName = ha.relationships().size() == 1 ? name : name + "/" + partnerNames(d);
            List<PeerDefinition> peers;
            try {
                peers = controlUrls.resolve(config.path("Dhcp4"), d, peerUrls, notes);
            } catch (KeaPeerUrls.Unresolved e) {
                return new ImportResult.Refused(e.getMessage(), e.field);
            }
            Relationship rel = new Relationship(relName, name, Backend.KEA, d.mode(),
                    ownUrl(d.thisServerName(), peers, connection.url()), ha.sharedConfig(), d.parameters());
            relationships.add(rel);
            snapshots.add(new ConfigSnapshot(relName, d.thisServerName(), hash, json, now));
        }
        for (Relationship rel : relationships) {
            for (PeerDefinition p : rel.peers()) {
                if (connection.withholdsCredentialsFrom(p.url())) notes.add(connection.withheldReason(p.name(), p.url()));
            }
        }
        return new ImportResult.Accepted(server, relationships, snapshots, List.copyOf(notes));
    }

    /**
     * The console reaches the server it was given through the URL the administrator typed (which may differ
     * from the address the peers use among themselves); the other peers through their configured URLs.
     */
    private static List<PeerDefinition> ownUrl(String thisServerName, List<PeerDefinition> peers, URI given) {
        List<PeerDefinition> out = new ArrayList<>();
        for (PeerDefinition p : peers) {
            out.add(p.name().equals(thisServerName)
                    ? new PeerDefinition(p.name(), p.role(), given, p.autoFailover()) : p);
        }
        return out;
    }

    private static String partnerNames(KeaHaDetector.DetectedRelationship d) {
        return String.join("+", d.peers().stream().map(PeerDefinition::name)
                .filter(n -> !n.equals(d.thisServerName())).toList());
    }

    private static String nameOr(String proposed, String fallback) {
        return proposed == null || proposed.isBlank() ? fallback : proposed.strip();
    }

    private static String defaultName(URI url) {
        int port = url.getPort();
        return url.getHost() + (port < 0 || port == 8000 ? "" : ":" + port);
    }

    /** The primary's URL in the HA configuration is a dedicated HA listener: the console cannot use it. */
    private static String listenerNote(JsonNode dhcp4) {
        for (JsonNode hook : dhcp4.path("hooks-libraries")) {
            if (!hook.path("library").asText("").endsWith("libdhcp_ha.so")) continue;
            for (JsonNode rel : hook.path("parameters").path("high-availability")) {
                if (KeaPeerUrls.dedicatedListener(dhcp4, rel)) {
                    return " (that URL is its dedicated HA listener, which answers HA commands only: use the primary's"
                            + " control socket)";
                }
            }
        }
        return "";
    }

    /** Kea's HA dedicated listener answers 403 to config-get (restrict-commands): say so, it is an easy mix-up. */
    private static String refusal(KeaReply.Failure f) {
        if (f.kind() == KeaFailure.AUTH_FAILED && f.detail() != null && f.detail().contains("403")) {
            return f.message() + " (403 Forbidden: if this URL is a Kea HA dedicated listener, it answers HA commands"
                    + " only; give the server's control socket or Control Agent URL)";
        }
        return f.message();
    }

    private static String fieldOf(KeaReply.Failure f) {
        return switch (f.kind()) {
            case AUTH_FAILED -> "password";
            case UNREACHABLE, TLS -> f.message().toLowerCase(java.util.Locale.ROOT).contains("proxy") ? "proxy" : "url";
            default -> null;
        };
    }

    /** SHA-256 of the configuration with keys in a stable order, so equal configurations hash alike. */
    public static String hash(JsonNode config) {
        try {
            Object tree = CANONICAL.treeToValue(config, Object.class);
            byte[] bytes = CANONICAL.writeValueAsBytes(tree);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
