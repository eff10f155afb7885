package tandem.windows.ps;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How a script reaches PowerShell through Windows' default SSH shell, cmd.exe: as
 * {@code powershell.exe -NoProfile -NonInteractive -EncodedCommand <base64 of UTF-16LE>}, which needs no quoting.
 * cmd.exe refuses lines over 8191 characters and encoding costs ~2.7 characters per script character, so a longer
 * script travels on stdin (base64 of UTF-8) behind a short encoded bootstrap that decodes and runs it. Never
 * {@code -Command -}: it reads stdin like an interactive prompt (incomplete statements dropped, exit 0 on parse errors).
 */
public final class PsCommandLine {
    public static final String PREFIX = "powershell.exe -NoProfile -NonInteractive -EncodedCommand ";
    /** The longest command line sent; cmd.exe's own limit is 8191. */
    public static final int MAX_LINE = 7000;
    /** Reads the script from stdin and runs it. */
    public static final String STDIN_BOOTSTRAP = "$s=[Console]::In.ReadToEnd(); "
            + "& ([ScriptBlock]::Create([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($s))))";

    /** What to send: the command line and, for a long script, its stdin (else null). */
    public record Invocation(String commandLine, byte[] stdin) {
        public boolean viaStdin() { return stdin != null; }

        /** Not the line: it encodes the script, which may hold a secret. */
        @Override public String toString() {
            return "powershell.exe -EncodedCommand (" + commandLine.length() + " characters" + (viaStdin() ? ", script on stdin)" : ")");
        }
    }

    private PsCommandLine() {}

    public static Invocation of(String script) {
        String line = PREFIX + encode(script);
        if (line.length() <= MAX_LINE) return new Invocation(line, null);
        byte[] stdin = Base64.getEncoder().encode(script.getBytes(StandardCharsets.UTF_8));
        return new Invocation(PREFIX + encode(STDIN_BOOTSTRAP), stdin);
    }

    /** {@code -EncodedCommand}'s form: base64 of the UTF-16LE bytes. */
    public static String encode(String script) {
        return Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
    }
}
