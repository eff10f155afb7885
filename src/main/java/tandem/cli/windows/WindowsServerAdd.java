package tandem.cli.windows;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tandem.cli.Inputs;
import tandem.cli.TandemCommand;
import tandem.core.Backend;
import tandem.core.ImportResult;
import tandem.core.Relationship;
import tandem.ssh.SshTarget;
import tandem.windows.WindowsServerSettings;

/** {@code tandem server add windows}. */
@Command(name = "windows", mixinStandardHelpOptions = true,
        description = {"Add a Windows Server DHCP server, reached with PowerShell over its OpenSSH server.",
                "Its failover relationships become relationships, with this server as their source of truth.",
                "A password login is needed: the failover cmdlets act on the partner with the caller's credentials,"
                        + " which a key login cannot pass on.",
                "Add each partner too (with its own login when it differs); until then it is reached with this"
                        + " server's login at the name Windows gives it."})
public final class WindowsServerAdd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--ssh", required = true, paramLabel = "USER@HOST[:PORT]", description = "SSH login of the server")
    String ssh;

    @Option(names = "--password-file", required = true, paramLabel = "FILE", description = "File whose first line is the password")
    Path passwordFile;

    @Option(names = "--accept-host-key", paramLabel = "SHA256:...",
            description = "Trust a server not yet in known hosts when its key has this fingerprint (as printed when it was refused)")
    String acceptHostKey;

    @Option(names = "--jump", paramLabel = "USER@HOST[:PORT]", description = "Jump host to go through (same password)")
    String jump;

    @Option(names = "--name", paramLabel = "N", description = "Name in the inventory (default: the host)")
    String name;

    @picocli.CommandLine.Mixin tandem.cli.SiteOption siteOption;

    @Override
    public Integer call() {
        Inputs.of(spec).serverName("--name", name).name("--accept-host-key", acceptHostKey);
        String site = siteOption.site();
        if (acceptHostKey != null && !acceptHostKey.startsWith("SHA256:")) {
            throw new ParameterException(spec.commandLine(), "--accept-host-key: expected SHA256:... as printed when the key was refused (got " + acceptHostKey + ")");
        }
        SshTarget target = login("--ssh", ssh);
        SshTarget jumpTarget = jump == null ? null : login("--jump", jump);
        String password = Inputs.firstLine(spec, "--password-file", passwordFile);
        if (password.isEmpty()) throw new ParameterException(spec.commandLine(), "--password-file: the first line is empty");
        WindowsServerSettings settings = WindowsServerSettings.of(target, password, jumpTarget);
        var services = TandemCommand.of(spec).services();
        ImportResult result = services.inventory().add(Backend.WINDOWS, name, settings.toConnection(acceptHostKey, null),
                java.util.Map.of(), site);
        if (result instanceof ImportResult.Refused r) {
            spec.commandLine().getErr().println("Refused: " + r.message());
            return TandemCommand.EXIT_REFUSED;
        }
        var accepted = (ImportResult.Accepted) result;
        var out = spec.commandLine().getOut();
        out.println("Added " + accepted.server().name() + " (" + target + ", Windows Server DHCP)");
        if (accepted.server().site() != null) out.println("  Site: " + accepted.server().site());
        for (Relationship rel : accepted.relationships()) {
            out.println("  " + rel.name() + ": " + rel.modeName() + ", peers "
                    + String.join(", ", rel.peers().stream().map(p -> p.name() + " (" + p.role().wire() + ")").toList()));
        }
        accepted.notes().forEach(n -> out.println("  Note: " + n));
        for (String server : services.windowsChanges().partnerAdded(accepted.server().name())) {
            out.println("  " + server + "'s relationships now reach " + accepted.server().name() + " with its own login");
        }
        return 0;
    }

    private SshTarget login(String option, String text) {
        try {
            return SshTarget.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }
}
