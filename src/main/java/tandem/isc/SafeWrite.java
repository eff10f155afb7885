package tandem.isc;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
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
 * <li>the lock on the server ({@link ServerLock}, {@code FILE.tandem-lock}) is taken, waiting a bounded time; it
 *     holds every other writer off until the write is over, whatever console or data folder it comes from;</li>
 * <li>every file to change must still say what the change was made from (else nothing is written);</li>
 * <li>the new files are uploaded next to the old ones ({@code FILE.tandem-new-TOKEN}, a name of this write alone)
 *     and checked with the server's validation command; when included files change, a check copy of the files
 *     that include them points at the new ones (same lines, so dhcpd's line numbers still hold);</li>
 * <li>a timestamped backup of each old file is kept ({@code FILE.tandem-YYYYMMDDTHHMMSSZ}); each file is moved
 *     into place with {@code mv} (atomic within a folder) in the same command that checks it still equals its
 *     backup, and dhcpd is restarted;</li>
 * <li>if validation fails nothing is replaced; if the restart fails the backups are put back and dhcpd restarted on
 *     them.</li>
 * </ol>
 * Staged and check files are removed whatever happens, and the lock is let go. The lease file is never read or
 * written.
 */
public final class SafeWrite {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** How long a write waits for another writer's lock on the server by default. */
    public static final Duration LOCK_WAIT = Duration.ofSeconds(60);
    private static final Pattern STAGED = Pattern.compile("\\.tandem-(?:check|new)-[0-9a-f]+");
    /** The exit code of a move whose file changed since it was checked. */
    private static final int CHANGED = 3;

    public sealed interface Result permits Applied, Conflict, Invalid, RestartFailed, Busy {
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

    /** Another writer held the server's lock on the file for the whole wait; nothing was written. */
    public record Busy(String file, String holder, String since) implements Result {
        public String message() {
            return file + " is being changed by " + holder + (since == null ? "" : " since " + since)
                    + "; nothing was written. Try again once it is done.";
        }
    }

    /** The connection or a command failed once files were being moved into place: the files may be changed. */
    public static final class MayHaveWritten extends IOException {
        public MayHaveWritten(String message, Throwable cause) { super(message, cause); }
    }

    private final Shell ssh;
    private final String validateCommand;
    private final String restartCommand;
    private final Clock clock;
    private final String owner;
    private final Duration lockWait;

    /** {@code FILE} in {@code validateCommand} stands for the file to check. */
    public SafeWrite(Shell shell, String validateCommand, String restartCommand, Clock clock) {
        this(shell, validateCommand, restartCommand, clock, "tandem", LOCK_WAIT);
    }

    /**
     * @param owner    this process as another writer is told it, e.g. "tandem isc peer add" or "the console"
     * @param lockWait how long to wait for another writer's lock on the server
     */
    public SafeWrite(Shell shell, String validateCommand, String restartCommand, Clock clock, String owner, Duration lockWait) {
        this.ssh = shell;
        this.validateCommand = validateCommand;
        this.restartCommand = restartCommand;
        this.clock = clock;
        this.owner = owner;
        this.lockWait = lockWait;
    }

    /** Reads a configuration (the main file and its includes) where the shell is. */
    public static DhcpdConfig read(Shell shell, String configPath) throws IOException, ConfSyntaxException {
        return DhcpdConfig.read(configPath, shell::readFile);
    }

    public Result apply(DhcpdConfig before, ConfigChange change) throws IOException {
        if (change.isEmpty()) return new Applied(Map.of(), "");
        String token = ServerLock.newToken();
        ServerLock lock;
        try {
            lock = ServerLock.acquire(ssh, change.mainPath(), token, owner, lockWait, folders(before, change));
        } catch (ServerLock.Busy busy) {
            ServerLock.Holder h = busy.holder;
            return new Busy(change.mainPath(), h == null ? "another writer" : h.describe(), h == null ? null : h.since());
        }
        IOException failure = null;
        try {
            return applyLocked(before, change, lock);
        } catch (IOException e) {
            failure = e;
            throw e;
        } finally {
            try {
                lock.close();
            } catch (IOException e) {
                // left behind, the lock is taken over once its owner is gone; the write's own outcome comes first
                if (failure != null) failure.addSuppressed(e);
            }
        }
    }

    private Result applyLocked(DhcpdConfig before, ConfigChange change, ServerLock lock) throws IOException {
        String token = lock.token();
        for (var e : change.before().entrySet()) {
            if (!readOrEmpty(e.getKey()).equals(e.getValue())) return new Conflict(e.getKey());
        }
        Set<String> changed = new LinkedHashSet<>(change.after().keySet());
        Map<String, String> staged = new LinkedHashMap<>();
        Map<String, String> checkCopies = checkCopies(before, change, token);
        List<String> temporary = new ArrayList<>();
        Map<String, String> backups = new LinkedHashMap<>();
        boolean written = false;
        try {
            for (String f : changed) {
                String tmp = f + ".tandem-new-" + token;
                temporary.add(tmp);
                // written readable by its owner only, then given the mode and owner of the file it replaces
                run("umask 077 && cat > " + q(tmp) + " && if [ -e " + q(f) + " ]; then chmod --reference=" + q(f) + " "
                        + q(tmp) + " && chown --reference=" + q(f) + " " + q(tmp) + "; else chmod 644 " + q(tmp) + "; fi",
                        change.after().get(f), "write " + tmp);
                staged.put(f, tmp);
            }
            for (var e : checkCopies.entrySet()) {
                String copy = e.getKey() + ".tandem-check-" + token;
                temporary.add(copy);
                ssh.writeFile(copy, e.getValue());
            }
            String main = change.mainPath();
            String checkFile = checkCopies.containsKey(main) ? main + ".tandem-check-" + token
                    : staged.containsKey(main) ? staged.get(main) : main;
            // relative includes are read relative to the main file's folder, as the console reads them
            String dir = java.nio.file.Path.of(main).getParent() == null ? "/" : java.nio.file.Path.of(main).getParent().toString();
            Shell.ExecResult v = ssh.exec(refresh(lock) + "cd " + q(dir) + " && " + validateCommand.replace("FILE", q(checkFile)), null, true);
            if (!v.ok()) {
                DhcpdSyntaxCheck.Result parsed = DhcpdSyntaxCheck.parse(v.exitCode(), v.output());
                return new Invalid(realNames(parsed.problems()), v.output());
            }
            String stamp = STAMP.format(clock.instant());
            for (String f : changed) {
                // a name not yet taken: two writes within one second keep both backups
                String backup = f + ".tandem-" + stamp;
                Shell.ExecResult b = ssh.exec("f=" + q(f) + "; b=" + q(backup) + "; n=1; while [ -e \"$b\" ]; do n=$((n+1));"
                        + " b=" + q(backup) + "-$n; done; if [ -e \"$f\" ]; then cp -p \"$f\" \"$b\" && echo \"$b\"; fi", null, true);
                if (!b.ok()) throw new IOException("cannot back up " + f + ": " + b.output());
                backups.put(f, b.stdout().strip().isEmpty() ? null : b.stdout().strip());
            }
            // the backups are what is replaced: each must still say what the change was made from
            for (String f : changed) {
                String was = backups.get(f) == null ? "" : readOrEmpty(backups.get(f));
                if (!was.equals(change.before().getOrDefault(f, ""))) {
                    removeBackups(backups);
                    return new Conflict(f);
                }
            }
            // included files first, the main file last: dhcpd reads nothing until the restart anyway
            List<String> order = new ArrayList<>(changed);
            if (order.remove(main)) order.add(main);
            List<String> moved = new ArrayList<>();
            written = true;
            for (String f : order) {
                Shell.ExecResult m = ssh.exec(unchangedSince(f, backups.get(f)) + " || exit " + CHANGED + "; mv -f "
                        + q(staged.get(f)) + " " + q(f), null, true);
                if (m.ok()) {
                    moved.add(f);
                    continue;
                }
                // all or nothing: the files already moved go back to what they were
                StringBuilder why = new StringBuilder();
                boolean restored = restore(moved, backups, token, why);
                if (restored) written = false;
                if (m.exitCode() == CHANGED && restored) {
                    removeBackups(backups);
                    return new Conflict(f);
                }
                String problem = "cannot move " + staged.get(f) + " into place on " + ssh.where() + ": " + m.output()
                        + (restored ? "" : "; putting the moved files back failed as well: " + why.toString().strip());
                throw restored ? new IOException(problem) : new MayHaveWritten(problem, null);
            }
            temporary.removeAll(staged.values());
            Shell.ExecResult restart = ssh.exec(refresh(lock) + restartCommand, null, true);
            if (restart.ok()) return new Applied(withoutNew(backups), restart.output());
            StringBuilder restore = new StringBuilder();
            boolean restored = restore(order, backups, token, restore);
            if (restored) {
                Shell.ExecResult again = ssh.exec(restartCommand, null, true);
                if (!again.ok()) restore.append("dhcpd did not restart on the previous configuration either: ").append(again.output());
            }
            return new RestartFailed(restart.output(), restored, restore.toString().strip());
        } catch (MayHaveWritten e) {
            throw e;
        } catch (IOException e) {
            if (written) throw new MayHaveWritten(e.getMessage(), e);
            throw e;
        } finally {
            if (!temporary.isEmpty()) {
                try {
                    ssh.exec("rm -f " + String.join(" ", temporary.stream().map(SafeWrite::q).toList()), null, true);
                } catch (IOException e) {
                    // the next writer that finds this one's lock gone removes its files by their token
                }
            }
        }
    }

    /** A shell test that a file still equals its backup (or, for a new file, still does not exist). */
    private static String unchangedSince(String file, String backup) {
        return backup == null ? "[ ! -e " + q(file) + " ]" : "cmp -s " + q(file) + " " + q(backup);
    }

    /** Touches the lock's owner file first: a holder in a long step is not taken for gone. */
    private static String refresh(ServerLock lock) {
        return "touch " + q(lock.ownerFile()) + " 2>/dev/null; ";
    }

    private String readOrEmpty(String path) throws IOException {
        try {
            return ssh.readFile(path);
        } catch (java.nio.file.NoSuchFileException missing) {
            return "";
        }
    }

    private void removeBackups(Map<String, String> backups) throws IOException {
        for (String b : backups.values()) if (b != null) ssh.exec("rm -f " + q(b), null, true);
    }

    /** Files that were new have no backup; the result names only the files that were replaced. */
    private static Map<String, String> withoutNew(Map<String, String> backups) {
        Map<String, String> out = new LinkedHashMap<>();
        backups.forEach((f, b) -> { if (b != null) out.put(f, b); });
        return out;
    }

    /** The folders of every file of the configuration: where a write's temporary files are made. */
    private static List<String> folders(DhcpdConfig before, ConfigChange change) {
        Set<String> dirs = new LinkedHashSet<>();
        List<String> files = new ArrayList<>(change.after().keySet());
        if (before != null) files.addAll(before.files());
        for (String f : files) {
            java.nio.file.Path parent = java.nio.file.Path.of(f).getParent();
            dirs.add(parent == null ? "/" : parent.toString());
        }
        return List.copyOf(dirs);
    }

    /** Puts each file back from its backup (copied next to it, then moved: atomic); a file that was new goes. */
    private boolean restore(List<String> files, Map<String, String> backups, String token, StringBuilder problems) {
        boolean ok = true;
        for (String f : files) {
            String back = backups.get(f);
            String tmp = f + ".tandem-restore-" + token;
            String command = back == null ? "rm -f " + q(f)
                    : "cp -p " + q(back) + " " + q(tmp) + " && mv -f " + q(tmp) + " " + q(f) + " || { rm -f " + q(tmp) + "; exit 1; }";
            try {
                Shell.ExecResult r = ssh.exec(command, null, true);
                if (!r.ok()) {
                    ok = false;
                    problems.append(f).append(": ").append(r.output()).append('\n');
                }
            } catch (IOException e) {
                ok = false;
                problems.append(f).append(": ").append(e.getMessage()).append('\n');
            }
        }
        return ok;
    }

    /** Runs a command with held text (a file's bytes, see {@link ConfText}) as its input. */
    private void run(String command, String stdin, String what) throws IOException {
        Shell.ExecResult r = ssh.exec(command, ConfText.toBytes(stdin), true);
        if (!r.ok()) throw new IOException("cannot " + what + " on " + ssh.where() + ": " + r.output());
    }

    /**
     * Check copies for the files that (directly or not) include a changed file: the new text with those include
     * statements pointing at the staged files; {@code token} names this write's staged and check files.
     */
    static Map<String, String> checkCopies(DhcpdConfig before, ConfigChange change, String token) {
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
                    String replacement = copies.containsKey(target) ? target + ".tandem-check-" + token
                            : changed.contains(target) ? target + ".tandem-new-" + token : null;
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
                STAGED.matcher(p.file()).replaceAll(""), p.line(), p.severity(),
                p.message())).toList();
    }

    private static String q(String s) { return Shell.quote(s); }
}
