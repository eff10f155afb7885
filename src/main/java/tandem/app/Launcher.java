package tandem.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import tandem.cli.BackendCommands;
import tandem.cli.TandemCommand;
import tandem.cli.isc.IscCommands;
import tandem.cli.kea.KeaCommands;
import tandem.cli.windows.WindowsCommands;
import tandem.services.Services;
import tandem.store.DataDirectory;

/**
 * Entry point of the jar and the installed launchers: with a command it runs the command line, without one it
 * opens the console. Kept free of JavaFX types so the command line starts without loading the toolkit.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        // The log goes to the data folder; its location must be known before the first logger exists.
        String data = dataOption(args);
        // a blank --data is refused by the command line; it must not create the default folder meanwhile
        if (data == null || !data.isBlank()) {
            try {
                Path dir = DataDirectory.locate(data, System.getenv(), System.getProperty("os.name", ""),
                        Path.of(System.getProperty("user.home", ".")));
                System.setProperty("tandem.log.dir", DataDirectory.prepareLog(dir).toString());
            } catch (IOException | RuntimeException e) {
                // an unusable --data is reported by the command line itself; the log then goes to the temporary folder
            }
        }
        int code = TandemCommand.run(args, Launcher::openConsole, ConsoleApp::open, Services::open, backendCommands());
        System.exit(code);
    }

    private static void openConsole(Path dataDir) {
        ConsoleApp.open(dataDir);
    }

    /** The value of --data among the global options, or null. */
    static String dataOption(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data") && i + 1 < args.length) return args[i + 1];
            if (args[i].startsWith("--data=")) return args[i].substring("--data=".length());
            if (!args[i].startsWith("-")) break;
        }
        return null;
    }

    /** Each backend's part of the command line, registered once. */
    public static List<BackendCommands> backendCommands() {
        return List.of(new KeaCommands(), new IscCommands(), new WindowsCommands());
    }
}
