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
import tandem.core.ServiceType;
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
        String label = ServiceType.DHCPV4.label();
        if (reply instanceof KeaReply.Failure f && (f.kind() == KeaFailure.COMMAND_ERROR || f.kind() == KeaFailure.DAEMON_OFFLINE)) {
            // an agent that fronts a DHCPv6 server only
            KeaReply v6 = client.send(ep, "version-get", KeaService.daemon(ServiceType.DHCPV6), null);
            if (v6 instanceof KeaReply.Success) {
                reply = v6;
                label = ServiceType.DHCPV6.label();
            }
        }
        if (reply instanceof KeaReply.Failure f) return new ConnectionCheck(false, f.message());
        KeaVersion version = KeaVersion.from((KeaReply.Success) reply);
        return new ConnectionCheck(true, "Kea " + label + " " + (version.version() == null ? "" : version.version() + " ")
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
        // the DHCPv6 daemon behind the same agent: a failure of its own never keeps the DHCPv4 one from import
        KeaReply reply6 = client.send(ep, "config-get", KeaService.daemon(ServiceType.DHCPV6), null);
        List<String> notes = new ArrayList<>();
        List<JsonNode> configs = new ArrayList<>();
        if (reply instanceof KeaReply.Success ok4 && KeaService.of(ok4.arguments()) == ServiceType.DHCPV4) {
            configs.add(ok4.arguments());
        }
        if (reply6 instanceof KeaReply.Success ok6 && KeaService.of(ok6.arguments()) == ServiceType.DHCPV6) {
            configs.add(ok6.arguments());
            if (reply instanceof KeaReply.Failure f4 && f4.kind() == KeaFailure.DAEMON_OFFLINE) {
                notes.add("The DHCPv4 server behind " + ep.authority() + " is offline: its relationships were not"
                        + " imported; add the server again once it runs");
            }
        } else if (!configs.isEmpty() && reply6 instanceof KeaReply.Failure f6 && f6.kind() == KeaFailure.DAEMON_OFFLINE) {
            notes.add("The DHCPv6 server behind " + ep.authority() + " is offline: its relationships were not"
                    + " imported; add the server again once it runs");
        }
        if (configs.isEmpty()) {
            if (reply instanceof KeaReply.Failure f) return new ImportResult.Refused(refusal(f), fieldOf(f));
            return new ImportResult.Refused(ep.authority() + " answered config-get without a Dhcp4 or Dhcp6"
                    + " configuration", "url");
        }
        Instant now = clock.instant();
        List<Detected> found = new ArrayList<>();
        for (JsonNode config : configs) {
            KeaHaDetector.Detection detection;
            try {
                detection = KeaHaDetector.detect(config);
            } catch (KeaHaDetector.InvalidHaConfiguration e) {
                return new ImportResult.Refused(e.getMessage(), null);
            }
            if (detection instanceof KeaHaDetector.Refused r) {
                // refused for one service, the other may still be managed through this server
                String listener = listenerNote(KeaService.rootOf(config));
                if (configs.size() == 1) return new ImportResult.Refused(r.message() + listener, "url");
                notes.add(KeaService.of(config).label() + ": " + r.message() + listener);
                continue;
            }
            found.add(new Detected(KeaService.of(config), config, detection));
        }
        if (found.isEmpty()) return new ImportResult.Refused(String.join("; ", notes), "url");
        String self = found.stream().map(Detected::detection)
                .filter(d -> d instanceof KeaHaDetector.HighAvailability)
                .map(d -> ((KeaHaDetector.HighAvailability) d).relationships().get(0).thisServerName())
                .findFirst().orElse(null);
        String name = nameOr(proposedName, self == null ? defaultName(connection.url()) : self);
        ServerRecord server = new ServerRecord(name, Backend.KEA, connection, now);
        List<Relationship> relationships = new ArrayList<>();
        List<ConfigSnapshot> snapshots = new ArrayList<>();
        boolean severalServices = found.size() > 1;
        KeaPeerUrls controlUrls = new KeaPeerUrls(client, connection, timeout.get());
        for (Detected d : found) {
            String hash = hash(d.config());
            String json = d.config().toString();
            // DHCPv4 keeps the names it always had; DHCPv6 is told apart only when both services are there
            String base = severalServices && d.service().isV6() ? name + "/" + d.service().wire() : name;
            if (d.detection() instanceof KeaHaDetector.Standalone st) {
                Relationship rel = new Relationship(base, name, Backend.KEA, HaMode.STANDALONE,
                        List.of(new PeerDefinition(name, PeerRole.PRIMARY, connection.url(), false)),
                        st.sharedConfig(), HaParameters.NONE, d.service());
                relationships.add(rel);
                snapshots.add(new ConfigSnapshot(rel.name(), name, hash, json, now));
                continue;
            }
            var ha = (KeaHaDetector.HighAvailability) d.detection();
            for (KeaHaDetector.DetectedRelationship r : ha.relationships()) {
                String relName = ha.relationships().size() == 1 ? base : base + "/" + partnerNames(r);
                List<PeerDefinition> peers;
                try {
                    peers = controlUrls.resolve(d.config().path(KeaService.root(d.service())), r, peerUrls, notes);
                } catch (KeaPeerUrls.Unresolved e) {
                    return new ImportResult.Refused(e.getMessage(), e.field);
                }
                Relationship rel = new Relationship(relName, name, Backend.KEA, r.mode(),
                        ownUrl(r.thisServerName(), peers, connection.url()), ha.sharedConfig(), r.parameters(),
                        d.service());
                relationships.add(rel);
                snapshots.add(new ConfigSnapshot(relName, r.thisServerName(), hash, json, now));
            }
            notes.addAll(ha.notes());
        }
        for (Relationship rel : relationships) {
            for (PeerDefinition p : rel.peers()) {
                if (connection.withholdsCredentialsFrom(p.url())) notes.add(connection.withheldReason(p.name(), p.url()));
            }
        }
        return new ImportResult.Accepted(server, relationships, snapshots, List.copyOf(notes));
    }

    /** What one service's configuration holds. */
    private record Detected(ServiceType service, JsonNode config, KeaHaDetector.Detection detection) {}

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
