package tandem.ssh;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/**
 * Collects a command's output up to a limit: what is beyond it is dropped and {@link #exceeded()} says so, so a
 * runaway command (e.g. {@code cat} of a device) costs a clear error, not the console's memory.
 */
public final class BoundedOutput extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final int limit;
    private volatile boolean exceeded;
    private volatile Runnable onExceeded = () -> { };

    public BoundedOutput(int limit) { this.limit = limit; }

    /** What to do once, when the limit is passed: stop the command rather than read on. */
    public BoundedOutput onExceeded(Runnable action) {
        this.onExceeded = action;
        return this;
    }

    private void exceed() {
        if (exceeded) return;
        exceeded = true;
        onExceeded.run();
    }

    @Override
    public synchronized void write(int b) {
        if (bytes.size() >= limit) {
            exceed();
            return;
        }
        bytes.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int room = limit - bytes.size();
        bytes.write(b, off, Math.max(0, Math.min(len, room)));
        if (len > room) exceed();
    }

    public boolean exceeded() { return exceeded; }

    public synchronized byte[] toByteArray() { return bytes.toByteArray(); }

    /** The message for a command whose output went over the limit. */
    public static String tooLong(String what, int limit, String command) {
        String size = limit >= 1024 * 1024 ? (limit / (1024 * 1024)) + " MiB" : limit + " bytes";
        return "the " + what + " of a command on the server went over " + size + "; it was stopped: " + command;
    }
}
