package tandem.windows.ps;

import java.io.IOException;

/**
 * Runs Tandem's PowerShell scripts on one Windows server. Over SSH today ({@link SshPowerShell}); WinRM could
 * implement the same later. A script that ran and failed is a reply ({@link PsReply#error()}); a server that could
 * not be reached, or that did not answer with the envelope, is an {@link IOException}.
 */
public interface PowerShellTransport extends AutoCloseable {
    PsReply run(PsScript script) throws IOException;

    /** The login, for messages. */
    String where();

    @Override void close();
}
