package tandem.isc;

/** One token of dhcpd.conf; {@code text} is exactly as written (strings keep their quotes). */
record ConfToken(Kind kind, String text, int line) {
    enum Kind { WORD, STRING, SEMICOLON, OPEN, CLOSE, COMMA, EOF }

    /** The value for the console (see {@link ConfText#toUnicode}): a string without its quotes and escapes, anything else as written. */
    String value() {
        if (kind != Kind.STRING) return ConfText.toUnicode(text);
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() - 1) c = text.charAt(++i);
            b.append(c);
        }
        return ConfText.toUnicode(b.toString());
    }

    boolean is(String word) { return kind == Kind.WORD && text.equalsIgnoreCase(word); }
}
