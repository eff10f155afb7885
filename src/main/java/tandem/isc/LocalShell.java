package tandem.isc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Commands on this machine through {@code sh -c}, for configuration files the console edits locally. */
public final class LocalShell implements Shell {
    private final Duration timeout;

    public LocalShell(Duration timeout) { this.timeout = timeout; }

    @Override
    public ExecResult exec(String command, byte[] stdin, boolean privileged) throws IOException {
        Process p = new ProcessBuilder("sh", "-c", command).start();
        CompletableFuture<byte[]> out = read(p.getInputStream());
        CompletableFuture<byte[]> err = read(p.getErrorStream());
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) in.write(stdin);
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("the command did not finish within " + timeout.toSeconds() + " s: " + command);
            }
            byte[] stdout = out.join();
            return new ExecResult(p.exitValue(), new String(stdout, StandardCharsets.UTF_8), new String(err.join(), StandardCharsets.UTF_8), stdout);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static CompletableFuture<byte[]> read(InputStream s) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return s.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
    }

    @Override public String where() { return "this machine"; }
}
