package tandem.windows.ps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PsCommandLineTest {
    /** The example of Microsoft's about_PowerShell_exe page for -EncodedCommand. */
    @Test
    void encodesAsBase64OfUtf16Le() {
        assertEquals("ZABpAHIAIAAiAGMAOgBcAHAAcgBvAGcAcgBhAG0AIABmAGkAbABlAHMAIgAgAA==",
                PsCommandLine.encode("dir \"c:\\program files\" "));
        assertEquals("6QCsIA==", PsCommandLine.encode("é€"));
    }

    @Test
    void aShortScriptIsTheEncodedCommandItself() {
        PsCommandLine.Invocation call = PsCommandLine.of("Get-Date");
        assertEquals("powershell.exe -NoProfile -NonInteractive -EncodedCommand RwBlAHQALQBEAGEAdABlAA==", call.commandLine());
        assertNull(call.stdin());
        assertFalse(call.viaStdin());
    }

    @Test
    void aLongScriptTravelsOnStdinBehindAnEncodedBootstrap() {
        String script = "$data = '" + "x".repeat(5000) + "'\n# ünïcødé\n";
        PsCommandLine.Invocation call = PsCommandLine.of(script);
        assertTrue(call.viaStdin());
        assertEquals(PsCommandLine.PREFIX + PsCommandLine.encode(PsCommandLine.STDIN_BOOTSTRAP), call.commandLine());
        assertEquals(script, new String(Base64.getDecoder().decode(call.stdin()), StandardCharsets.UTF_8));
        String bootstrap = new String(Base64.getDecoder().decode(call.commandLine().substring(PsCommandLine.PREFIX.length())),
                StandardCharsets.UTF_16LE);
        assertTrue(bootstrap.contains("[Console]::In.ReadToEnd()"), bootstrap);
        assertFalse(call.commandLine().contains("-Command -"));
    }

    @Test
    void theCommandLineStaysUnderCmdExesLimitAtEveryLength() {
        for (int n = 0; n <= 20_000; n += 37) {
            PsCommandLine.Invocation call = PsCommandLine.of("#".repeat(n));
            assertTrue(call.commandLine().length() <= PsCommandLine.MAX_LINE, n + ": " + call.commandLine().length());
            assertTrue(call.commandLine().length() < 8191);
        }
        // the switch happens where the encoded line would pass the limit, not before
        int longestInline = (PsCommandLine.MAX_LINE - PsCommandLine.PREFIX.length()) / 4 * 3 / 2;
        assertFalse(PsCommandLine.of("#".repeat(longestInline)).viaStdin());
        assertTrue(PsCommandLine.of("#".repeat(longestInline + 3)).viaStdin());
    }

    @Test
    void neverShowsTheScriptInItsDescription() {
        PsCommandLine.Invocation call = PsCommandLine.of("$x = 'hunter2'");
        assertFalse(call.toString().contains(PsCommandLine.encode("$x = 'hunter2'")), call.toString());
    }
}
