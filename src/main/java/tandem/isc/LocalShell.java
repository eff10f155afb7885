package tandem.isc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tandem.ssh.BoundedOutput;

/** Commands on this machine through {@code sh -c}, for configuration files the console edits locally. */
public final class LocalShell implements Shell {
    private final Duration timeout;

    public LocalShell(Duration timeout) { this.timeout = timeout; }

    @Override
    public ExecResult exec(String command, byte[] stdin, boolean privileged) throws IOException {
        Process p = new ProcessBuilder("sh", "-c", command).start();
        BoundedOutput outBuf = new BoundedOutput(MAX_STDOUT).onExceeded(p::destroyForcibly);
        BoundedOutput errBuf = new BoundedOutput(MAX_STDERR).onExceeded(p::destroyForcibly);
        CompletableFuture<byte[]> out = read(p.getInputStream(), outBuf);
        CompletableFuture<byte[]> err = read(p.getErrorStream(), errBuf);
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) in.write(stdin);
        } catch (IOException e) {
            // a command that stops reading early closes its stdin; its outcome says why
            if (p.isAlive()) throw e;
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("the command did not finish within " + timeout.toSeconds() + " s: " + command);
            }
            byte[] o = out.join(), e = err.join();
            if (outBuf.exceeded()) throw new IOException(BoundedOutput.tooLong("output", MAX_STDOUT, command));
            if (errBuf.exceeded()) throw new IOException(BoundedOutput.tooLong("error output", MAX_STDERR, command));
            return new ExecResult(p.exitValue(), new String(o, StandardCharsets.UTF_8), new String(e, StandardCharsets.UTF_8), o);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static CompletableFuture<byte[]> read(InputStream s, BoundedOutput into) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                s.transferTo(into);
            } catch (IOException e) {
                // the process was stopped; what was read is kept
            }
            return into.toByteArray();
        });
    }

    @Override public String where() { return "this machine"; }
}
