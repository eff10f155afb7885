package tandem.isc;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.change.ProcessId;

/**
 * The lock every writer of a dhcpd.conf takes on the server itself, whatever console, data folder or host it runs
 * from: the folder {@code FILE.tandem-lock}, made with {@code mkdir} (atomic on every POSIX file system), with an
 * {@code owner} file inside naming the holder (user, host, pid, process, since, token).
 *
 * <p>A lock whose holder is gone is taken over: at once when the holder ran on this host and its process has ended,
 * otherwise once its owner file is {@link #STALE} old by the server's clock (a holder touches it at every long
 * step, and no step takes minutes). Taking over renames the owner file aside first, so of two writers that both
 * found the same stale lock only one gets it; the loser puts back what it took when it was not the stale owner.
 */
final class ServerLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerLock.class);

    /** A lock whose owner file is older than this is taken over: a holder refreshes it far more often. */
    static final Duration STALE = Duration.ofMinutes(10);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The tokens this process holds now: a lock with this pid and another token was left by it earlier. */
    private static final Set<String> HELD_HERE = ConcurrentHashMap.newKeySet();

    /** Who holds a lock, as its owner file says. */
    record Holder(String user, String host, long pid, String process, String since, String token, long ageSeconds) {
        String describe() {
            return (process == null || process.isBlank() ? "a writer" : process) + " (pid " + pid + ", " + user
                    + " on " + host + ")";
        }
    }

    /** The lock could not be had within the wait; {@code holder} is null when nobody could be named. */
    static final class Busy extends Exception {
        final transient Holder holder;

        Busy(Holder holder) {
            super(holder == null ? "another writer" : holder.describe());
            this.holder = holder;
        }
    }

    private final Shell shell;
    private final String path;
    private final String token;
    private boolean released;

    private ServerLock(Shell shell, String path, String token) {
        this.shell = shell;
        this.path = path;
        this.token = token;
    }

    /** A fresh random token: it names the lock's owner and the temporary files of one write. */
    static String newToken() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** {@code FILE.tandem-lock}. */
    static String pathFor(String mainFile) { return mainFile + ".tandem-lock"; }

    String token() { return token; }

    /** The owner file's path, for a holder to refresh it ({@code touch}) during a long step. */
    String ownerFile() { return path + "/owner"; }

    /**
     * Takes the lock on {@code mainFile}, waiting at most {@code wait}.
     *
     * @param folders where the files of a taken-over writer's unfinished write would be left (cleaned up)
     * @throws Busy when another writer held it all along
     */
    static ServerLock acquire(Shell shell, String mainFile, String token, String process, Duration wait,
                              List<String> folders) throws IOException, Busy {
        String lock = pathFor(mainFile);
        long deadline = System.nanoTime() + wait.toNanos();
        Holder last = null;
        while (true) {
            Shell.ExecResult made = shell.run(true, "mkdir", "--", lock);
            if (made.ok()) {
                try {
                    ServerFiles.install(shell, ownerText(token, process) + "\n", lock + "/owner", "0644");
                } catch (IOException e) {
                    shell.run(true, "rmdir", "--", lock);
                    throw e;
                }
                HELD_HERE.add(token);
                return new ServerLock(shell, lock, token);
            }
            if (!made.stderr().contains("File exists")) {
                throw new IOException("cannot lock " + mainFile + " on " + shell.where() + ": " + made.output());
            }
            ServerFiles.Stat owner = ServerFiles.stat(shell, lock + "/owner");
            if (owner != null) {
                String text = readOrNull(shell, lock + "/owner");
                if (text != null) {
                    last = parse(text + "\nage=" + (ServerFiles.now(shell) - owner.mtime()));
                    if (gone(last) && takeOver(shell, lock, last, token, process)) {
                        LOG.info("Took over the lock on {} from {}, which is gone", mainFile, last.describe());
                        cleanUp(shell, folders, last.token());
                        HELD_HERE.add(token);
                        return new ServerLock(shell, lock, token);
                    }
                }
            } else {
                ServerFiles.Stat dir = ServerFiles.stat(shell, lock);
                // made by a writer that stopped before naming itself: removed once as old as a stale owner
                if (dir != null && ServerFiles.now(shell) - dir.mtime() >= STALE.toSeconds()) removeEmpty(shell, lock);
            }
            if (System.nanoTime() > deadline) throw new Busy(last);
            sleep(200 + ThreadLocalRandom.current().nextLong(200));
        }
    }

    /** Lets go of the lock, unless another writer took it over meanwhile. */
    @Override
    public void close() throws IOException {
        if (released) return;
        released = true;
        HELD_HERE.remove(token);
        // the owner file is renamed aside first: the lock is removed only when it is still this writer's
        String aside = path + "/owner.release-" + token;
        if (!ServerFiles.move(shell, path + "/owner", aside).ok()) return;
        String text = readOrNull(shell, aside);
        Shell.ExecResult r;
        if (text != null && text.lines().anyMatch(("token=" + token)::equals)) {
            r = ServerFiles.remove(shell, List.of(aside));
            if (r.ok()) r = shell.run(true, "rmdir", "--", path);
        } else {
            r = ServerFiles.move(shell, aside, path + "/owner");
        }
        if (!r.ok()) throw new IOException("cannot unlock " + path + " on " + shell.where() + ": " + r.output());
    }

    private static String readOrNull(Shell shell, String file) throws IOException {
        try {
            return shell.readFile(file);
        } catch (java.nio.file.NoSuchFileException gone) {
            return null;
        }
    }

    /** A lock folder without owner: its leftovers (owner files set aside by writers that stopped) go with it. */
    private static void removeEmpty(Shell shell, String lock) throws IOException {
        List<String> left = ServerFiles.list(shell, lock, "owner.*").stream()
                .filter(f -> f.substring(lock.length() + 1).matches("owner\\.(taken|release)-[0-9a-f]+")).toList();
        ServerFiles.remove(shell, left);
        shell.run(true, "rmdir", "--", lock);
    }

    private static boolean takeOver(Shell shell, String lock, Holder stale, String token, String process) throws IOException {
        if (stale.token() == null || !stale.token().matches("[0-9a-f]+")) return false;
        String aside = lock + "/owner.taken-" + token;
        if (!ServerFiles.move(shell, lock + "/owner", aside).ok()) return false;
        String text = readOrNull(shell, aside);
        if (text == null || text.lines().noneMatch(("token=" + stale.token())::equals)) {
            // not the stale owner any more: another writer got there first
            ServerFiles.move(shell, aside, lock + "/owner");
            return false;
        }
        ServerFiles.install(shell, ownerText(token, process) + "\n", lock + "/owner", "0644");
        ServerFiles.remove(shell, List.of(aside));
        return true;
    }

    /** Removes what a writer that was taken over left: its staged, check and restore files. */
    private static void cleanUp(Shell shell, List<String> folders, String staleToken) throws IOException {
        List<String> left = new java.util.ArrayList<>();
        for (String dir : folders) {
            for (String kind : List.of("new", "check", "restore")) left.addAll(ServerFiles.list(shell, dir, "*.tandem-" + kind + "-" + staleToken));
        }
        ServerFiles.remove(shell, left);
    }

    /** Tells other writers this one is still at work ({@code touch -c}): a holder in a long step is not taken for gone. */
    void refresh() throws IOException {
        shell.run(true, "touch", "-c", "--", ownerFile());
    }

    /** Gone: ended on this host, or silent for longer than any write takes. */
    private static boolean gone(Holder h) {
        ProcessId me = ProcessId.current();
        if (h.host() != null && h.host().equals(me.host())) {
            if (h.pid() == me.pid()) return !HELD_HERE.contains(h.token());
            if (!ProcessId.ALIVE_HERE.test(h.pid())) return true;
        }
        return h.ageSeconds() >= STALE.toSeconds();
    }

    private static String ownerText(String token, String process) {
        ProcessId me = ProcessId.current();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("user", System.getProperty("user.name", "unknown"));
        m.put("host", me.host());
        m.put("pid", String.valueOf(me.pid()));
        m.put("process", process == null ? "tandem" : process);
        m.put("since", Instant.now().toString());
        m.put("token", token);
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> b.append(b.length() == 0 ? "" : "\n").append(k).append('=').append(v.replaceAll("[\\r\\n]", " ")));
        return b.toString();
    }

    static Holder parse(String out) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) m.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return new Holder(m.getOrDefault("user", "unknown"), m.getOrDefault("host", "unknown"), number(m.get("pid")),
                m.get("process"), m.getOrDefault("since", "unknown"), m.get("token"), number(m.get("age")));
    }

    private static long number(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void sleep(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for the lock");
        }
    }

}
