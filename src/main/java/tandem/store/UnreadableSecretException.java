package tandem.store;

/** A stored secret cannot be decrypted: the key changed, or the value was damaged. Never carries the secret. */
public final class UnreadableSecretException extends RuntimeException {
    public UnreadableSecretException(String message, Throwable cause) {
        super(message, cause);
    }

    public UnreadableSecretException(String message) {
        super(message);
    }
}
