package tandem.kea.change;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import tandem.kea.KeaControlAgentClient;
import tandem.kea.KeaEndpoint;
import tandem.kea.KeaReply;

/**
 * Finds the TLS files a server already has for its HTTPS control channel (the Control Agent's on Kea 2, the daemon's
 * control sockets on Kea 3), so that its HA peers talk TLS with the same certificate. Only paths are read: a key's
 * content never reaches the console, let alone a configuration.
 */
final class HaTlsFiles {
    private HaTlsFiles() {}

    /** Where the refusal proposes to create the files when a server names none. */
    static final HaRequest.Tls SUGGESTED = new HaRequest.Tls("/etc/kea/tandem-peer-ca.pem",
            "/etc/kea/tandem-peer-cert.pem", "/etc/kea/tandem-peer-key.pem");

    /** @param daemon the daemon whose control sockets are read on Kea 3 ("dhcp4" or "dhcp6") */
    static Optional<HaRequest.Tls> find(KeaControlAgentClient client, KeaEndpoint ep, String daemon) {
        // without a service the Control Agent answers with its own configuration (Kea 3 without one: the daemon's)
        KeaReply agent = client.send(ep, "config-get", null, null);
        if (agent instanceof KeaReply.Success s) {
            Optional<HaRequest.Tls> f = in(s.arguments().path("Control-agent"));
            if (f.isPresent()) return f;
        }
        KeaReply own = client.send(ep, "config-get", daemon, null);
        if (own instanceof KeaReply.Success s) {
            JsonNode root = s.arguments().path("dhcp6".equals(daemon) ? "Dhcp6" : "Dhcp4");
            for (JsonNode socket : root.path("control-sockets")) {
                Optional<HaRequest.Tls> f = in(socket);
                if (f.isPresent()) return f;
            }
            return in(root.path("control-socket"));
        }
        return Optional.empty();
    }

    /** The three files of one HTTPS listener's section, when it names all three. */
    static Optional<HaRequest.Tls> in(JsonNode section) {
        String ca = text(section, "trust-anchor");
        String cert = text(section, "cert-file");
        String key = text(section, "key-file");
        return ca != null && cert != null && key != null ? Optional.of(new HaRequest.Tls(ca, cert, key)) : Optional.empty();
    }

    /** What to tell the administrator when {@code server} names no TLS files: which files to create where. */
    static String missing(String field, String server) {
        return field + ": the peers talk TLS (their control endpoints are https) but " + server + " names no "
                + "trust-anchor, cert-file and key-file in its control-channel configuration (a TLS proxy in front of "
                + "it?): create on " + server + " " + SUGGESTED.trustAnchor() + " (the CA certificate that signed the "
                + "peers' certificates), " + SUGGESTED.certFile() + " (" + server + "'s certificate, naming its "
                + "address) and " + SUGGESTED.keyFile() + " (its private key, readable by Kea only), and name them as "
                + "trust-anchor, cert-file and key-file of its Kea 3 control socket or Kea 2 Control Agent. Nothing "
                + "was changed.";
    }

    private static String text(JsonNode section, String field) {
        JsonNode v = section.path(field);
        return v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }
}
