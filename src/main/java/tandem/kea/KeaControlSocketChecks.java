package tandem.kea;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tandem.core.ConfigCheck;

/**
 * Checks of what Kea 3 brings: each daemon opens its own HTTP(S) control socket (no Control Agent in front), HA may
 * listen on a dedicated port of its own, and config-write only writes beside the configuration file. Pure functions
 * over config-get's arguments.
 */
public final class KeaControlSocketChecks {
    private KeaControlSocketChecks() {}

    /** @param thisServerName the server the configuration belongs to, for the sentences */
    public static List<ConfigCheck> configuration(JsonNode configGetArguments, String thisServerName) {
        List<ConfigCheck> out = new ArrayList<>();
        JsonNode dhcp4 = configGetArguments == null ? null : configGetArguments.path("Dhcp4");
        if (dhcp4 == null || !dhcp4.isObject()) return out;
        List<JsonNode> sockets = httpSockets(dhcp4);
        for (JsonNode socket : sockets) {
            String address = socket.path("socket-address").asText("127.0.0.1");
            if (loopback(address)) continue;
            String where = thisServerName + "'s control socket on " + address + ":" + socket.path("socket-port").asText("8000");
            if (!socket.path("authentication").path("type").isTextual()) {
                out.add(ConfigCheck.error(where + " has no authentication: anyone who reaches it can change the"
                        + " configuration or stop the service; add basic authentication with user and password files"));
            }
            if (!socket.path("cert-file").isTextual() || socket.path("cert-file").asText().isBlank()) {
                out.add(ConfigCheck.warning(where + " serves plain HTTP: passwords and configurations cross the network"
                        + " readable by anyone on the path; give it cert-file, key-file and trust-anchor"));
            }
        }
        listenerPorts(dhcp4, sockets, thisServerName, out);
        return out;
    }

    /**
     * Kea 3 writes a configuration only into the directory of the file it was started with ({@code -c}); elsewhere
     * config-write fails ("not allowed to write config into ...").
     */
    public static Optional<ConfigCheck> configWrite(String configFile, String target) {
        try {
            Path config = Path.of(configFile).toAbsolutePath().normalize();
            Path file = config.getParent().resolve(target).normalize();
            if (file.getParent() != null && file.getParent().equals(config.getParent())) return Optional.empty();
            return Optional.of(ConfigCheck.error("config-write to " + file + " would fail on Kea 3: it writes only"
                    + " into " + config.getParent() + ", the directory of its configuration file " + config));
        } catch (InvalidPathException | NullPointerException e) {
            return Optional.of(ConfigCheck.error("config-write to " + target + " names no usable file"));
        }
    }

    /** The HTTP(S) control sockets: Kea 3's "control-sockets" list, or a single "control-socket" of type http(s). */
    static List<JsonNode> httpSockets(JsonNode dhcp4) {
        List<JsonNode> all = new ArrayList<>();
        dhcp4.path("control-sockets").forEach(all::add);
        if (dhcp4.path("control-socket").isObject()) all.add(dhcp4.path("control-socket"));
        return all.stream().filter(s -> {
            String type = s.path("socket-type").asText("").toLowerCase(Locale.ROOT);
            return type.equals("http") || type.equals("https");
        }).toList();
    }

    /**
     * A dedicated HA listener binds this server's own peer URL: it must be neither a control socket's port nor
     * another relationship's listener (hub-and-spoke) on the same host.
     */
    private static void listenerPorts(JsonNode dhcp4, List<JsonNode> sockets, String self, List<ConfigCheck> out) {
        Map<String, String> listeners = new HashMap<>();
        for (JsonNode hook : dhcp4.path("hooks-libraries")) {
            if (!hook.path("library").asText("").endsWith("libdhcp_ha.so")) continue;
            for (JsonNode rel : hook.path("parameters").path("high-availability")) {
                if (!KeaPeerUrls.dedicatedListener(dhcp4, rel)) continue;
                String me = rel.path("this-server-name").asText(self);
                URI url = ownUrl(rel, me);
                if (url == null) continue;
                for (JsonNode socket : sockets) {
                    int port = socket.path("socket-port").asInt(8000);
                    if (port == port(url) && sameHost(url.getHost(), socket.path("socket-address").asText("127.0.0.1"))) {
                        out.add(ConfigCheck.error("The dedicated HA listener of " + me + " (" + url + ") uses port "
                                + port + ", the port of its own control socket: only one of them can listen there;"
                                + " give " + me + "'s peer URL another port, or set http-dedicated-listener to false"
                                + " so that HA uses the control socket"));
                    }
                }
                String key = url.getHost().toLowerCase(Locale.ROOT) + ":" + port(url);
                String other = listeners.putIfAbsent(key, me);
                if (other != null) {
                    out.add(ConfigCheck.error("Two HA relationships of " + self + " open their dedicated listener on "
                            + key + ": each relationship needs its own port"));
                }
            }
        }
    }

    private static URI ownUrl(JsonNode rel, String me) {
        for (JsonNode peer : rel.path("peers")) {
            if (!me.equals(peer.path("name").asText())) continue;
            try {
                URI url = URI.create(peer.path("url").asText(""));
                return url.getHost() == null ? null : url;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    static boolean loopback(String address) {
        String a = address.toLowerCase(Locale.ROOT).replace("[", "").replace("]", "");
        return a.startsWith("127.") || a.equals("::1") || a.equals("localhost");
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) return u.getPort();
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private static boolean sameHost(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT).replace("[", "").replace("]", "");
        String y = b.toLowerCase(Locale.ROOT).replace("[", "").replace("]", "");
        return x.equals(y) || wildcard(x) || wildcard(y);
    }

    private static boolean wildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::");
    }
}
