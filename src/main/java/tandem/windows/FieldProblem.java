package tandem.windows;

/**
 * Why one field of a failover request cannot be sent, named as the command line names it ({@code NAME},
 * {@code --partner}, {@code --scope}...), so the console can mark the field and the command line can quote its
 * option.
 */
public record FieldProblem(String field, String message) {
    @Override public String toString() { return field + ": " + message; }
}
