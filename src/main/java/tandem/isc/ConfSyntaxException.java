package tandem.isc;

/**
 * A dhcpd.conf that cannot be read, with the file and line where reading stopped (line 0: the file as a whole, e.g.
 * a main file that is too large). The only exception the parser's entry points throw for bad input, whatever the
 * input: syntax errors, nesting, size and include limits, include cycles, files that cannot be included.
 */
public final class ConfSyntaxException extends Exception {
    private final String file;
    private final int line;
    private final String reason;

    public ConfSyntaxException(String file, int line, String message) {
        super(file + (line > 0 ? " line " + line : "") + ": " + message);
        this.file = file;
        this.line = line;
        this.reason = message;
    }

    public String file() { return file; }

    public int line() { return line; }

    /** The message without the file and line. */
    public String reason() { return reason; }

    public ConfProblem toProblem() {
        return new ConfProblem(file, line, ConfProblem.Severity.ERROR, reason);
    }
}
