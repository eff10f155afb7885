package tandem.windows.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The character level of the simulator's PowerShell: blanks, comments, literals, variables, barewords. PowerShell
 * reads a token differently in expression and argument mode, so the parser asks for the kind it expects here.
 */
final class SimLexer {
    final String src;
    int at;

    SimLexer(String src) { this.src = src; }

    boolean atEnd() { return at >= src.length(); }

    char peek() { return at < src.length() ? src.charAt(at) : '\0'; }

    char peek(int ahead) { return at + ahead < src.length() ? src.charAt(at + ahead) : '\0'; }

    SimAst.Pos pos() { return new SimAst.Pos(at); }

    SimAst.Pos pos(int offset) { return new SimAst.Pos(offset); }

    /** Spaces, tabs, comments and backtick line continuations; not newlines. */
    void blanks() {
        while (!atEnd()) {
            char c = peek();
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f') at++;
            else if (c == '`' && (peek(1) == '\n' || peek(1) == '\r')) { at++; while (peek() == '\r') at++; at++; }
            else if (c == '#') { while (!atEnd() && peek() != '\n') at++; }
            else if (c == '<' && peek(1) == '#') throw error("Block comments are not supported.", "UnexpectedToken");
            else return;
        }
    }

    /** Blanks and newlines. */
    void blankLines() {
        blanks();
        while (peek() == '\n') { at++; blanks(); }
    }

    boolean eat(char c) {
        if (peek() != c) return false;
        at++;
        return true;
    }

    void expect(char c, String message, String id) {
        blanks();
        if (!eat(c)) throw error(message, id);
    }

    /** A keyword or operator word at the current position, not followed by an identifier character. */
    boolean word(String w) {
        if (!src.regionMatches(true, at, w, 0, w.length())) return false;
        char next = peek(w.length());
        if (Character.isLetterOrDigit(next) || next == '_' || next == '-') return false;
        at += w.length();
        return true;
    }

    static boolean identChar(char c) { return Character.isLetterOrDigit(c) || c == '_'; }

    String identifier() {
        int start = at;
        while (identChar(peek())) at++;
        if (start == at) throw error("Missing name.", "ExpectedValueExpression");
        return src.substring(start, at);
    }

    /** After '$': a variable name ({@code _} included); scoped or braced names are outside the subset. */
    String variable() {
        int start = at;
        while (identChar(peek())) at++;
        if (start == at) throw error("Variable reference is not valid. '$' was not followed by a valid variable name character.", "InvalidVariableReference");
        if (peek() == ':' && identChar(peek(1))) throw error("Scoped variables are not supported.", "InvalidVariableReference");
        return src.substring(start, at);
    }

    /** After the opening quote: {@code ''} stands for one quote. */
    /** PowerShell reads the typographic single quotes (U+2018 to U+201B) as the apostrophe. */
    static boolean isSingleQuote(char c) { return c == '\'' || (c >= '\u2018' && c <= '\u201B'); }

    String singleQuoted() {
        StringBuilder b = new StringBuilder();
        while (true) {
            if (atEnd()) throw error("The string is missing the terminator: '.", "TerminatorExpectedAtEndOfString");
            char c = src.charAt(at++);
            if (isSingleQuote(c)) {
                if (isSingleQuote(peek())) { at++; b.append(c); } else return b.toString();
            } else b.append(c);
        }
    }

    /** After the opening quote: text and {@link SimAst.Var} parts; backtick escapes and {@code ""}. */
    List<Object> doubleQuoted() {
        List<Object> parts = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        while (true) {
            if (atEnd()) throw error("The string is missing the terminator: \".", "TerminatorExpectedAtEndOfString");
            int here = at;
            char c = src.charAt(at++);
            if (c == '"') {
                if (peek() == '"') { at++; b.append('"'); continue; }
                if (b.length() > 0) parts.add(b.toString());
                return parts;
            }
            if (c == '`') {
                if (atEnd()) continue;
                char e = src.charAt(at++);
                b.append(switch (e) { case 'n' -> '\n'; case 'r' -> '\r'; case 't' -> '\t'; case '0' -> '\0'; case 'a' -> '\u0007';
                    case 'b' -> '\b'; case 'f' -> '\f'; case 'v' -> '\u000b'; default -> e; });
            } else if (c == '$' && (identChar(peek()))) {
                if (b.length() > 0) { parts.add(b.toString()); b.setLength(0); }
                parts.add(new SimAst.Var(variable(), pos(here)));
            } else if (c == '$' && (peek() == '(' || peek() == '{')) {
                throw error("Subexpressions in strings are not supported.", "UnexpectedToken");
            } else b.append(c);
        }
    }

    /** A number in expression mode, or null (position unchanged) when there is none. */
    Object number() {
        int start = at;
        if (peek() == '-') at++;
        if (!Character.isDigit(peek())) { at = start; return null; }
        while (Character.isDigit(peek())) at++;
        boolean decimal = false;
        if (peek() == '.' && Character.isDigit(peek(1))) {
            decimal = true;
            at++;
            while (Character.isDigit(peek())) at++;
        }
        if (identChar(peek()) || peek() == '.') { at = start; return null; }
        String text = src.substring(start, at);
        return decimal ? (Object) Double.parseDouble(text) : (Object) Long.parseLong(text);
    }

    /** A bareword argument: everything up to a blank or a character that ends an argument. */
    String bareword() {
        int start = at;
        while (!atEnd() && " \t\r\n;|,(){}\"'`$@&".indexOf(peek()) < 0) at++;
        return src.substring(start, at);
    }

    /** {@code [TypeName]} after the '['. */
    String typeName() {
        int start = at;
        while (identChar(peek()) || peek() == '.') at++;
        String name = src.substring(start, at);
        if (name.isEmpty() || peek() != ']') throw error("Unexpected token in type name.", "EndSquareBracketExpectedAtEndOfAttribute");
        at++;
        return name;
    }

    SimError error(String message) { return error(message, "UnexpectedToken"); }

    SimError error(String message, String id) { return parseError(src, at, message, id); }

    static SimError parseError(String src, int offset, String message, String id) {
        int lineStart = src.lastIndexOf('\n', Math.max(0, Math.min(offset, src.length()) - 1)) + 1;
        int lineEnd = src.indexOf('\n', lineStart);
        String line = src.substring(lineStart, lineEnd < 0 ? src.length() : lineEnd).replace("\r", "");
        int col = Math.min(offset, src.length()) - lineStart;
        int lineNo = (int) src.substring(0, lineStart).chars().filter(ch -> ch == '\n').count() + 1;
        String text = "At line:" + lineNo + " char:" + (col + 1) + "\r\n+ " + line + "\r\n+ " + " ".repeat(col) + "~\r\n" + message;
        return new SimError(text, id, "ParserError", SimError.PARSE);
    }
}
