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
            Shell.ExecResult r = shell.exec(acquireScript(lock, ownerText(token, process)), null, true);
            String out = r.stdout();
            if (r.ok() && out.startsWith("taken")) {
                HELD_HERE.add(token);
                return new ServerLock(shell, lock, token);
            }
            if (out.startsWith("held")) {
                last = parse(out);
                if (gone(last) && takeOver(shell, lock, last, token, process)) {
                    LOG.info("Took over the lock on {} from {}, which is gone", mainFile, last.describe());
                    cleanUp(shell, folders, last.token());
                    HELD_HERE.add(token);
                    return new ServerLock(shell, lock, token);
                }
            } else if (out.startsWith("empty")) {
                // made by a writer that stopped before naming itself: removed once as old as a stale owner
                shell.exec("L=" + q(lock) + "; [ ! -e \"$L/owner\" ] && [ $(( $(date +%s) - $(stat -c %Y \"$L\") )) -ge "
                        + STALE.toSeconds() + " ] && rm -rf \"$L\"", null, true);
            } else if (!r.ok()) {
                throw new IOException("cannot lock " + mainFile + " on " + shell.where() + ": " + r.output());
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
        String l = q(path);
        // the owner file is renamed aside first: the lock is removed only when it is still this writer's
        Shell.ExecResult r = shell.exec("L=" + l + "; mv \"$L/owner\" \"$L/owner.release-" + token + "\" 2>/dev/null || exit 0;"
                + " if grep -qx " + q("token=" + token) + " \"$L/owner.release-" + token + "\"; then rm -rf \"$L\";"
                + " else mv \"$L/owner.release-" + token + "\" \"$L/owner\"; fi", null, true);
        if (!r.ok()) throw new IOException("cannot unlock " + path + " on " + shell.where() + ": " + r.output());
    }

    private static String acquireScript(String lock, String owner) {
        String l = q(lock);
        return "L=" + l + "; if mkdir \"$L\" 2>/dev/null; then"
                + " if printf '%s\\n' " + q(owner) + " > \"$L/owner.new\" && mv -f \"$L/owner.new\" \"$L/owner\";"
                + " then echo taken; exit 0; fi; rm -rf \"$L\"; exit 1; fi;"
                + " if [ -f \"$L/owner\" ]; then echo held; cat \"$L/owner\" 2>/dev/null;"
                + " echo \"age=$(( $(date +%s) - $(stat -c %Y \"$L/owner\" 2>/dev/null || date +%s) ))\";"
                + " elif [ -d \"$L\" ]; then echo empty; else echo retry; fi";
    }

    private static boolean takeOver(Shell shell, String lock, Holder stale, String token, String process) throws IOException {
        if (stale.token() == null || !stale.token().matches("[0-9a-f]+")) return false;
        String aside = "\"$L/owner.taken-" + token + "\"";
        Shell.ExecResult r = shell.exec("L=" + q(lock) + "; mv \"$L/owner\" " + aside + " 2>/dev/null || exit 1;"
                + " if grep -qx " + q("token=" + stale.token()) + " " + aside + "; then"
                + " printf '%s\\n' " + q(ownerText(token, process)) + " > \"$L/owner.new-" + token + "\""
                + " && mv -f \"$L/owner.new-" + token + "\" \"$L/owner\" && rm -f " + aside + " && echo taken;"
                + " else mv " + aside + " \"$L/owner\"; exit 1; fi", null, true);
        return r.ok() && r.stdout().startsWith("taken");
    }

    /** Removes what a writer that was taken over left: its staged, check and restore files. */
    private static void cleanUp(Shell shell, List<String> folders, String staleToken) throws IOException {
        StringBuilder cmd = new StringBuilder("true");
        for (String dir : folders) {
            for (String kind : List.of("new", "check", "restore")) {
                cmd.append("; rm -f -- ").append(q(dir)).append("/*.tandem-").append(kind).append('-').append(staleToken);
            }
        }
        shell.exec(cmd.toString(), null, true);
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

    private static String q(String s) { return Shell.quote(s); }
}
