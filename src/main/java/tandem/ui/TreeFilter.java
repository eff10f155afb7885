package tandem.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tandem.core.Backend;
import tandem.core.RelationshipStatus;
import tandem.ui.ConsoleNode.PeerItem;
import tandem.ui.ConsoleNode.RelationshipItem;
import tandem.ui.ConsoleNode.ServerItem;

/**
 * What the tree is narrowed to: text found in the name of a relationship, its server, a peer or the site; a status;
 * a backend; a site. Null or blank parts do not narrow.
 *
 * @param status {@link #NOT_CONFIRMED} for relationships whose state no poll has confirmed yet, else a
 *               {@link RelationshipStatus}, or null
 */
record TreeFilter(String text, Object status, Backend backend, String site) {
    /** The status choice for last-known states no poll has confirmed yet. */
    static final String NOT_CONFIRMED = "Not confirmed yet";
    static final TreeFilter NONE = new TreeFilter("", null, null, null);

    TreeFilter {
        text = text == null ? "" : text.strip();
    }

    boolean isOn() { return !text.isEmpty() || status != null || backend != null || site != null; }

    TreeFilter withText(String t) { return new TreeFilter(t, status, backend, site); }

    TreeFilter withStatus(Object s) { return new TreeFilter(text, s, backend, site); }

    TreeFilter withBackend(Backend b) { return new TreeFilter(text, status, b, site); }

    TreeFilter withSite(String s) { return new TreeFilter(text, status, backend, s); }

    /** The top-level nodes of {@code model} that pass, in tree order; every node when the filter is off. */
    List<ConsoleNode> apply(TreeModel model) {
        if (!isOn()) return model.nodes();
        String needle = text.toLowerCase(Locale.ROOT);
        List<ConsoleNode> out = new ArrayList<>();
        for (ConsoleNode n : model.nodes()) if (matches(n, model.site(n), needle)) out.add(n);
        return out;
    }

    private boolean matches(ConsoleNode node, String nodeSite, String needle) {
        if (site != null && !site.equals(nodeSite)) return false;
        if (node instanceof RelationshipItem r) {
            if (backend != null && r.relationship().backend() != backend) return false;
            if (status == NOT_CONFIRMED ? !r.stale() : status != null && r.status() != status) return false;
            if (needle.isEmpty() || contains(r.name(), needle) || contains(r.serverName(), needle)
                    || contains(nodeSite, needle)) return true;
            for (PeerItem p : r.peers()) if (contains(p.peer().name(), needle)) return true;
            return false;
        }
        ServerItem s = (ServerItem) node;
        if (status != null || (backend != null && s.server().backend() != backend)) return false;
        return needle.isEmpty() || contains(s.server().name(), needle) || contains(nodeSite, needle);
    }

    private static boolean contains(String haystack, String lowerNeedle) {
        if (haystack == null) return false;
        // regionMatches avoids a lower-cased copy of every name on every key press
        int n = lowerNeedle.length();
        for (int i = 0, last = haystack.length() - n; i <= last; i++) {
            if (haystack.regionMatches(true, i, lowerNeedle, 0, n)) return true;
        }
        return false;
    }

    /** How the status choice reads in its box and in "N of M" texts. */
    static String statusLabel(Object status) {
        return status instanceof RelationshipStatus s ? s.label() : status == null ? "Any status" : status.toString();
    }

    static String backendLabel(Backend b) {
        if (b == null) return "Any backend";
        return switch (b) {
            case KEA -> "Kea";
            case ISC -> "ISC DHCP";
            case WINDOWS -> "Windows";
        };
    }

    /** Relationships (standalone servers included) among {@code nodes}. */
    static int relationships(List<ConsoleNode> nodes) {
        int n = 0;
        for (ConsoleNode c : nodes) if (c instanceof RelationshipItem) n++;
        return n;
    }
}
