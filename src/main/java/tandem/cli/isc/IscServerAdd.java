package tandem.cli.isc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tandem.core.Backend;
import tandem.core.ImportResult;
import tandem.core.Relationship;
import tandem.cli.Inputs;
import tandem.cli.TandemCommand;

/** {@code tandem server add isc}. */
@Command(name = "isc", mixinStandardHelpOptions = true,
        description = {"Add an ISC dhcpd server, reached over SSH.",
                "Its failover peers become relationships; their state is read through OMAPI (omshell on the server)."})
public final class IscServerAdd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--ssh", required = true, paramLabel = "USER@HOST[:PORT]", description = "SSH login of the server")
    String ssh;

    @Option(names = "--key", paramLabel = "FILE", description = "SSH private key")
    Path key;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the SSH password (or key passphrase)")
    Path passwordFile;

    @Option(names = "--jump", paramLabel = "USER@HOST[:PORT]", description = "Jump host to go through")
    String jump;

    @Option(names = "--sudo", description = "Run privileged steps with sudo -n")
    boolean sudo;

    @Option(names = "--config", paramLabel = "PATH", description = "dhcpd.conf on the server (default: /etc/dhcp/dhcpd.conf)")
    String config;

    @Option(names = "--validate", paramLabel = "CMD", description = "Validation command, FILE is the file (default: dhcpd -t -4 -cf FILE)")
    String validate;

    @Option(names = "--restart", paramLabel = "CMD", description = "Restart command (default: systemctl restart isc-dhcp-server)")
    String restart;

    @Option(names = "--omapi-port", paramLabel = "PORT", description = "dhcpd's omapi-port (default: 7911)")
    Integer omapiPort;

    @Option(names = "--omshell", paramLabel = "CMD", description = "How omshell runs on the server (default: omshell)")
    String omshell;

    @Option(names = "--name", paramLabel = "NAME", description = "Name in the inventory (default: the host)")
    String name;

    @picocli.CommandLine.Mixin tandem.cli.SiteOption siteOption;

    @Option(names = "--accept-host-key", paramLabel = "FINGERPRINT",
            description = "Trust a server not yet in known hosts when its key has this fingerprint (as printed when it was refused)")
    String acceptHostKey;

    @Override
    public Integer call() throws IOException {
        Inputs.of(spec).port("--omapi-port", omapiPort).serverName("--name", name)
                .name("--accept-host-key", acceptHostKey).name("--omshell", omshell);
        String site = siteOption.site();
        tandem.ssh.SshTarget target = IscEdit.login(spec, "--ssh", ssh);
        tandem.ssh.SshTarget jumpTarget = jump == null ? null : IscEdit.login(spec, "--jump", jump);
        IscEdit.checkCommands(spec, key, config, validate, restart);
        String password = passwordFile == null ? null : Inputs.firstLine(spec, "--password-file", passwordFile);
        tandem.isc.IscServerSettings settings;
        try {
            settings = new tandem.isc.IscServerSettings(new tandem.ssh.SshSettings(target, key == null ? null : key.toAbsolutePath(),
                    password, jumpTarget, sudo), config, validate, restart, omapiPort == null ? 0 : omapiPort, omshell);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        var services = TandemCommand.of(spec).services();
        ImportResult result = services.inventory().add(Backend.ISC, name, settings.toConnection(acceptHostKey, null),
                java.util.Map.of(), site);
        if (result instanceof ImportResult.Refused r) {
            spec.commandLine().getErr().println("Refused: " + r.message());
            return TandemCommand.EXIT_REFUSED;
        }
        var accepted = (ImportResult.Accepted) result;
        var out = spec.commandLine().getOut();
        out.println("Added " + accepted.server().name() + " (" + settings.ssh().target() + ":" + settings.configPath() + ")");
        if (accepted.server().site() != null) out.println("  Site: " + accepted.server().site());
        for (Relationship rel : accepted.relationships()) {
            out.println("  " + rel.name() + ": " + rel.mode().wire() + ", peers "
                    + String.join(", ", rel.peers().stream().map(p -> p.name() + " (" + p.role().wire() + ")").toList()));
        }
        accepted.notes().forEach(n -> out.println("  Note: " + n));
        return 0;
    }
}
