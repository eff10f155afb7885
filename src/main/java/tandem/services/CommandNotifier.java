package tandem.services;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.StatusEvent;

/**
 * Hands each status change to an administrator's command (mail, chat, a pager): the change as JSON on its standard
 * input, and the main fields in environment variables. Commands run one at a time, in order, off the poller's
 * thread; one that overruns its time is killed, so a hung script never holds up later changes.
 */
public final class CommandNotifier implements Consumer<StatusEvent>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CommandNotifier.class);
    /** Changes waiting for the command; beyond this (a command far slower than changes come) the newest are dropped. */
    private static final int QUEUE = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String command;
    private final Duration timeout;
    private final Consumer<String> problems;
    private final ThreadPoolExecutor runner;

    /** @param problems where to say that a command failed, timed out or changes were dropped */
    public CommandNotifier(String command, Duration timeout, Consumer<String> problems) {
        this.command = command;
        this.timeout = timeout;
        this.problems = problems;
        this.runner = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "tandem-notify-command");
            t.setDaemon(true);
            return t;
        }, (r, pool) -> problems.accept("Notification dropped: the notify command is " + QUEUE + " changes behind"));
    }

    @Override public void accept(StatusEvent event) {
        if (!runner.isShutdown()) runner.execute(() -> run(event));
    }

    /** The JSON a command reads: time, relationship, from (null at first sight), to, reason. */
    static String json(StatusEvent e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("time", e.at().toString());
        o.put("relationship", e.relationship());
        o.put("from", e.from() == null ? null : e.from().name());
        o.put("to", e.to().name());
        o.put("toLabel", e.to().label());
        o.put("reason", e.reason());
        return o.toString();
    }

    private void run(StatusEvent event) {
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
        ProcessBuilder pb = new ProcessBuilder(windows ? List.of("cmd.exe", "/c", command) : List.of("/bin/sh", "-c",
                command));
        pb.environment().put("TANDEM_RELATIONSHIP", event.relationship());
        pb.environment().put("TANDEM_FROM", event.from() == null ? "" : event.from().name());
        pb.environment().put("TANDEM_TO", event.to().name());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            problems.accept("The notify command cannot be started: " + e.getMessage());
            return;
        }
        try (OutputStream in = p.getOutputStream()) {
            in.write((json(event) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the command need not read its input
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                problems.accept("The notify command for " + event.relationship() + " ran longer than "
                        + timeout.toSeconds() + " s and was stopped");
            } else if (p.exitValue() != 0) {
                problems.accept("The notify command for " + event.relationship() + " exited " + p.exitValue());
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Lets queued notifications finish, for at most one command's time each way. */
    @Override public void close() {
        runner.shutdown();
        try {
            if (!runner.awaitTermination(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)) runner.shutdownNow();
        } catch (InterruptedException e) {
            runner.shutdownNow();
            Thread.currentThread().interrupt();
        }
        log.debug("Notify command runner stopped");
    }
}
