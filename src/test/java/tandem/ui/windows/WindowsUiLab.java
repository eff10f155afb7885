package tandem.ui.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.ImportResult;
import tandem.services.Services;
import tandem.ssh.SshTarget;
import tandem.windows.WindowsServerSettings;
import tandem.windows.sim.WindowsLab;

/** Simulated Windows servers in a data folder's inventory, for the console's tests. */
public final class WindowsUiLab {
    private WindowsUiLab() {}

    /** How the console logs in to a simulated server, its host key trusted. */
    public static ConnectionSettings connection(WindowsLab lab, String name) {
        WindowsLab.Server s = lab.server(name);
        return WindowsServerSettings.of(new SshTarget(s.user(), s.host(), s.port()), s.password(), null)
                .toConnection(s.hostKeyFingerprint(), null);
    }

    /** Adds each server to the data folder's inventory under its own name, as the console does. */
    public static void add(Services services, WindowsLab lab, String... names) {
        for (String name : names) {
            ImportResult r = services.inventory().add(Backend.WINDOWS, name, connection(lab, name));
            assertInstanceOf(ImportResult.Accepted.class, r, r::toString);
            // as the console's Add Windows server does
            services.windowsChanges().partnerAdded(name);
        }
    }

    static void ps(WindowsLab lab, String server, String line) {
        var run = lab.ps(server, line);
        assertEquals(0, run.exitCode(), line + ": " + run.stdout() + run.stderr());
    }

    static Path data(Path dir) { return dir.resolve("data"); }
}
