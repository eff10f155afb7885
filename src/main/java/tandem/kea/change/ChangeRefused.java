package tandem.kea.change;

/** A change that cannot be made, with the input it concerns (e.g. "ip") so a form can show it at that field. */
public final class ChangeRefused extends RuntimeException {
    private final String field;

    public ChangeRefused(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() { return field; }
}
