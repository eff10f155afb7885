package tandem.isc;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads dhcpd.conf text (held as bytes, see {@link ConfText}) into nodes without losing a byte. It knows dhcpd's
 * lexical rules (words, quoted strings with backslash escapes, {@code #} comments to the end of the line,
 * {@code ; { } ,}) and the statement/block structure, including the braces of an option's record type
 * ({@code option foo code 1 = { boolean, unsigned integer 8 };}), which belong to the statement and open no block.
 * What the statements mean is read later, by {@link DhcpdConfig}. Bad input ends in a {@link ConfSyntaxException}
 * and nothing else; nesting and size are bounded by {@link ConfLimits}.
 */
final class ConfParser {
    private final String file;
    private final String text;
    private final ConfLimits limits;
    private int pos;
    private int line = 1;

    private ConfParser(String file, String text, ConfLimits limits) {
        this.file = file;
        this.text = text;
        this.limits = limits;
    }

    /** Returns the top-level nodes; {@code trailingOut[0]} receives the text after the last node. */
    static List<ConfNode> parse(String file, String text, String[] trailingOut, ConfLimits limits) throws ConfSyntaxException {
        ConfParser p = new ConfParser(file, text, limits);
        List<ConfNode> nodes = p.body(0, 0);
        trailingOut[0] = p.lastTrivia;
        return nodes;
    }

    /** Tokens of a header written by the console (never fails: the console writes well-formed headers). */
    static List<ConfToken> tokenize(String header) {
        ConfParser p = new ConfParser("(generated)", header, new ConfLimits());
        List<ConfToken> out = new ArrayList<>();
        try {
            while (true) {
                p.skipTrivia();
                ConfToken t = p.next();
                if (t.kind() == ConfToken.Kind.EOF) return out;
                out.add(t);
            }
        } catch (ConfSyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private String lastTrivia = "";

    private List<ConfNode> body(int depth, int openLine) throws ConfSyntaxException {
        List<ConfNode> nodes = new ArrayList<>();
        while (true) {
            int triviaStart = pos;
            skipTrivia();
            lastTrivia = text.substring(triviaStart, pos);
            if (pos >= text.length()) {
                if (depth > 0) throw error(openLine, "this '{' is never closed (the file ends at line " + line + ")");
                return nodes;
            }
            if (text.charAt(pos) == '}') {
                if (depth == 0) throw error(line, "unexpected '}': no block is open");
                return nodes;
            }
            String leading = lastTrivia;
            int headerStart = pos;
            int nodeLine = line;
            List<ConfToken> tokens = new ArrayList<>();
            ConfNode node = null;
            count(nodeLine);
            while (node == null) {
                int before = pos;
                skipTrivia();
                ConfToken t = next();
                switch (t.kind()) {
                    case WORD, STRING, COMMA -> {
                        count(t.line());
                        tokens.add(t);
                    }
                    case SEMICOLON -> {
                        node = new ConfNode(leading, text.substring(headerStart, pos - 1), tokens, null, null, null, nodeLine);
                    }
                    case OPEN -> {
                        if (isRecordType(tokens)) {
                            recordType(t, tokens);
                            continue;
                        }
                        String header = text.substring(headerStart, pos - 1);
                        int open = t.line();
                        if (depth + 1 > ConfLimits.MAX_DEPTH) {
                            throw error(open, "blocks are nested more than " + ConfLimits.MAX_DEPTH + " deep");
                        }
                        List<ConfNode> kids = body(depth + 1, open);
                        String beforeClose = lastTrivia;
                        pos++; // the '}' body() stopped at
                        node = new ConfNode(leading, header, tokens, kids, beforeClose, null, nodeLine);
                    }
                    case CLOSE, EOF -> {
                        pos = before;
                        throw error(tokens.isEmpty() ? t.line() : tokens.get(tokens.size() - 1).line(),
                                "semicolon expected after '" + words(tokens) + "'");
                    }
                    default -> throw new IllegalStateException();
                }
            }
            node.trailing = restOfLine();
            nodes.add(node);
        }
    }

    /** {@code option NAME code N = {}: the brace opens the option's record type, not a block. */
    private static boolean isRecordType(List<ConfToken> tokens) {
        return tokens.size() >= 2 && tokens.get(0).is("option") && tokens.get(tokens.size() - 1).kind() == ConfToken.Kind.WORD
                && tokens.get(tokens.size() - 1).text().endsWith("=");
    }

    /** The fields of a record type up to its closing brace, kept as tokens of the statement. */
    private void recordType(ConfToken open, List<ConfToken> tokens) throws ConfSyntaxException {
        tokens.add(open);
        while (true) {
            skipTrivia();
            ConfToken t = next();
            switch (t.kind()) {
                case WORD, STRING, COMMA -> {
                    count(t.line());
                    tokens.add(t);
                }
                case CLOSE -> {
                    tokens.add(t);
                    return;
                }
                default -> throw error(open.line(), "the record type opened by this '{' is not closed by '}'");
            }
        }
    }

    private void count(int atLine) throws ConfSyntaxException {
        if (!limits.addItem()) {
            throw error(atLine, "the configuration has more than " + ConfLimits.MAX_ITEMS + " statements and words");
        }
    }

    private static String words(List<ConfToken> tokens) {
        StringBuilder b = new StringBuilder();
        for (ConfToken t : tokens) b.append(b.length() == 0 ? "" : " ").append(t.text());
        String shown = ConfText.toUnicode(b.toString());
        return shown.length() > 60 ? shown.substring(0, 57) + "..." : shown;
    }

    /** Spaces, an optional comment and the newline that end the line of a node: they belong to it. */
    private String restOfLine() {
        int start = pos;
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) pos++;
        if (pos < text.length() && text.charAt(pos) == '#') {
            while (pos < text.length() && text.charAt(pos) != '\n') pos++;
        }
        if (pos < text.length() && text.charAt(pos) == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') pos++;
        if (pos < text.length() && text.charAt(pos) == '\n') {
            pos++;
            line++;
        } else if (pos < text.length() && text.charAt(pos) != '#') {
            // another node follows on the same line: leave the spaces to it
            pos = start;
        }
        return text.substring(start, pos);
    }

    private void skipTrivia() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (isSpace(c)) {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') pos++;
            } else {
                return;
            }
        }
    }

    private ConfToken next() throws ConfSyntaxException {
        if (pos >= text.length()) return new ConfToken(ConfToken.Kind.EOF, "", line);
        char c = text.charAt(pos);
        int start = pos;
        switch (c) {
            case ';': pos++; return new ConfToken(ConfToken.Kind.SEMICOLON, ";", line);
            case '{': pos++; return new ConfToken(ConfToken.Kind.OPEN, "{", line);
            case '}': pos++; return new ConfToken(ConfToken.Kind.CLOSE, "}", line);
            case ',': pos++; return new ConfToken(ConfToken.Kind.COMMA, ",", line);
            case '"': {
                int startLine = line;
                pos++;
                while (pos < text.length() && text.charAt(pos) != '"') {
                    if (text.charAt(pos) == '\\') pos++;
                    else if (text.charAt(pos) == '\n') line++;
                    pos++;
                }
                if (pos >= text.length()) throw error(startLine, "unterminated string");
                pos++;
                return new ConfToken(ConfToken.Kind.STRING, text.substring(start, pos), startLine);
            }
            default: {
                while (pos < text.length()) {
                    char d = text.charAt(pos);
                    if (isSpace(d) || d == ';' || d == '{' || d == '}' || d == ',' || d == '"' || d == '#') break;
                    pos++;
                }
                return new ConfToken(ConfToken.Kind.WORD, text.substring(start, pos), line);
            }
        }
    }

    /** dhcpd's white space (C isspace): no other byte separates words, whatever it means in some encoding. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    private ConfSyntaxException error(int atLine, String message) {
        return new ConfSyntaxException(file, atLine, message);
    }
}
