package tandem.isc;

/** A dhcpd.conf that cannot be read, with the file and line where reading stopped. */
public final class ConfSyntaxException extends Exception {
    private final String file;
    private final int line;

    public ConfSyntaxException(String file, int line, String message) {
        super(file + " line " + line + ": " + message);
        this.file = file;
        this.line = line;
    }

    public String file() { return file; }

    public int line() { return line; }

    public ConfProblem toProblem() {
        String m = getMessage();
        return new ConfProblem(file, line, ConfProblem.Severity.ERROR, m.substring(m.indexOf(": ") + 2));
    }
}
