package tandem.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tandem.services.Services;

/** One run of the command line in the test's JVM: its exit code and what it printed. */
public record CliRun(int code, String out, String err) {
    /** {@code tandem --data DIR ARGS...} */
    public static CliRun in(Path dataDir, String... args) {
        return with(List.of("--data", dataDir.toString()), args);
    }

    /** {@code tandem OPTIONS... ARGS...}; a test fails if the command would open the console. */
    public static CliRun with(List<String> options, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of(args));
        int code = TandemCommand.run(all.toArray(String[]::new), dir -> fail("the console must not open for a command"),
                Services::open, tandem.app.Launcher.backendCommands(), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }
}
