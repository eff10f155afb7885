package tandem.ssh;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the console logs in to a server over SSH.
 *
 * @param keyFile  a private key (OpenSSH or PEM), or null
 * @param password the login password (and the key's passphrase when the key is encrypted), or null; kept in
 *                 memory only, the store encrypts it
 * @param jump     a jump host reached first (same key or password), or null
 * @param sudo     prefix privileged steps with {@code sudo -n} (sudo must allow them without a password); an ISC
 *                 concern, false where no sudo exists (Windows)
 */
public record SshSettings(SshTarget target, Path keyFile, String password, SshTarget jump, boolean sudo) {
    public SshSettings {
        Objects.requireNonNull(target, "target");
    }

    @Override public String toString() {
        return "SshSettings[target=" + target + ", keyFile=" + keyFile + ", password=" + (password == null ? "none" : "****")
                + ", jump=" + jump + ", sudo=" + sudo + "]";
    }
}
