package tandem.isc;

/** Something wrong (or doubtful) in a configuration, at a file and line (0 when dhcpd gave no line). */
public record ConfProblem(String file, int line, Severity severity, String message) {
    public enum Severity { ERROR, WARNING }

    @Override public String toString() {
        return (file == null ? "" : file + (line > 0 ? " line " + line : "") + ": ")
                + (severity == Severity.WARNING ? "warning: " : "") + message;
    }
}
