package tandem.core.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DesktopThemeTest {
    /** Answers each command by its first word; records what was asked. */
    private static final class Commands implements Function<List<String>, Optional<String>> {
        final Map<String, String> answers;
        final List<List<String>> asked = new ArrayList<>();

        Commands(Map<String, String> answers) { this.answers = answers; }

        @Override public Optional<String> apply(List<String> command) {
            asked.add(command);
            return Optional.ofNullable(answers.get(command.get(0)));
        }
    }

    private static DesktopTheme on(String os, Map<String, String> env, Commands commands) {
        return new DesktopTheme(os, env::get, commands);
    }

    @Test
    void gnomeSaysPreferDarkInQuotes() {
        assertTrue(DesktopTheme.gnomeIsDark("'prefer-dark'\n"));
        assertFalse(DesktopTheme.gnomeIsDark("'default'\n"));
        assertFalse(DesktopTheme.gnomeIsDark("'prefer-light'"));
        assertFalse(DesktopTheme.gnomeIsDark(""));
    }

    @Test
    void gtkThemeNamesTheDarkVariantAfterAColon() {
        assertTrue(DesktopTheme.gtkThemeIsDark("Adwaita:dark"));
        assertFalse(DesktopTheme.gtkThemeIsDark("Adwaita"));
        assertFalse(DesktopTheme.gtkThemeIsDark("Adwaita-dark-ish:light"));
        assertFalse(DesktopTheme.gtkThemeIsDark(null));
    }

    @Test
    void macPrintsDarkOnlyInDarkMode() {
        assertTrue(DesktopTheme.macIsDark("Dark\n"));
        assertFalse(DesktopTheme.macIsDark("Light"));
        assertFalse(DesktopTheme.macIsDark(null));
    }

    @Test
    void windowsAppsUseLightThemeZeroIsDark() {
        String dark = "\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize\r\n"
                + "    AppsUseLightTheme    REG_DWORD    0x0\r\n\r\n";
        assertTrue(DesktopTheme.windowsIsDark(dark));
        assertFalse(DesktopTheme.windowsIsDark(dark.replace("0x0", "0x1")));
        assertFalse(DesktopTheme.windowsIsDark("ERROR: The system was unable to find the specified registry key"));
        assertFalse(DesktopTheme.windowsIsDark(dark.replace("0x0", "zero")));
    }

    @Test
    void eachOsIsAskedItsOwnWay() {
        Commands linux = new Commands(Map.of("gsettings", "'prefer-dark'\n"));
        assertTrue(on("Linux", Map.of(), linux).desktopIsDark());
        assertEquals(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme"), linux.asked.get(0));

        Commands none = new Commands(Map.of());
        assertTrue(on("Linux", Map.of("GTK_THEME", "Adwaita:dark"), none).desktopIsDark());
        assertTrue(none.asked.isEmpty(), "GTK_THEME decides without a program");

        Commands mac = new Commands(Map.of("defaults", "Dark\n"));
        assertTrue(on("Mac OS X", Map.of(), mac).desktopIsDark());
        assertEquals("AppleInterfaceStyle", mac.asked.get(0).get(3));

        Commands win = new Commands(Map.of("reg", "    AppsUseLightTheme    REG_DWORD    0x0\n"));
        assertTrue(on("Windows 11", Map.of(), win).desktopIsDark());
        assertEquals("AppsUseLightTheme", win.asked.get(0).get(4));
    }

    @Test
    void aMissingToolOrTimeoutMeansLight() {
        assertFalse(on("Linux", Map.of(), new Commands(Map.of())).desktopIsDark());
        assertFalse(on("Mac OS X", Map.of(), new Commands(Map.of())).desktopIsDark());
        assertFalse(on("Windows 10", Map.of(), new Commands(Map.of())).desktopIsDark());
    }

    @Test
    void aChosenThemeIsNotAskedAbout() {
        Commands dark = new Commands(Map.of("gsettings", "'prefer-dark'"));
        DesktopTheme theme = on("Linux", Map.of(), dark);
        assertFalse(theme.dark(DesktopTheme.Choice.LIGHT));
        assertTrue(theme.dark(DesktopTheme.Choice.DARK));
        assertTrue(dark.asked.isEmpty());
        assertTrue(theme.dark(DesktopTheme.Choice.DESKTOP));
    }

    @Test
    void storedChoicesReadBackAndAnythingElseFollowsTheDesktop() {
        assertEquals(DesktopTheme.Choice.DARK, DesktopTheme.Choice.parse("DARK"));
        assertEquals(DesktopTheme.Choice.LIGHT, DesktopTheme.Choice.parse(" light "));
        assertEquals(DesktopTheme.Choice.DESKTOP, DesktopTheme.Choice.parse("purple"));
        assertEquals(DesktopTheme.Choice.DESKTOP, DesktopTheme.Choice.parse(null));
    }

    @Test
    void aProgramThatIsMissingAnswersNothingInsteadOfThrowing() {
        assertEquals(Optional.empty(), DesktopTheme.output(List.of("tandem-no-such-program-xyz")));
    }

    @Test
    void aProgramThatHangsIsCutOffAtTheTimeout() {
        long start = System.nanoTime();
        assertEquals(Optional.empty(), DesktopTheme.output(List.of("sleep", "20")));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < DesktopTheme.TIMEOUT.toMillis() + 2500, "took " + ms + " ms");
    }
}
