package tandem.isc;

import java.io.IOException;

/** Where a configuration lives and its commands run: a server over SSH, or this machine. */
public interface Shell {
    /** A command's exit code and output. */
    record ExecResult(int exitCode, String stdout, String stderr) {
        public boolean ok() { return exitCode == 0; }

        /** stderr and stdout together, for showing to the administrator. */
        public String output() { return (stderr + (stderr.isEmpty() || stdout.isEmpty() ? "" : "\n") + stdout).strip(); }
    }

    /** Runs a {@code sh} command line; {@code privileged} steps go through sudo where the shell is set up for it. */
    ExecResult exec(String command, byte[] stdin, boolean privileged) throws IOException;

    /** Where this is, for messages ("admin@dhcp1", "this machine"). */
    String where();

    default String readFile(String path) throws IOException {
        ExecResult r = exec("cat -- " + quote(path), null, true);
        if (!r.ok()) {
            if (r.stderr().contains("No such file")) throw new java.nio.file.NoSuchFileException(path);
            throw new IOException("cannot read " + path + " on " + where() + ": " + r.output());
        }
        return r.stdout();
    }

    /** Writes a file readable only by its owner (the caller copies the mode of the file it replaces). */
    default void writeFile(String path, String text) throws IOException {
        ExecResult r = exec("umask 077 && cat > " + quote(path), text.getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
        if (!r.ok()) throw new IOException("cannot write " + path + " on " + where() + ": " + r.output());
    }

    /** Quotes a word for a POSIX shell. */
    static String quote(String s) { return "'" + s.replace("'", "'\\''") + "'"; }
}
