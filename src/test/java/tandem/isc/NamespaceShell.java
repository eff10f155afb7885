package tandem.isc;

import java.io.IOException;
import java.time.Duration;

/** Commands inside a network namespace this test made (where a dhcpd of the pair runs), as SSH would run them there. */
final class NamespaceShell implements Shell {
    private final long holderPid;
    private final LocalShell local = new LocalShell(Duration.ofSeconds(20));

    NamespaceShell(long holderPid) { this.holderPid = holderPid; }

    @Override
    public ExecResult exec(String command, byte[] stdin, boolean privileged) throws IOException {
        return local.exec("nsenter -t " + holderPid + " -n sh -c " + Shell.quote(command), stdin, privileged);
    }

    @Override public String where() { return "namespace of " + holderPid; }
}
