package tandem.isc;

import java.util.ArrayList;

/** One dhcpd.conf file (the main one or an included one) as nodes that render back to its exact bytes. */
public final class ConfDocument {
    private final String path;
    /** A pseudo block: its children are the top-level nodes and its {@code beforeClose} is the text after them. */
    final ConfNode root;

    private ConfDocument(String path, ConfNode root) {
        this.path = path;
        this.root = root;
    }

    /** Parses one file's held text (one char per byte, see {@link ConfText}); bad input ends only in ConfSyntaxException. */
    public static ConfDocument parse(String path, String text) throws ConfSyntaxException {
        return parse(path, text, new ConfLimits());
    }

    static ConfDocument parse(String path, String text, ConfLimits limits) throws ConfSyntaxException {
        String[] trailing = new String[1];
        var nodes = ConfParser.parse(path, text, trailing, limits);
        return new ConfDocument(path, new ConfNode("", "", new ArrayList<>(), nodes, trailing[0], "", 0));
    }

    public String path() { return path; }

    public String render() {
        StringBuilder b = new StringBuilder();
        for (ConfNode n : root.children) n.render(b);
        b.append(root.beforeClose);
        return b.toString();
    }
}
