package tandem.isc;

import java.io.IOException;

/** Where a configuration lives and its commands run: a server over SSH, or this machine. */
public interface Shell {
    /**
     * A command's exit code and output; {@code stdoutBytes} is stdout as received, for file contents that must stay
     * byte for byte (see {@link ConfText}), {@code stdout} the same decoded as UTF-8 for messages.
     */
    record ExecResult(int exitCode, String stdout, String stderr, byte[] stdoutBytes) {
        public ExecResult(int exitCode, String stdout, String stderr) {
            this(exitCode, stdout, stderr, stdout.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        public boolean ok() { return exitCode == 0; }

        /** stderr and stdout together, for showing to the administrator. */
        public String output() { return (stderr + (stderr.isEmpty() || stdout.isEmpty() ? "" : "\n") + stdout).strip(); }
    }

    /** Runs a {@code sh} command line; {@code privileged} steps go through sudo where the shell is set up for it. */
    ExecResult exec(String command, byte[] stdin, boolean privileged) throws IOException;

    /** Where this is, for messages ("admin@dhcp1", "this machine"). */
    String where();

    /** A configuration file's content as held text (one char per byte, see {@link ConfText}). */
    default String readFile(String path) throws IOException {
        ExecResult r = exec("cat -- " + quote(path), null, true);
        if (!r.ok()) {
            if (r.stderr().contains("No such file")) throw new java.nio.file.NoSuchFileException(path);
            throw new IOException("cannot read " + path + " on " + where() + ": " + r.output());
        }
        return ConfText.fromBytes(r.stdoutBytes());
    }

    /** Writes held text (see {@link ConfText}) to a file readable only by its owner (the caller copies the mode of the file it replaces). */
    default void writeFile(String path, String text) throws IOException {
        ExecResult r = exec("umask 077 && cat > " + quote(path), ConfText.toBytes(text), true);
        if (!r.ok()) throw new IOException("cannot write " + path + " on " + where() + ": " + r.output());
    }

    /** Quotes a word for a POSIX shell. */
    static String quote(String s) { return "'" + s.replace("'", "'\\''") + "'"; }
}
