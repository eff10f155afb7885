package tandem.isc;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a {@link ConfigChange} to a server so that dhcpd never runs a configuration it has not accepted:
 * <ol>
 * <li>every file to change must still say what the change was made from (else nothing is written);</li>
 * <li>the new files are uploaded next to the old ones ({@code FILE.tandem-new}) and checked with the server's
 *     validation command; when included files change, a check copy of the files that include them points at the
 *     new ones (same lines, so dhcpd's line numbers still hold);</li>
 * <li>a timestamped backup of each old file is kept ({@code FILE.tandem-YYYYMMDDTHHMMSSZ}), the new files are moved
 *     into place with {@code mv} (atomic within a folder), and dhcpd is restarted;</li>
 * <li>if validation fails nothing is replaced; if the restart fails the backups are put back and dhcpd restarted on
 *     them.</li>
 * </ol>
 * The lease file is never read or written.
 */
public final class SafeWrite {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    public sealed interface Result permits Applied, Conflict, Invalid, RestartFailed {
        String message();
    }

    /** Written and restarted; {@code backups} maps each replaced file to its backup. */
    public record Applied(Map<String, String> backups, String restartOutput) implements Result {
        public String message() {
            return "Applied: " + backups.size() + " file(s) replaced and dhcpd restarted; backups: " + String.join(", ", backups.values());
        }
    }

    /** A file changed on the server since it was read: read again and redo the edit. */
    public record Conflict(String file) implements Result {
        public String message() { return file + " changed on the server since it was read; nothing was written. Reload and try again."; }
    }

    /** The validation command refused the new configuration; nothing was replaced. */
    public record Invalid(List<ConfProblem> problems, String output) implements Result {
        public String message() {
            StringBuilder b = new StringBuilder("dhcpd refused the new configuration; nothing was replaced:");
            problems.forEach(p -> b.append("\n  ").append(p));
            return b.toString();
        }
    }

    /** The restart failed; the old files were put back ({@code restored}) and dhcpd restarted on them. */
    public record RestartFailed(String output, boolean restored, String restoreOutput) implements Result {
        public String message() {
            return "Restarting dhcpd failed" + (output.isBlank() ? "" : ": " + output) + (restored
                    ? "\nThe previous configuration was put back" + (restoreOutput.isBlank() ? " and dhcpd restarted." : ": " + restoreOutput)
                    : "\nPutting the previous configuration back failed too: " + restoreOutput);
        }
    }

    private final Shell ssh;
    private final String validateCommand;
    private final String restartCommand;
    private final Clock clock;

    /** {@code FILE} in {@code validateCommand} stands for the file to check. */
    public SafeWrite(Shell shell, String validateCommand, String restartCommand, Clock clock) {
        this.ssh = shell;
        this.validateCommand = validateCommand;
        this.restartCommand = restartCommand;
        this.clock = clock;
    }

    public static SafeWrite forServer(Shell shell, IscServerSettings settings, Clock clock) {
        return new SafeWrite(shell, settings.validateCommand(), settings.restartCommand(), clock);
    }

    /** Reads a configuration (the main file and its includes) where the shell is. */
    public static DhcpdConfig read(Shell shell, String configPath) throws IOException, ConfSyntaxException {
        return DhcpdConfig.read(configPath, shell::readFile);
    }

    public Result apply(DhcpdConfig before, ConfigChange change) throws IOException {
        if (change.isEmpty()) return new Applied(Map.of(), "");
        for (var e : change.before().entrySet()) {
            String now;
            try {
                now = ssh.readFile(e.getKey());
            } catch (java.nio.file.NoSuchFileException missing) {
                now = "";
            }
            if (!now.equals(e.getValue())) return new Conflict(e.getKey());
        }
        Set<String> changed = new LinkedHashSet<>(change.after().keySet());
        Map<String, String> staged = new LinkedHashMap<>();
        Map<String, String> checkCopies = checkCopies(before, change);
        List<String> temporary = new ArrayList<>();
        try {
            for (String f : changed) {
                String tmp = f + ".tandem-new";
                ssh.writeFile(tmp, change.after().get(f));
                run("if [ -e " + q(f) + " ]; then chmod --reference=" + q(f) + " " + q(tmp) + " && chown --reference=" + q(f)
                        + " " + q(tmp) + "; else chmod 644 " + q(tmp) + "; fi", "set the mode of " + tmp);
                staged.put(f, tmp);
                temporary.add(tmp);
            }
            for (var e : checkCopies.entrySet()) {
                ssh.writeFile(e.getKey() + ".tandem-check", e.getValue());
                temporary.add(e.getKey() + ".tandem-check");
            }
            String main = change.mainPath();
            String checkFile = checkCopies.containsKey(main) ? main + ".tandem-check"
                    : staged.containsKey(main) ? staged.get(main) : main;
            // relative includes are read relative to the main file's folder, as the console reads them
            String dir = java.nio.file.Path.of(main).getParent() == null ? "/" : java.nio.file.Path.of(main).getParent().toString();
            Shell.ExecResult v = ssh.exec("cd " + q(dir) + " && " + validateCommand.replace("FILE", q(checkFile)), null, true);
            if (!v.ok()) {
                DhcpdSyntaxCheck.Result parsed = DhcpdSyntaxCheck.parse(v.exitCode(), v.output());
                return new Invalid(realNames(parsed.problems()), v.output());
            }
            String stamp = STAMP.format(clock.instant());
            Map<String, String> backups = new LinkedHashMap<>();
            for (String f : changed) {
                String backup = f + ".tandem-" + stamp;
                Shell.ExecResult b = ssh.exec("if [ -e " + q(f) + " ]; then cp -p " + q(f) + " " + q(backup) + "; fi", null, true);
                if (!b.ok()) throw new IOException("cannot back up " + f + ": " + b.output());
                backups.put(f, backup);
            }
            // included files first, the main file last: dhcpd reads nothing until the restart anyway
            List<String> order = new ArrayList<>(changed);
            if (order.remove(main)) order.add(main);
            List<String> moved = new ArrayList<>();
            try {
                for (String f : order) {
                    run("mv -f " + q(staged.get(f)) + " " + q(f), "move " + staged.get(f) + " into place");
                    moved.add(f);
                }
            } catch (IOException e) {
                // all or nothing: the files already moved go back to what they were
                StringBuilder why = new StringBuilder(e.getMessage());
                if (!restore(moved, backups, why)) why.append("; putting the moved files back failed as well");
                throw new IOException(why.toString(), e);
            }
            temporary.removeAll(staged.values());
            Shell.ExecResult restart = ssh.exec(restartCommand, null, true);
            if (restart.ok()) return new Applied(backups, restart.output());
            StringBuilder restore = new StringBuilder();
            boolean restored = restore(order, backups, restore);
            if (restored) {
                Shell.ExecResult again = ssh.exec(restartCommand, null, true);
                if (!again.ok()) restore.append("dhcpd did not restart on the previous configuration either: ").append(again.output());
            }
            return new RestartFailed(restart.output(), restored, restore.toString().strip());
        } finally {
            for (String t : temporary) ssh.exec("rm -f " + q(t), null, true);
        }
    }

    /** Puts each file back from its backup (copied next to it, then moved: atomic); a file that was new goes. */
    private boolean restore(List<String> files, Map<String, String> backups, StringBuilder problems) throws IOException {
        boolean ok = true;
        for (String f : files) {
            String back = backups.get(f);
            String tmp = f + ".tandem-restore";
            Shell.ExecResult r = ssh.exec("if [ -e " + q(back) + " ]; then cp -p " + q(back) + " " + q(tmp) + " && mv -f " + q(tmp)
                    + " " + q(f) + "; else rm -f " + q(f) + "; fi", null, true);
            if (!r.ok()) {
                ok = false;
                problems.append(f).append(": ").append(r.output()).append('\n');
            }
        }
        return ok;
    }

    private void run(String command, String what) throws IOException {
        Shell.ExecResult r = ssh.exec(command, null, true);
        if (!r.ok()) throw new IOException("cannot " + what + " on " + ssh.where() + ": " + r.output());
    }

    /**
     * Check copies for the files that (directly or not) include a changed file: the new text with those include
     * statements pointing at the staged files.
     */
    static Map<String, String> checkCopies(DhcpdConfig before, ConfigChange change) {
        Map<String, String> texts = new LinkedHashMap<>(before.render());
        texts.putAll(change.after());
        Set<String> changed = change.after().keySet();
        Map<String, String> copies = new LinkedHashMap<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (String file : texts.keySet()) {
                if (copies.containsKey(file)) continue;
                String text = texts.get(file);
                String rewritten = text;
                for (String target : texts.keySet()) {
                    String replacement = copies.containsKey(target) ? target + ".tandem-check"
                            : changed.contains(target) ? target + ".tandem-new" : null;
                    if (replacement != null) rewritten = rewriteInclude(before.mainPath(), rewritten, target, replacement);
                }
                if (!rewritten.equals(text)) {
                    copies.put(file, rewritten);
                    grew = true;
                }
            }
        }
        return copies;
    }

    /** Rewrites {@code include "X";} lines naming {@code target} (as written, relative or absolute) to {@code replacement}. */
    private static String rewriteInclude(String mainPath, String text, String target, String replacement) {
        Pattern p = Pattern.compile("(include\\s+\")([^\"]*)(\")");
        Matcher m = p.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String named = m.group(2);
            String resolved = named.startsWith("/") ? named
                    : java.nio.file.Path.of(mainPath).getParent() == null ? named : java.nio.file.Path.of(mainPath).getParent().resolve(named).toString();
            String repl = resolved.equals(target) ? replacement : named;
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + repl + m.group(3)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** dhcpd names the staged and check files; the administrator knows the real ones. */
    private static List<ConfProblem> realNames(List<ConfProblem> problems) {
        return problems.stream().map(p -> p.file() == null ? p : new ConfProblem(
                p.file().replace(".tandem-check", "").replace(".tandem-new", ""), p.line(), p.severity(),
                p.message())).toList();
    }

    private static String q(String s) { return Shell.quote(s); }
}
