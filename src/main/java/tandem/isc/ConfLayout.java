package tandem.isc;

import java.util.List;

/**
 * Where a generated node goes among its siblings: indentation and line breaks that fit the surrounding layout, and
 * taking a node out with its line, so that an edit changes only the lines it is about.
 */
final class ConfLayout {
    private ConfLayout() {}

    /** Indentation for a child at {@code index}: that of a sibling, else the parent's plus two spaces. */
    static String childIndent(ConfNode parent, int index) {
        List<ConfNode> kids = parent.children;
        if (!kids.isEmpty()) return kids.get(Math.min(index, kids.size() - 1)).indent();
        return parent.header.isEmpty() && parent.tokens.isEmpty() ? "" : parent.indent() + "  ";
    }

    /** Puts a node among {@code parent}'s children, fitting the surrounding layout (one per line, or inline). */
    static void insert(ConfNode parent, int index, ConfNode n) {
        List<ConfNode> kids = parent.children;
        boolean crlf = usesCrlf(parent);
        boolean root = parent.tokens.isEmpty() && parent.header.isEmpty();
        String indent = childIndent(parent, index);
        if (n.isBlock()) reindent(n, indent);
        if (kids.isEmpty() && root) {
            // after whatever comments the file has
            String before = parent.beforeClose;
            n.leading = before.isEmpty() ? "" : before + (before.endsWith("\n") ? "\n" : "\n\n");
            n.trailing = "\n";
            parent.beforeClose = "";
        } else if (kids.isEmpty()) {
            n.leading = "\n" + indent;
            n.trailing = "\n";
            if (!root && parent.beforeClose.isBlank()) parent.beforeClose = parent.indent();
        } else if (index == 0) {
            ConfNode first = kids.get(0);
            int nl = first.leading.lastIndexOf('\n');
            if (nl < 0 && !root) {
                n.leading = first.leading;
                n.trailing = "";
            } else {
                n.leading = first.leading;
                first.leading = (root && n.isBlock() ? (crlf ? "\r\n" : "\n") : "") + first.leading.substring(nl + 1);
                n.trailing = "\n";
            }
        } else {
            ConfNode prev = kids.get(index - 1);
            if (prev.trailing.endsWith("\n") || root) {
                if (!prev.trailing.endsWith("\n")) prev.trailing = prev.trailing + (crlf ? "\r\n" : "\n");
                n.leading = (root && n.isBlock() ? "\n" : "") + indent;
                n.trailing = "\n";
            } else {
                n.leading = " ";
                n.trailing = "";
            }
        }
        if (crlf) toCrlf(n);
        kids.add(index, n);
    }

    /** Whether the lines around {@code parent}'s children end in CR LF (a file written on Windows). */
    private static boolean usesCrlf(ConfNode parent) {
        if (parent.trailing != null && parent.trailing.endsWith("\r\n")) return true;
        if (parent.beforeClose != null && parent.beforeClose.contains("\r\n")) return true;
        for (ConfNode c : parent.children) if (c.trailing.endsWith("\r\n") || c.leading.contains("\r\n")) return true;
        return false;
    }

    /** Gives a generated node the file's CR LF line ends, so that the file keeps one kind of line end. */
    static void toCrlf(ConfNode n) {
        n.leading = crlf(n.leading);
        n.trailing = crlf(n.trailing);
        if (n.isBlock()) {
            n.beforeClose = crlf(n.beforeClose);
            for (ConfNode c : n.children) toCrlf(c);
        }
    }

    private static String crlf(String s) { return s.replaceAll("(?<!\r)\n", "\r\n"); }

    /** Gives a generated block and its children the indentation of where it goes. */
    private static void reindent(ConfNode block, String indent) {
        for (int i = 0; i < block.children.size(); i++) {
            ConfNode c = block.children.get(i);
            c.leading = (i == 0 ? "\n" : "") + indent + "  ";
        }
        block.beforeClose = block.children.isEmpty() ? "\n" + indent : indent;
    }

    /** Takes a node out with its line; comments before it stay, and so does one blank line where there was one. */
    static void remove(ConfNode parent, ConfNode n) {
        int i = parent.children.indexOf(n);
        boolean root = parent.tokens.isEmpty() && parent.header.isEmpty();
        boolean afterLineEnd = i == 0 ? root : parent.children.get(i - 1).trailing.endsWith("\n");
        String lead = n.leading;
        int nl = lead.lastIndexOf('\n');
        String keep = lead.substring(0, nl + 1);
        parent.children.remove(i);
        String next = i < parent.children.size() ? parent.children.get(i).leading : parent.beforeClose;
        if (nl < 0 && !n.trailing.endsWith("\n")) {
            keep = ""; // an inline node ("pool { failover peer "x"; range ...; }"): its leading space goes with it
        } else if (keep.isBlank()) {
            // the line end of an opening brace stays; blank lines go when the next node brings its own
            String lineEnd = afterLineEnd ? "" : "\n";
            boolean nextHasBlankLine = next.substring(0, next.length() - next.stripLeading().length()).contains("\n");
            if (nextHasBlankLine) keep = lineEnd;
        }
        if (i < parent.children.size()) {
            parent.children.get(i).leading = keep + parent.children.get(i).leading;
        } else {
            parent.beforeClose = keep + parent.beforeClose;
        }
    }
}
