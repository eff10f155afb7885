package tandem.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Tandem keeps its data: an explicit {@code --data DIR} wins, then {@code TANDEM_HOME}, then the platform's
 * usual place for application data. The folder is created (owner-only) when missing.
 */
public final class DataDirectory {
    public static final String ENV_HOME = "TANDEM_HOME";

    private DataDirectory() {}

    /** Resolves against this process's environment and creates the folder. */
    public static Path resolve(String explicitOrNull) {
        return resolve(explicitOrNull, System.getenv(), System.getProperty("os.name", ""),
                Path.of(System.getProperty("user.home", ".")));
    }

    /** Resolves against the given environment, operating system name and home folder, and creates the folder. */
    public static Path resolve(String explicitOrNull, Map<String, String> env, String osName, Path home) {
        Path dir = locate(explicitOrNull, env, osName, home);
        try {
            OwnerOnlyFiles.createDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folder " + dir, e);
        }
        return dir;
    }

    /**
     * Prepares the folder for the log before anything logs: created if missing, made private, and {@code tandem.log}
     * in it created owner-only. Returns the folder.
     */
    public static Path prepareLog(Path dir) throws IOException {
        OwnerOnlyFiles.createDirectory(dir);
        OwnerOnlyFiles.secure(dir);
        OwnerOnlyFiles.privateFile(dir.resolve("tandem.log"));
        return dir;
    }

    /** The folder the rules choose, without touching the file system. */
    public static Path locate(String explicitOrNull, Map<String, String> env, String osName, Path home) {
        if (present(explicitOrNull)) return expand(explicitOrNull.strip(), home);
        String tandemHome = env.get(ENV_HOME);
        if (present(tandemHome)) return expand(tandemHome.strip(), home);

        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            Path base = present(appData) ? Path.of(appData.strip()) : home.resolve("AppData").resolve("Roaming");
            return base.resolve("Tandem").toAbsolutePath().normalize();
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return home.resolve("Library").resolve("Application Support").resolve("Tandem").toAbsolutePath().normalize();
        }
        // The XDG base directory specification says a relative XDG_DATA_HOME is invalid and must be ignored.
        String xdg = env.get("XDG_DATA_HOME");
        Path base = present(xdg) && Path.of(xdg.strip()).isAbsolute()
                ? Path.of(xdg.strip())
                : home.resolve(".local").resolve("share");
        return base.resolve("tandem").toAbsolutePath().normalize();
    }

    private static boolean present(String s) { return s != null && !s.isBlank(); }

    /** A leading ~ is expanded because values from configuration files and service units never see a shell. */
    private static Path expand(String raw, Path home) {
        Path p;
        if (raw.equals("~")) p = home;
        else if (raw.startsWith("~/") || raw.startsWith("~\\")) p = home.resolve(raw.substring(2));
        else p = Path.of(raw);
        return p.toAbsolutePath().normalize();
    }
}
