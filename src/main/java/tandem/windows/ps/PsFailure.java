package tandem.windows.ps;

import java.io.IOException;

/** A script that ran and reported an error: the server answered, the operation failed. */
public final class PsFailure extends IOException {
    private final transient PsError error;

    public PsFailure(PsError error) {
        super(error.describe());
        this.error = error;
    }

    public PsError error() { return error; }
}
