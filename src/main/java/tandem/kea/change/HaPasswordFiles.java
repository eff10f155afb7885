package tandem.kea.change;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import tandem.kea.KeaControlAgentClient;
import tandem.kea.KeaEndpoint;
import tandem.kea.KeaReply;

/**
 * Finds a file that already holds a user's password on a server: the password-file of that user's client in the
 * basic authentication of its control channel (the Control Agent's on Kea 2, the daemon's control sockets on Kea 3).
 * Only paths are read, never a password.
 */
final class HaPasswordFiles {
    private HaPasswordFiles() {}

    /** Where the wizard proposes to create the file when none is found. */
    static final String SUGGESTED = "/etc/kea/tandem-peer-password";

    static Optional<String> find(KeaControlAgentClient client, KeaEndpoint ep, String user) {
        // without a service the Control Agent answers with its own configuration
        KeaReply agent = client.send(ep, "config-get", null, null);
        if (agent instanceof KeaReply.Success s) {
            Optional<String> f = in(s.arguments().path("Control-agent").path("authentication"), user);
            if (f.isPresent()) return f;
        }
        KeaReply daemon = client.send(ep, "config-get", KeaControlAgentClient.DHCP4, null);
        if (daemon instanceof KeaReply.Success s) {
            for (JsonNode socket : s.arguments().path("Dhcp4").path("control-sockets")) {
                Optional<String> f = in(socket.path("authentication"), user);
                if (f.isPresent()) return f;
            }
            return in(s.arguments().path("Dhcp4").path("control-socket").path("authentication"), user);
        }
        return Optional.empty();
    }

    /**
     * The absolute path of {@code user}'s password-file in one authentication section. Kea 3 refuses a clear-text
     * user, so its clients name a user-file that the console cannot read: a section whose only client with a
     * password-file names its user in a file is taken as the console's own login.
     */
    static Optional<String> in(JsonNode authentication, String user) {
        String dir = authentication.path("directory").asText("");
        JsonNode byFile = null;
        int withFiles = 0;
        for (JsonNode c : authentication.path("clients")) {
            if (!c.path("password-file").isTextual()) continue;
            withFiles++;
            if (user.equals(c.path("user").asText(null))) return Optional.of(path(dir, c.path("password-file").asText()));
            if (c.has("user-file")) byFile = c;
        }
        return byFile != null && withFiles == 1 ? Optional.of(path(dir, byFile.path("password-file").asText())) : Optional.empty();
    }

    private static String path(String dir, String file) {
        if (file.startsWith("/") || dir.isEmpty()) return file;
        return dir.endsWith("/") ? dir + file : dir + "/" + file;
    }
}
