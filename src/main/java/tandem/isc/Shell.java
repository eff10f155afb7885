package tandem.isc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a configuration lives and its commands run: a server over SSH, or this machine.
 *
 * <p>Privileged steps are single programs with fixed argument shapes ({@link #run}), e.g. {@code mv -f -- A B}, so
 * that a sudoers file can allow them one by one; a shell ({@code sh -c}) runs only what needs no privilege, and a
 * configured command (validation, restart) only when it is written with shell syntax.
 */
public interface Shell {
    /** How much a command may print on stdout before it is stopped: a configuration is far smaller. */
    int MAX_STDOUT = 32 * 1024 * 1024;
    /** The same for stderr, which only carries messages. */
    int MAX_STDERR = 1024 * 1024;

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

    /**
     * Runs one program with its arguments, each passed as it is (quoted, no shell syntax), in {@code dir} when not
     * null. Privileged, where the shell uses sudo, it runs as {@code sudo -n PROGRAM ARGS...}.
     */
    default ExecResult run(String dir, boolean privileged, byte[] stdin, List<String> argv) throws IOException {
        return exec(commandLine(dir, null, argv), stdin, privileged);
    }

    default ExecResult run(boolean privileged, String... argv) throws IOException {
        return run(null, privileged, null, List.of(argv));
    }

    /**
     * Runs a command the administrator configured (validation, restart). Plain words run as one program with
     * {@link #run}, so sudoers can allow exactly that command; a command with shell syntax needs a shell
     * ({@code sh -c}, and under sudo a root shell).
     */
    default ExecResult runConfigured(String dir, String command, boolean privileged) throws IOException {
        List<String> words = plainWords(command);
        if (words != null) return run(dir, privileged, null, words);
        return exec((dir == null ? "" : "cd " + quote(dir) + " && ") + command, null, privileged);
    }

    /** Where this is, for messages ("admin@dhcp1", "this machine"). */
    String where();

    /** A configuration file's content as held text (one char per byte, see {@link ConfText}). */
    default String readFile(String path) throws IOException {
        ExecResult r = run(true, "cat", "--", path);
        if (!r.ok()) {
            if (r.stderr().contains("No such file")) throw new java.nio.file.NoSuchFileException(path);
            throw new IOException("cannot read " + path + " on " + where() + ": " + r.output());
        }
        return ConfText.fromBytes(r.stdoutBytes());
    }

    /** Writes held text (see {@link ConfText}) to a file readable only by its owner (the caller copies the mode of the file it replaces). */
    default void writeFile(String path, String text) throws IOException {
        ServerFiles.install(this, ConfText.toBytes(text), path, "600", null, null);
    }

    /** Quotes a word for a POSIX shell. */
    static String quote(String s) { return "'" + s.replace("'", "'\\''") + "'"; }

    /** {@code cd DIR && PREFIX 'ARG' 'ARG'...}: how an argument vector goes over SSH. */
    static String commandLine(String dir, String prefix, List<String> argv) {
        StringBuilder b = new StringBuilder();
        if (dir != null) b.append("cd ").append(quote(dir)).append(" && ");
        if (prefix != null) b.append(prefix).append(' ');
        for (int i = 0; i < argv.size(); i++) b.append(i == 0 ? "" : " ").append(quote(argv.get(i)));
        return b.toString();
    }

    /** Characters that make a command line need a shell. */
    Pattern SHELL_SYNTAX = Pattern.compile("[;&|<>()$`\\\\\"'*?\\[\\]{}~#!\\n]");

    /** The words of a command line without shell syntax, or null when it has some. */
    static List<String> plainWords(String command) {
        String c = command.strip();
        if (c.isEmpty() || SHELL_SYNTAX.matcher(c).find()) return null;
        List<String> words = new ArrayList<>(List.of(c.split("[ \\t]+")));
        // sudo as the first word is this shell's business (the "use sudo" setting), not the command's
        return words.get(0).equals("sudo") || words.get(0).contains("=") ? null : words;
    }
}
