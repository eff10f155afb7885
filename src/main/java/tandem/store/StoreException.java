package tandem.store;

/** The local store could not do what was asked; the ports do not declare checked exceptions. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
