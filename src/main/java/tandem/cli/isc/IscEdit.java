package tandem.cli.isc;

import tandem.cli.Inputs;
import tandem.cli.TandemCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tandem.core.change.ChangeBlocked;
import tandem.core.change.Redaction;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.isc.ConfSyntaxException;
import tandem.isc.DhcpdConfig;
import tandem.isc.FailoverEdits;
import tandem.ssh.HostKeyPrompt;
import tandem.isc.IscChangeService;
import tandem.isc.IscConfigTarget;
import tandem.isc.IscLocation;
import tandem.isc.IscServerSettings;
import tandem.isc.LocalShell;
import tandem.isc.SafeWrite;
import tandem.isc.Shell;
import tandem.isc.SshConnection;
import tandem.ssh.SshSettings;
import tandem.ssh.SshTarget;

/**
 * What the {@code tandem isc} edits share: where the configuration is (a local file, a server over SSH, or an
 * inventory server), preview by default, and a write that runs as a change (locked, journaled, audited, undoable).
 */
final class IscEdit {
    private IscEdit() {}

    /** Where the configuration is: a local file, a server over SSH, or an ISC server of the inventory. */
    static final class Target {
        @Spec(Spec.Target.MIXEE) CommandSpec spec;

        static final class Where {
            @Option(names = "--file", paramLabel = "FILE", description = "A local dhcpd.conf")
            Path file;

            @Option(names = "--ssh", paramLabel = "USER@HOST[:PORT]", description = "The ISC server to log in to")
            String ssh;

            @Option(names = "--server", paramLabel = "SERVER", description = "An ISC server of the inventory, as `tandem server list` names it")
            String server;
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        Where where;

        @Option(names = "--key", paramLabel = "FILE", description = "SSH private key")
        Path key;

        @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the SSH password (or key passphrase)")
        Path passwordFile;

        @Option(names = "--jump", paramLabel = "USER@HOST[:PORT]", description = "Jump host to go through")
        String jump;

        @Option(names = "--sudo", description = "Run privileged steps with sudo -n")
        boolean sudo;

        @Option(names = "--config", paramLabel = "PATH", description = "dhcpd.conf on the server (default: " + IscServerSettings.DEFAULT_CONFIG_PATH + ")")
        String configPath;

        @Option(names = "--validate", paramLabel = "CMD", description = "Validation command, FILE is the file to check (default: " + IscServerSettings.DEFAULT_VALIDATE_COMMAND + ")")
        String validate;

        @Option(names = "--restart", paramLabel = "CMD", description = "Restart command (default on a server: "
                + IscServerSettings.DEFAULT_RESTART_COMMAND + "; for a local file: none)")
        String restart;

        @Option(names = "--known-hosts", paramLabel = "FILE", description = "Known hosts file (default: known_hosts in the data folder)")
        Path knownHosts;

        @Option(names = "--accept-host-key", paramLabel = "FINGERPRINT",
                description = "Trust a server not yet in known hosts when its key has this fingerprint (as printed when it was refused)")
        String acceptHostKey;

        private Shell shell;
        private IscLocation location;
        private IscConfigTarget server;

        void open(TandemCommand root) throws IOException {
            if (where.server != null) {
                if (key != null || jump != null || passwordFile != null || sudo || configPath != null || validate != null
                        || restart != null || knownHosts != null || acceptHostKey != null) {
                    throw new ParameterException(spec.commandLine(), "--server takes the server's settings from the inventory:"
                            + " the other connection options go with --ssh");
                }
                Inputs.of(spec).name("--server", where.server);
                server = root.services().iscConfig(where.server).orElseThrow(() -> new ParameterException(
                        spec.commandLine(), "no ISC server named " + where.server + " in the inventory"));
                return;
            }
            if (where.file != null) {
                if (key != null || jump != null || passwordFile != null || sudo || configPath != null) {
                    throw new ParameterException(spec.commandLine(), "--key, --password-file, --jump, --sudo and --config go with --ssh, not --file");
                }
                checkCommands(spec, null, null, validate, restart);
                shell = new LocalShell(Duration.ofSeconds(60));
                location = IscLocation.local(where.file.toAbsolutePath().toString(),
                        validate == null ? IscServerSettings.DEFAULT_VALIDATE_COMMAND : validate, restart == null ? "true" : restart);
                return;
            }
            SshTarget target = login(spec, "--ssh", where.ssh);
            SshTarget jumpTarget = jump == null ? null : login(spec, "--jump", jump);
            checkCommands(spec, key, configPath, validate, restart);
            Inputs.of(spec).name("--accept-host-key", acceptHostKey);
            String password = passwordFile == null ? null : Inputs.firstLine(spec, "--password-file", passwordFile);
            IscServerSettings settings;
            try {
                settings = new IscServerSettings(new SshSettings(target, key, password, jumpTarget, sudo), configPath, validate, restart, 0, null);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            PrintWriter err = spec.commandLine().getErr();
            HostKeyPrompt prompt = (host, type, fingerprint) -> {
                if (fingerprint.equals(acceptHostKey)) {
                    err.println("Trusting " + host + " (" + type + " " + fingerprint + ") and remembering it in known hosts");
                    return true;
                }
                err.println("The host key of " + host + " is not known: " + type + " " + fingerprint);
                err.println("If that is the server's key, run again with --accept-host-key " + fingerprint);
                return false;
            };
            Path known = knownHosts != null ? knownHosts : root.dataDir().resolve("known_hosts");
            shell = SshConnection.open(settings.ssh(), known, prompt, Duration.ofSeconds(30));
            location = new IscLocation(null, settings.ssh(), settings.configPath(), settings.validateCommand(),
                    settings.restartCommand(), knownHosts == null ? null : known.toAbsolutePath());
        }

        DhcpdConfig read() throws IOException, ConfSyntaxException {
            return server != null ? server.load() : SafeWrite.read(shell, location.configPath());
        }

        /** Where a change is written: through the change runner of the data folder. */
        IscConfigTarget writer(TandemCommand root) {
            return server != null ? server : root.services().iscChanges().through(shell, location);
        }

        void close() {
            if (shell instanceof SshConnection c) c.close();
        }
    }

    /** An SSH login given with {@code option}, or a usage error naming it. */
    static SshTarget login(CommandSpec spec, String option, String text) {
        try {
            return SshTarget.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    /**
     * The key file and the server's commands, checked as the inventory would check them, each failure named by its
     * option: the commands run on the server, so none may smuggle a second line in.
     */
    static void checkCommands(CommandSpec spec, Path key, String config, String validate, String restart) {
        Inputs in = Inputs.of(spec);
        if (key != null && !Files.isReadable(key)) in.check("--key", "cannot read " + key);
        in.name("--config", config).name("--validate", validate).name("--restart", restart);
        if (config != null && !config.strip().startsWith("/")) {
            in.check("--config", "must be an absolute path, e.g. " + IscServerSettings.DEFAULT_CONFIG_PATH + " (got " + config + ")");
        }
        if (validate != null && !validate.contains("FILE")) {
            in.check("--validate", "must name the file to check as FILE, e.g. " + IscServerSettings.DEFAULT_VALIDATE_COMMAND);
        }
    }

    /** Options shared by the edits: preview by default, write with --apply. */
    static final class Apply {
        @Option(names = "--apply", description = "Write the change (validated, with a backup, then restart); without it only the diff is shown")
        boolean apply;

        @Option(names = "--yes", description = "Confirm a change that comes with warnings (e.g. a peer that will be deleted)")
        boolean yes;
    }

    @FunctionalInterface
    interface EditFunction {
        FailoverEdits.Outcome apply(DhcpdConfig config);
    }

    /** Runs an edit: show warnings and the diff, refuse what breaks the rules, write when asked. */
    static int edit(CommandSpec spec, TandemCommand root, Target target, Apply apply, EditFunction f) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        target.open(root);
        try {
            DhcpdConfig config;
            try {
                config = target.read();
            } catch (ConfSyntaxException e) {
                err.println("Cannot read the configuration: " + e.getMessage());
                return TandemCommand.EXIT_REFUSED;
            }
            FailoverEdits.Outcome outcome;
            try {
                outcome = f.apply(config);
            } catch (IllegalArgumentException e) {
                err.println("Refused: " + e.getMessage());
                return TandemCommand.EXIT_REFUSED;
            }
            if (outcome instanceof FailoverEdits.Choice c) {
                err.println(c.question().question());
                c.question().options().forEach(o -> err.println("  " + o));
                err.println("Run again with --move-to PEER.");
                return TandemCommand.EXIT_REFUSED;
            }
            FailoverEdits.Edit e = (FailoverEdits.Edit) outcome;
            e.change().warnings().forEach(w -> out.println("Warning: " + w));
            if (e.change().isEmpty()) {
                out.println("Nothing to change.");
                return 0;
            }
            // the administrator reviews the edit, not the key secrets around it
            out.print(Redaction.redact(e.change().unifiedDiff()));
            if (!e.applicable()) {
                err.println("Refused: the change would break the configuration:");
                e.problems().forEach(p -> err.println("  " + p));
                return TandemCommand.EXIT_REFUSED;
            }
            if (!apply.apply) {
                out.println("Preview only: run again with --apply to write it.");
                return 0;
            }
            if (!e.change().warnings().isEmpty() && !apply.yes) {
                err.println("Refused: the change comes with the warnings above; run again with --apply --yes to confirm.");
                return TandemCommand.EXIT_REFUSED;
            }
            return write(spec, target.writer(root), config, e.change());
        } finally {
            target.close();
        }
    }

    /** Undoes a journaled dhcpd.conf write: the files back to what they said before it, as a new change. */
    static int undo(TandemCommand root, CommandSpec spec, JournalEntry entry, boolean dryRun) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        IscChangeService isc = root.services().iscChanges();
        IscChangeService.UndoPlan plan;
        try {
            plan = isc.prepareUndo(entry.id());
        } catch (IscChangeService.UndoRefused e) {
            spec.commandLine().getErr().println("Refused: " + e.getMessage());
            return TandemCommand.EXIT_REFUSED;
        }
        out.println(plan.description() + " on " + plan.where().name());
        out.print(Redaction.redact(plan.inverse().unifiedDiff()));
        if (dryRun) return 0;
        SafeWrite.Result r;
        try {
            r = isc.undo(plan);
        } catch (ChangeBlocked blocked) {
            spec.commandLine().getErr().println("Refused: " + blocked.getMessage());
            return TandemCommand.EXIT_REFUSED;
        }
        if (r instanceof SafeWrite.Conflict c) {
            spec.commandLine().getErr().println("Refused: " + c.file() + " no longer says what change #" + entry.id()
                    + " wrote (it changed since); nothing was written.");
            return TandemCommand.EXIT_REFUSED;
        }
        (r instanceof SafeWrite.Applied ? out : spec.commandLine().getErr()).println(r.message());
        return r instanceof SafeWrite.Applied ? 0 : TandemCommand.EXIT_REFUSED;
    }

    /** Writes a change and reports it: 0 when it was applied, 1 when it was refused or failed (with the reason). */
    static int write(CommandSpec spec, IscConfigTarget target, DhcpdConfig before, tandem.isc.ConfigChange change)
            throws IOException {
        SafeWrite.Result r;
        try {
            r = target.apply(before, change);
        } catch (ChangeBlocked blocked) {
            spec.commandLine().getErr().println("Refused: " + blocked.getMessage());
            return TandemCommand.EXIT_REFUSED;
        }
        if (r instanceof SafeWrite.Applied) {
            spec.commandLine().getOut().println(r.message());
            return 0;
        }
        spec.commandLine().getErr().println(r.message());
        return TandemCommand.EXIT_REFUSED;
    }
}
