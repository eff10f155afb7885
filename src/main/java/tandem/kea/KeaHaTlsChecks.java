package tandem.kea;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import tandem.core.ConfigCheck;

/**
 * TLS between HA peers, as the HA hook reads it (hooks-ha "HTTPS Support"): trust-anchor, cert-file and key-file are
 * set for the whole relationship or per peer (the peer's value wins, an empty string counts as unset), all three or
 * none. An https peer URL without them is refused; with them, the hook talks TLS to the peer whatever the URL's
 * scheme says.
 */
final class KeaHaTlsChecks {
    private KeaHaTlsChecks() {}

    private static final List<String> FILES = List.of("trust-anchor", "cert-file", "key-file");

    /** @param ha one relationship's HA section as {@code self} holds it */
    static List<ConfigCheck> peers(JsonNode ha, String self) {
        List<ConfigCheck> out = new ArrayList<>();
        for (JsonNode peer : ha.path("peers")) {
            String name = peer.path("name").asText("?");
            List<String> set = new ArrayList<>();
            List<String> unset = new ArrayList<>();
            for (String f : FILES) (file(peer, f) != null || file(ha, f) != null && !peer.has(f) ? set : unset).add(f);
            String url = peer.path("url").asText("");
            boolean https = url.regionMatches(true, 0, "https:", 0, 6);
            if (!set.isEmpty() && !unset.isEmpty()) {
                out.add(ConfigCheck.error(self + " has " + String.join(" and ", set) + " but no " + String.join(" or ", unset)
                        + " for peer " + name + ": Kea takes all three TLS files or none and refuses the configuration"));
            } else if (https && !unset.isEmpty()) {
                out.add(ConfigCheck.error("The URL of peer " + name + " is https (" + url + ") but " + self
                        + " has no trust-anchor, cert-file and key-file for it: Kea refuses the configuration; give "
                        + self + "'s HA section its TLS files, or use an http URL if that peer listens in plain HTTP"));
            } else if (!https && unset.isEmpty() && !url.isEmpty()) {
                out.add(ConfigCheck.warning("The URL of peer " + name + " is plain http (" + url + ") but " + self
                        + " has TLS files for it: Kea talks TLS to it anyway, which fails if " + name + " listens in"
                        + " plain HTTP there; write https:// so that the URL says what happens"));
            }
        }
        return out;
    }

    /** A file named by the section; an empty string counts as unset, as in Kea. */
    private static String file(JsonNode section, String field) {
        JsonNode v = section.get(field);
        return v != null && v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
    }
}
