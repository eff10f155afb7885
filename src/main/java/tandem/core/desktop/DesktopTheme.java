package tandem.core.desktop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Whether the desktop is set to a dark appearance. JavaFX 21 cannot tell, so each OS is asked the way its own
 * settings store it; every question is bounded by a short timeout, and anything unclear means light.
 */
public final class DesktopTheme {
    /** What the console's appearance follows, as the Preferences dialog and the View menu offer it. */
    public enum Choice {
        DESKTOP("Follow the desktop"), LIGHT("Light"), DARK("Dark");

        private final String label;

        Choice(String label) { this.label = label; }

        public String label() { return label; }

        /** The stored name back to a choice; anything unknown follows the desktop. */
        public static Choice parse(String stored) {
            if (stored != null) {
                for (Choice c : values()) if (c.name().equalsIgnoreCase(stored.trim())) return c;
            }
            return DESKTOP;
        }
    }

    static final Duration TIMEOUT = Duration.ofMillis(1500);

    private final String os;
    private final Function<String, String> env;
    private final Function<List<String>, Optional<String>> run;

    /**
     * @param os  the os.name system property
     * @param env the environment
     * @param run runs a command and returns its standard output, empty when it failed or took too long
     */
    DesktopTheme(String os, Function<String, String> env, Function<List<String>, Optional<String>> run) {
        this.os = os == null ? "" : os.toLowerCase(Locale.ROOT);
        this.env = env;
        this.run = run;
    }

    public static DesktopTheme system() {
        return new DesktopTheme(System.getProperty("os.name"), System::getenv, DesktopTheme::output);
    }

    /** Whether the choice comes out dark on this desktop. */
    public boolean dark(Choice choice) {
        return switch (choice) {
            case LIGHT -> false;
            case DARK -> true;
            case DESKTOP -> desktopIsDark();
        };
    }

    /** Asks the OS; may take up to the timeout, so not on the FX thread when it matters. */
    public boolean desktopIsDark() {
        if (os.startsWith("mac")) {
            return run.apply(List.of("defaults", "read", "-g", "AppleInterfaceStyle")).map(DesktopTheme::macIsDark)
                    .orElse(false);
        }
        if (os.startsWith("windows")) {
            return run.apply(List.of("reg", "query",
                            "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize", "/v",
                            "AppsUseLightTheme"))
                    .map(DesktopTheme::windowsIsDark).orElse(false);
        }
        if (gtkThemeIsDark(env.apply("GTK_THEME"))) return true;
        return run.apply(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme"))
                .map(DesktopTheme::gnomeIsDark).orElse(false);
    }

    /** {@code 'prefer-dark'} from gsettings; {@code 'default'} and {@code 'prefer-light'} are light. */
    static boolean gnomeIsDark(String out) {
        return out != null && out.trim().replace("'", "").equalsIgnoreCase("prefer-dark");
    }

    /** GTK_THEME names a theme and, after a colon, a variant: {@code Adwaita:dark}. */
    static boolean gtkThemeIsDark(String value) {
        return value != null && value.trim().toLowerCase(Locale.ROOT).endsWith(":dark");
    }

    /** {@code defaults read -g AppleInterfaceStyle} prints Dark in dark mode and fails in light mode. */
    static boolean macIsDark(String out) {
        return out != null && out.trim().equalsIgnoreCase("dark");
    }

    /** {@code reg query} prints {@code AppsUseLightTheme    REG_DWORD    0x0} when apps are dark. */
    static boolean windowsIsDark(String out) {
        if (out == null) return false;
        for (String line : out.split("\\R")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 3 && parts[0].equalsIgnoreCase("AppsUseLightTheme")
                    && parts[1].equalsIgnoreCase("REG_DWORD")) {
                try {
                    return Long.decode(parts[2]) == 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }

    /** The command's standard output when it ends in time with status 0. */
    static Optional<String> output(List<String> command) {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // the tool is not on this desktop
        }
        try (InputStream in = p.getInputStream()) {
            if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            String out = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
            return p.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            p.destroyForcibly();
            return Optional.empty();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
