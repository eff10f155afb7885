package tandem.core.access;

/** A change the signed-in user may not make; nothing was sent. */
public final class PermissionDenied extends RuntimeException {
    private final transient Need need;

    public PermissionDenied(String message, Need need) {
        super(message);
        this.need = need;
    }

    /** The first need the user lacks. */
    public Need need() { return need; }
}
