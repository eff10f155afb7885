package tandem.core.change;

/** Another writer holds what a change needs, and did not let go within the wait; nothing was changed. */
public final class ChangeBlocked extends RuntimeException {
    private final String holder;

    public ChangeBlocked(String message, String holder) {
        super(message);
        this.holder = holder;
    }

    /** The holder as a person reads it. */
    public String holder() { return holder; }
}
