package tandem.isc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code dhcpd -t} says about a configuration. dhcpd prints its banner and then errors as
 * {@code FILE line N: message} followed by the offending line and a caret; this keeps the errors and the lines
 * without a file position that explain a failure (e.g. "bad range, address ... not in subnet ...").
 */
public final class DhcpdSyntaxCheck {
    private static final Pattern AT_LINE = Pattern.compile("^(.+?) line (\\d+): (.*)$");

    /** The outcome: {@code ok} is dhcpd's exit code 0; {@code problems} are its messages, with lines when it gave them. */
    public record Result(boolean ok, List<ConfProblem> problems, String output) {}

    private DhcpdSyntaxCheck() {}

    /** Where dhcpd is on this machine, or null. */
    public static Path findDhcpd() {
        for (String dir : List.of("/usr/sbin", "/usr/local/sbin", "/sbin", "/usr/bin")) {
            Path p = Path.of(dir, "dhcpd");
            if (Files.isExecutable(p)) return p;
        }
        String path = System.getenv("PATH");
        if (path != null) for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, "dhcpd");
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    /** Runs {@code dhcpd -t -4 -cf FILE} in the file's folder (so relative includes resolve as the console reads them). */
    public static Result run(Path dhcpd, Path configFile) throws IOException {
        Path dir = configFile.toAbsolutePath().getParent();
        ProcessBuilder pb = new ProcessBuilder(dhcpd.toString(), "-t", "-4", "-cf", configFile.toAbsolutePath().toString())
                .directory(dir.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        try {
            // dhcpd repeats the offending line as the file has it: shown as UTF-8 when it is, else byte per character
            String out = ConfText.toUnicode(ConfText.fromBytes(p.getInputStream().readAllBytes()));
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("dhcpd -t did not finish within 30 s");
            }
            return parse(p.exitValue(), out);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Reads dhcpd's output; public so a check run elsewhere (over SSH) is read the same way. */
    public static Result parse(int exitCode, String output) {
        List<ConfProblem> problems = new ArrayList<>();
        String[] lines = output.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            Matcher m = AT_LINE.matcher(l);
            if (m.matches()) {
                String msg = m.group(3);
                // dhcpd repeats the offending line under the message; keep it, it is what the administrator sees
                if (i + 1 < lines.length && !AT_LINE.matcher(lines[i + 1]).matches() && !lines[i + 1].isBlank()
                        && !isBoilerplate(lines[i + 1])) {
                    msg = msg + " [" + lines[i + 1].strip() + "]";
                    i++;
                    if (i + 1 < lines.length && lines[i + 1].strip().equals("^")) i++;
                }
                problems.add(new ConfProblem(m.group(1), Integer.parseInt(m.group(2)), ConfProblem.Severity.ERROR, msg));
            } else if (exitCode != 0 && !l.isBlank() && !isBoilerplate(l) && !l.strip().equals("^")) {
                problems.add(new ConfProblem(null, 0, ConfProblem.Severity.ERROR, l.strip()));
            }
        }
        if (exitCode != 0 && problems.isEmpty()) problems.add(new ConfProblem(null, 0, ConfProblem.Severity.ERROR,
                "dhcpd -t failed (exit " + exitCode + ") without a message"));
        return new Result(exitCode == 0, List.copyOf(problems), output);
    }

    private static boolean isBoilerplate(String l) {
        String s = l.strip();
        return s.startsWith("Internet Systems Consortium") || s.startsWith("Copyright") || s.startsWith("All rights reserved")
                || s.startsWith("For info, please visit") || s.startsWith("Config file:") || s.startsWith("Database file:")
                || s.startsWith("PID file:") || s.startsWith("Configuration file errors encountered")
                || s.startsWith("If you think you have received") || s.startsWith("than a configuration issue")
                || s.startsWith("bugs on either our web page") || s.startsWith("before submitting a bug")
                || s.startsWith("process and the information") || s.equals("exiting.") || s.startsWith("ldap_")
                || s.startsWith("Wrote ") || s.startsWith("Source compiled to use binary-leases");
    }
}
