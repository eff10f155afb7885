package tandem.cli.windows;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tandem.cli.TandemCommand;
import tandem.services.Services;
import tandem.windows.sim.WindowsLab;

/** Runs {@code tandem} commands on one data folder against a Windows DHCP simulator lab, for the tests. */
final class WindowsCli {
    record Run(int code, String out, String err) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(out);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + out + err, e);
            }
        }

        @Override public String toString() { return "exit " + code + "\n" + out + err; }
    }

    private final Path data;
    private final WindowsLab lab;

    WindowsCli(Path data, WindowsLab lab) {
        this.data = data;
        this.lab = lab;
    }

    Run tandem(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--data", data.toString()));
        all.addAll(List.of(args));
        int code = TandemCommand.run(all.toArray(String[]::new), d -> fail("no console for a command"), Services::open,
                tandem.app.Launcher.backendCommands(), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /** {@code tandem server add windows} for a simulated server, under its own name, its host key accepted. */
    Run add(String name) {
        WindowsLab.Server s = lab.server(name);
        return tandem("server", "add", "windows", "--ssh", s.login(), "--password-file", s.passwordFile().toString(),
                "--accept-host-key", s.hostKeyFingerprint(), "--name", name);
    }
}
