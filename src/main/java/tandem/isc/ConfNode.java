package tandem.isc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One statement ({@code header;}) or block ({@code header { children }}) of a dhcpd.conf, holding every byte around
 * it so that an untouched node renders exactly as it was read: the whitespace and comments before it, the header
 * as written, and the rest of its last line (spaces, a comment, the newline) after it.
 */
public final class ConfNode {
    String leading;
    String header;
    List<ConfToken> tokens;
    /** Null for a statement. */
    List<ConfNode> children;
    /** Whitespace and comments between the last child and the closing brace. */
    String beforeClose;
    String trailing;
    int line;

    ConfNode(String leading, String header, List<ConfToken> tokens, List<ConfNode> children, String beforeClose,
             String trailing, int line) {
        this.leading = leading;
        this.header = header;
        this.tokens = tokens;
        this.children = children;
        this.beforeClose = beforeClose;
        this.trailing = trailing;
        this.line = line;
    }

    /** A new statement, e.g. {@code statement("  ", "range 10.0.0.1 10.0.0.9")}: one line of its own. */
    static ConfNode statement(String indent, String text) {
        String held = ConfText.fromUnicode(text);
        return new ConfNode(indent, held, ConfParser.tokenize(held), null, null, "\n", 0);
    }

    /** A new block with its children indented two spaces deeper than {@code indent}. */
    static ConfNode block(String indent, String headerUnicode, List<String> childStatements) {
        String headerText = ConfText.fromUnicode(headerUnicode);
        List<ConfNode> kids = new ArrayList<>();
        for (String s : childStatements) kids.add(statement(indent + "  ", s));
        if (kids.isEmpty()) return new ConfNode(indent, headerText + " ", ConfParser.tokenize(headerText), kids, "\n" + indent, "\n", 0);
        kids.get(0).leading = "\n" + kids.get(0).leading;
        return new ConfNode(indent, headerText + " ", ConfParser.tokenize(headerText), kids, indent, "\n", 0);
    }

    public boolean isBlock() { return children != null; }

    /** The first word, lower case ("subnet", "pool", "failover", "option", ...); empty for an empty statement. */
    public String keyword() { return tokens.isEmpty() ? "" : tokens.get(0).text().toLowerCase(Locale.ROOT); }

    /** 1-based line of the node's first token in its file (0 for a node not read from a file). */
    public int line() { return line; }

    /** The header's words as written, normalised to single spaces, e.g. {@code subnet 10.0.0.0 netmask 255.255.255.0}. */
    public String headerWords() {
        StringBuilder b = new StringBuilder();
        for (ConfToken t : tokens) {
            if (b.length() > 0 && t.kind() != ConfToken.Kind.COMMA) b.append(' ');
            b.append(t.text());
        }
        return ConfText.toUnicode(b.toString());
    }

    List<ConfNode> children() { return children; }

    /** Whether the header starts with these words (case-insensitive), e.g. {@code startsWith("failover", "peer")}. */
    boolean startsWith(String... words) {
        if (tokens.size() < words.length) return false;
        for (int i = 0; i < words.length; i++) if (!tokens.get(i).is(words[i])) return false;
        return true;
    }

    /** The indentation this node's line starts with. */
    String indent() {
        int nl = leading.lastIndexOf('\n');
        String tail = leading.substring(nl + 1);
        return tail.isBlank() ? tail : "";
    }

    /** Replaces the header with generated (Unicode) text, keeping everything around it. */
    void setHeader(String unicode) {
        String text = ConfText.fromUnicode(unicode);
        // keep the spacing the administrator put before the ';' or '{'
        String tail = header.substring(header.stripTrailing().length());
        this.header = text + (isBlock() && tail.isEmpty() ? " " : tail);
        this.tokens = ConfParser.tokenize(text);
    }

    void render(StringBuilder out) {
        out.append(leading).append(header);
        if (children == null) {
            out.append(';');
        } else {
            out.append('{');
            for (ConfNode c : children) c.render(out);
            out.append(beforeClose).append('}');
        }
        out.append(trailing);
    }

    @Override public String toString() {
        StringBuilder b = new StringBuilder();
        render(b);
        return b.toString();
    }
}
