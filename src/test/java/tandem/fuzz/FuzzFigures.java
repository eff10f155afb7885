package tandem.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts a fuzz target's inputs and crashing inputs, and reports them at the end of the run: one "fuzz summary" line
 * on standard output and, when the system property {@code tandem.fuzz.summary} names a file (the fuzz profile sets
 * it), appended there. The clock starts at the first input, so Jazzer's start-up does not lower the rate.
 */
public final class FuzzFigures {
    /** One input's work; it may throw whatever the target under test throws. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    private final String target;
    private final AtomicLong inputs = new AtomicLong();
    private final AtomicLong crashes = new AtomicLong();
    private volatile long firstNanos;

    public FuzzFigures(String target) {
        this.target = target;
    }

    /** Runs one input, counting it and (when it throws) counting it as a crash before passing the failure on. */
    public void run(Body body) throws Exception {
        if (inputs.getAndIncrement() == 0) firstNanos = System.nanoTime();
        try {
            body.run();
        } catch (Exception | Error e) {
            crashes.incrementAndGet();
            throw e;
        }
    }

    public long inputs() { return inputs.get(); }

    public long crashes() { return crashes.get(); }

    /** Prints (and appends to the summary file, if one is asked for) this run's figures. */
    public String report() {
        long n = inputs.get();
        double seconds = n == 0 ? 0 : (System.nanoTime() - firstNanos) / 1e9;
        String line = String.format(Locale.ROOT, "fuzz summary: %s: %d inputs in %.0f s, %.0f inputs/s, %d crashing inputs (%s, %d CPUs)",
                target, n, seconds, seconds > 0 ? n / seconds : 0.0, crashes.get(),
                "true".equals(System.getenv("JAZZER_FUZZ")) || "1".equals(System.getenv("JAZZER_FUZZ")) ? "fuzzing" : "regression",
                Runtime.getRuntime().availableProcessors());
        System.out.println(line);
        String file = System.getProperty("tandem.fuzz.summary");
        if (file != null && !file.isBlank()) {
            try {
                Path p = Path.of(file);
                if (p.getParent() != null) Files.createDirectories(p.getParent());
                Files.writeString(p, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return line;
    }
}
