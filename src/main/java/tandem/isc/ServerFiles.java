package tandem.isc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The file steps of a write on a server, each one program with a fixed argument shape so that a sudoers file can
 * allow exactly these (see {@code sudoers.example}): {@code readlink -f}, {@code stat}, {@code install}, {@code cp},
 * {@code cmp}, {@code mv}, {@code rm}, {@code mkdir}, {@code rmdir}, {@code touch}, {@code cat}. New text is first
 * written without privilege to a file of the login user's own ({@code mktemp}, mode 0600), then installed.
 */
final class ServerFiles {
    private ServerFiles() {}

    /** A file's mode, owner, group and modification time (seconds), as {@code stat} gives them. */
    record Stat(String mode, String uid, String gid, long mtime) {}

    /** {@code stat -c %a:%u:%g:%Y -- PATH}; null when there is no such file. */
    static Stat stat(Shell shell, String path) throws IOException {
        Shell.ExecResult r = shell.run(true, "stat", "-c", "%a:%u:%g:%Y", "--", path);
        if (!r.ok()) {
            if (r.stderr().contains("No such file")) return null;
            throw new IOException("cannot stat " + path + " on " + shell.where() + ": " + r.output());
        }
        String[] f = r.stdout().strip().split(":");
        if (f.length != 4) throw new IOException("unexpected stat output for " + path + ": " + r.stdout().strip());
        return new Stat(f[0], f[1], f[2], Long.parseLong(f[3]));
    }

    /** The file a path names, symbolic links followed ({@code readlink -f}): where a write must go to keep a link. */
    static String resolve(Shell shell, String path) throws IOException {
        Shell.ExecResult r = shell.run(true, "readlink", "-f", "--", path);
        String out = r.stdout().strip();
        if (!r.ok() || out.isEmpty() || out.contains("\n")) {
            throw new IOException("cannot resolve " + path + " on " + shell.where() + ": " + r.output());
        }
        return out;
    }

    /** The server's clock, in seconds: lock ages are measured with it, not with this machine's. */
    static long now(Shell shell) throws IOException {
        Shell.ExecResult r = shell.exec("date +%s", null, false);
        try {
            return Long.parseLong(r.stdout().strip());
        } catch (NumberFormatException e) {
            throw new IOException("cannot read the clock of " + shell.where() + ": " + r.output());
        }
    }

    /**
     * Puts {@code content} at {@code dest} with the given mode (and owner and group when not null): uploaded into a
     * private temporary file of the login user, installed from there, the temporary file removed.
     */
    static void install(Shell shell, byte[] content, String dest, String mode, String uid, String gid) throws IOException {
        Shell.ExecResult up = shell.exec("umask 077 && t=$(mktemp \"${TMPDIR:-/tmp}/tandem-upload.XXXXXXXXXX\") && cat > \"$t\""
                + " && printf '%s' \"$t\"", content, false);
        String tmp = up.stdout().strip();
        if (!up.ok() || tmp.isEmpty()) throw new IOException("cannot upload " + dest + " to " + shell.where() + ": " + up.output());
        try {
            List<String> argv = new ArrayList<>(List.of("install", "-m", mode));
            if (uid != null) argv.addAll(List.of("-o", uid, "-g", gid));
            argv.addAll(List.of("--", tmp, dest));
            Shell.ExecResult r = shell.run(null, true, null, argv);
            if (!r.ok()) throw new IOException("cannot write " + dest + " on " + shell.where() + ": " + r.output());
        } finally {
            shell.run(false, "rm", "-f", "--", tmp);
        }
    }

    static void install(Shell shell, String text, String dest, String mode) throws IOException {
        install(shell, text.getBytes(StandardCharsets.UTF_8), dest, mode, null, null);
    }

    /** {@code mv -f -- FROM TO}: atomic within a folder. */
    static Shell.ExecResult move(Shell shell, String from, String to) throws IOException {
        return shell.run(true, "mv", "-f", "--", from, to);
    }

    /** {@code rm -f -- FILES...}; nothing to do for none. */
    static Shell.ExecResult remove(Shell shell, List<String> files) throws IOException {
        if (files.isEmpty()) return new Shell.ExecResult(0, "", "");
        List<String> argv = new ArrayList<>(List.of("rm", "-f", "--"));
        argv.addAll(files);
        return shell.run(null, true, null, argv);
    }

    /** The files of {@code dir} matching a glob, listed without privilege (the folder of dhcpd.conf is readable). */
    static List<String> list(Shell shell, String dir, String glob) throws IOException {
        Shell.ExecResult r = shell.exec("for f in " + Shell.quote(dir) + "/" + glob + "; do [ -e \"$f\" ] && printf '%s\\n' \"$f\"; done; true",
                null, false);
        List<String> out = new ArrayList<>();
        r.stdout().lines().filter(l -> !l.isBlank()).forEach(out::add);
        return out;
    }
}
