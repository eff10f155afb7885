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
 * <li>a symbolic link is followed: the file it points to is written, the link stays;</li>
 * <li>the new files are uploaded next to the old ones ({@code FILE.tandem-new-TOKEN}, a name of this write alone)
 *     and checked with the server's validation command; when included files change, a check copy of the files
 *     that include them points at the new ones (same lines, so dhcpd's line numbers still hold);</li>
 * <li>a backup of each old file is kept ({@code FILE.tandem-YYYYMMDDTHHMMSSZ-ID}, ID of this write: two writes
 *     within a second keep two backups); just before each move ({@code mv}, atomic within a folder) the file is
 *     compared with its backup ({@code cmp}): a file edited meanwhile is not replaced;</li>
 * <li>dhcpd is restarted and checked to be running (the alive command, waited for a bounded time);</li>
 * <li>all or nothing: if validation fails nothing is replaced; if a move, the restart (a timeout included) or the
 *     alive check fails, every file already moved is put back from its backup and dhcpd restarted on them.</li>
 * </ol>
 * Staged and check files are removed whatever happens, and the lock is let go. The lease file is never read or
 * written. Every privileged step is one program with fixed arguments ({@link ServerFiles}), so sudo can be limited
 * to them. When a step fails and putting things back fails too, the first failure is the one reported; the
 * others are added to it ({@link Throwable#getSuppressed()}).
 */
public final class SafeWrite {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** How long a write waits for another writer's lock on the server by default. */
    public static final Duration LOCK_WAIT = Duration.ofSeconds(60);
    private static final Pattern STAGED = Pattern.compile("\\.tandem-(?:check|new)-[0-9a-f]+");
    /** How long dhcpd may take to be running after its restart. */
    static final Duration ALIVE_WAIT = Duration.ofSeconds(10);

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

    /**
     * The restart failed, timed out, or dhcpd was not running after it; the old files were put back
     * ({@code restored}) and dhcpd restarted on them.
     */
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
    private final String aliveCommand;
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
        this(shell, validateCommand, restartCommand, aliveCommandFor(restartCommand), clock, owner, lockWait);
    }

    /** @param aliveCommand succeeds while dhcpd runs (checked after the restart), or null for none */
    public SafeWrite(Shell shell, String validateCommand, String restartCommand, String aliveCommand, Clock clock,
                     String owner, Duration lockWait) {
        this.ssh = shell;
        this.validateCommand = validateCommand;
        this.restartCommand = restartCommand;
        this.aliveCommand = aliveCommand;
        this.clock = clock;
        this.owner = owner;
        this.lockWait = lockWait;
    }

    private static final Pattern SERVICE_MANAGER = Pattern.compile(
            "\\s*(?:systemctl\\s+(?:restart|try-restart|reload-or-restart|start)\\s+([\\w@.-]+)|service\\s+([\\w@.-]+)\\s+(?:restart|start))\\s*");

    /**
     * How to tell dhcpd runs, for a restart through the service manager ({@code systemctl restart UNIT}, whose
     * success does not mean the daemon stayed up); null for a restart command of the administrator's own, which
     * must fail itself when dhcpd does not come up.
     */
    public static String aliveCommandFor(String restartCommand) {
        Matcher m = SERVICE_MANAGER.matcher(restartCommand == null ? "" : restartCommand);
        if (!m.matches()) return null;
        return m.group(1) != null ? "systemctl is-active --quiet " + m.group(1) : "service " + m.group(2) + " status";
    }

    /** Reads a configuration (the main file and its includes) where the shell is. */
    public static DhcpdConfig read(Shell shell, String configPath) throws IOException, ConfSyntaxException {
        return DhcpdConfig.read(configPath, shell::readFile);
    }

    public Result apply(DhcpdConfig before, ConfigChange change) throws IOException {
        if (change.isEmpty()) return new Applied(Map.of(), "");
        String token = ServerLock.newToken();
        // the files really replaced: a symbolic link is followed, so the link stays and its target changes
        Map<String, String> real = new LinkedHashMap<>();
        for (String f : change.after().keySet()) real.put(f, ServerFiles.resolve(ssh, f));
        String lockOn = real.containsKey(change.mainPath()) ? real.get(change.mainPath()) : ServerFiles.resolve(ssh, change.mainPath());
        ServerLock lock;
        try {
            lock = ServerLock.acquire(ssh, lockOn, token, owner, lockWait, folders(before, change, real));
        } catch (ServerLock.Busy busy) {
            ServerLock.Holder h = busy.holder;
            return new Busy(change.mainPath(), h == null ? "another writer" : h.describe(), h == null ? null : h.since());
        }
        IOException failure = null;
        try {
            return applyLocked(before, change, real, lock);
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

    private Result applyLocked(DhcpdConfig before, ConfigChange change, Map<String, String> real, ServerLock lock)
            throws IOException {
        String token = lock.token();
        for (var e : change.before().entrySet()) {
            if (!readOrEmpty(e.getKey()).equals(e.getValue())) return new Conflict(e.getKey());
        }
        Set<String> changed = new LinkedHashSet<>(change.after().keySet());
        Map<String, String> staged = new LinkedHashMap<>();
        for (String f : changed) staged.put(f, real.get(f) + ".tandem-new-" + token);
        Map<String, String> checkCopies = checkCopies(before, change, token, staged);
        List<String> temporary = new ArrayList<>();
        Map<String, String> backups = new LinkedHashMap<>();
        List<String> moved = new ArrayList<>();
        IOException failure = null;
        try {
            for (String f : changed) {
                temporary.add(staged.get(f));
                // the mode, owner and group of the file it replaces (a secret-holding file stays private)
                ServerFiles.Stat st = ServerFiles.stat(ssh, real.get(f));
                ServerFiles.install(ssh, bytes(change.after().get(f)), staged.get(f), st == null ? "644" : st.mode(),
                        st == null ? null : st.uid(), st == null ? null : st.gid());
            }
            for (var e : checkCopies.entrySet()) {
                String copy = e.getKey() + ".tandem-check-" + token;
                temporary.add(copy);
                ServerFiles.install(ssh, bytes(e.getValue()), copy, "600", null, null);
            }
            String main = change.mainPath();
            String checkFile = checkCopies.containsKey(main) ? main + ".tandem-check-" + token
                    : staged.containsKey(main) ? staged.get(main) : main;
            // relative includes are read relative to the main file's folder, as the console reads them
            String dir = java.nio.file.Path.of(main).getParent() == null ? "/" : java.nio.file.Path.of(main).getParent().toString();
            lock.refresh();
            Shell.ExecResult v = runWithFile(dir, validateCommand, checkFile);
            if (!v.ok()) {
                DhcpdSyntaxCheck.Result parsed = DhcpdSyntaxCheck.parse(v.exitCode(), v.output());
                return new Invalid(realNames(parsed.problems()), v.output());
            }
            String stamp = STAMP.format(clock.instant()) + "-" + token.substring(0, 8);
            for (String f : changed) {
                if (ServerFiles.stat(ssh, real.get(f)) == null) continue;
                String backup = real.get(f) + ".tandem-" + stamp;
                Shell.ExecResult b = ssh.run(true, "cp", "-p", "--", real.get(f), backup);
                if (!b.ok()) throw new IOException("cannot back up " + f + " on " + ssh.where() + ": " + b.output());
                backups.put(f, backup);
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
            for (String f : order) {
                // compare-and-swap: the file is still its backup (a new one still absent) just before the move
                if (!unchanged(real.get(f), backups.get(f))) {
                    IOException restoreFailed = putBack(moved, real, backups, token);
                    if (restoreFailed != null) {
                        MayHaveWritten e = new MayHaveWritten(f + " changed on the server during the write; putting the"
                                + " files already moved back failed, the files may be changed", null);
                        e.addSuppressed(restoreFailed);
                        moved.clear();
                        throw e;
                    }
                    removeBackups(backups);
                    return new Conflict(f);
                }
                // a move that fails half-way (a lost connection) may have happened: it is put back as well
                moved.add(f);
                Shell.ExecResult m = ServerFiles.move(ssh, staged.get(f), real.get(f));
                if (!m.ok()) throw new IOException("cannot move " + staged.get(f) + " into place on " + ssh.where() + ": " + m.output());
            }
            temporary.removeAll(staged.values());
            lock.refresh();
            String problem;
            String restartOutput = "";
            try {
                Shell.ExecResult restart = ssh.runConfigured(null, restartCommand, true);
                restartOutput = restart.output();
                problem = restart.ok() ? notRunning() : restart.output();
            } catch (IOException e) {
                problem = e.getMessage();
            }
            if (problem == null) return new Applied(withoutNew(backups), restartOutput);
            return restartFailed(problem, order, real, backups, token, moved);
        } catch (MayHaveWritten e) {
            failure = e;
            throw e;
        } catch (IOException e) {
            failure = e;
            if (moved.isEmpty()) throw e;
            // all or nothing: what was moved goes back; the first failure is what is reported
            IOException restoreFailed = putBack(moved, real, backups, token);
            if (restoreFailed == null) throw e;
            MayHaveWritten reported = new MayHaveWritten(e.getMessage()
                    + "; putting the previous files back failed as well, the files may be changed", e);
            reported.addSuppressed(restoreFailed);
            failure = reported;
            throw reported;
        } finally {
            try {
                ServerFiles.remove(ssh, temporary);
            } catch (IOException e) {
                // the next writer that finds this one's lock gone removes its files by their token
                if (failure != null) failure.addSuppressed(e);
            }
        }
    }

    /** The restart or the alive check failed: the old files go back and dhcpd is restarted on them. */
    private Result restartFailed(String problem, List<String> order, Map<String, String> real, Map<String, String> backups,
                                 String token, List<String> moved) {
        IOException restoreFailed = putBack(order, real, backups, token);
        moved.clear();
        StringBuilder restore = new StringBuilder();
        if (restoreFailed == null) {
            try {
                Shell.ExecResult again = ssh.runConfigured(null, restartCommand, true);
                String down = again.ok() ? notRunning() : again.output();
                if (down != null) restore.append("dhcpd did not restart on the previous configuration either: ").append(down);
            } catch (IOException e) {
                restore.append("dhcpd did not restart on the previous configuration either: ").append(e.getMessage());
            }
        } else {
            restore.append(restoreFailed.getMessage());
        }
        return new RestartFailed(problem, restoreFailed == null, restore.toString().strip());
    }

    /**
     * Null when dhcpd runs after its restart: the alive command succeeds, and again a second later (a dhcpd that
     * stops on its configuration just after starting is caught); else why not, after at most {@link #ALIVE_WAIT}.
     */
    private String notRunning() throws IOException {
        if (aliveCommand == null) return null;
        long deadline = System.nanoTime() + ALIVE_WAIT.toNanos();
        int up = 0;
        Shell.ExecResult last = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            last = ssh.runConfigured(null, aliveCommand, false);
            up = last.ok() ? up + 1 : 0;
            if (up >= 2) return null;
            if (up == 0 && System.nanoTime() > deadline) break;
            pause(up == 1 ? 1000 : 500);
        }
        return "dhcpd was not running " + ALIVE_WAIT.toSeconds() + " s after the restart (" + aliveCommand + ")"
                + (last == null || last.output().isBlank() ? "" : ": " + last.output());
    }

    private static void pause(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for dhcpd");
        }
    }

    /** Runs a configured command with {@code FILE} standing for {@code file}, in {@code dir}, privileged. */
    private Shell.ExecResult runWithFile(String dir, String command, String file) throws IOException {
        List<String> words = Shell.plainWords(command);
        if (words != null) return ssh.run(dir, true, null, words.stream().map(w -> w.replace("FILE", file)).toList());
        return ssh.runConfigured(dir, command.replace("FILE", q(file)), true);
    }

    /** {@code cmp -s} with the backup (a new file: still absent): nobody changed the file since it was checked. */
    private boolean unchanged(String file, String backup) throws IOException {
        if (backup == null) return ServerFiles.stat(ssh, file) == null;
        Shell.ExecResult r = ssh.run(true, "cmp", "-s", "--", file, backup);
        if (r.exitCode() > 1) throw new IOException("cannot compare " + file + " with " + backup + " on " + ssh.where() + ": " + r.output());
        return r.ok();
    }

    private String readOrEmpty(String path) throws IOException {
        try {
            return ssh.readFile(path);
        } catch (java.nio.file.NoSuchFileException missing) {
            return "";
        }
    }

    /** Best effort: a backup left behind is only clutter. */
    private void removeBackups(Map<String, String> backups) {
        try {
            ServerFiles.remove(ssh, backups.values().stream().filter(java.util.Objects::nonNull).toList());
        } catch (IOException e) {
            // kept: the outcome of the write is what matters
        }
    }

    /** Files that were new have no backup; the result names only the files that were replaced. */
    private static Map<String, String> withoutNew(Map<String, String> backups) {
        Map<String, String> out = new LinkedHashMap<>();
        backups.forEach((f, b) -> { if (b != null) out.put(f, b); });
        return out;
    }

    /** The folders of every file of the configuration: where a write's temporary files are made. */
    private static List<String> folders(DhcpdConfig before, ConfigChange change, Map<String, String> real) {
        Set<String> dirs = new LinkedHashSet<>();
        List<String> files = new ArrayList<>(change.after().keySet());
        files.addAll(real.values());
        if (before != null) files.addAll(before.files());
        for (String f : files) {
            java.nio.file.Path parent = java.nio.file.Path.of(f).getParent();
            dirs.add(parent == null ? "/" : parent.toString());
        }
        return List.copyOf(dirs);
    }

    /**
     * Puts each file back from its backup (copied next to it, then moved: atomic); a file that was new goes.
     * Null when all went back, else what failed (one exception, the failures of each file added to it).
     */
    private IOException putBack(List<String> files, Map<String, String> real, Map<String, String> backups, String token) {
        IOException failed = null;
        for (String f : files) {
            String back = backups.get(f);
            String target = real.get(f);
            String tmp = target + ".tandem-restore-" + token;
            try {
                Shell.ExecResult r = back == null ? ServerFiles.remove(ssh, List.of(target))
                        : ssh.run(true, "cp", "-p", "--", back, tmp);
                if (r.ok() && back != null) r = ServerFiles.move(ssh, tmp, target);
                if (!r.ok()) {
                    if (back != null) ServerFiles.remove(ssh, List.of(tmp));
                    throw new IOException(r.output());
                }
            } catch (IOException e) {
                IOException one = new IOException("cannot put " + f + " back" + (back == null ? "" : " from " + back) + ": " + e.getMessage(), e);
                if (failed == null) failed = new IOException("putting the previous files back failed: " + one.getMessage(), one);
                else failed.addSuppressed(one);
            }
        }
        return failed;
    }

    /** The bytes uploaded for a file's held text (one char per byte, see {@link ConfText}). */
    private static byte[] bytes(String text) { return ConfText.toBytes(text); }

    /**
     * Check copies for the files that (directly or not) include a changed file: the new text with those include
     * statements pointing at the staged files ({@code staged}); {@code token} names this write's check files.
     */
    static Map<String, String> checkCopies(DhcpdConfig before, ConfigChange change, String token, Map<String, String> staged) {
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
                            : changed.contains(target) ? staged.get(target) : null;
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
