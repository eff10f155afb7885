package tandem.isc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import tandem.services.Services;
import tandem.cli.TandemCommand;

/**
 * A {@code tandem} command in a process of its own, started by {@link ConcurrentWriteTest}: {@code READY GO ARGS...}
 * makes READY, waits (at most 90 s) for GO so that every process of a test starts its command at the same moment,
 * then runs {@code tandem ARGS...} and exits with its exit code.
 */
public final class CliProcess {
    private CliProcess() {}

    public static void main(String[] args) throws Exception {
        Path ready = Path.of(args[0]);
        Path go = Path.of(args[1]);
        Files.createFile(ready);
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (!Files.exists(go)) {
            if (System.nanoTime() > deadline) {
                System.err.println("never told to go");
                System.exit(99);
            }
            Thread.sleep(5);
        }
        int code = TandemCommand.run(Arrays.copyOfRange(args, 2, args.length), d -> {
            throw new IllegalStateException("no console in a test process");
        }, Services::open, tandem.app.Launcher.backendCommands());
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }
}
