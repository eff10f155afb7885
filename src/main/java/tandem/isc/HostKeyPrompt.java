package tandem.isc;

/**
 * Asked when a server's host key is not yet in the known hosts: show the fingerprint, answer whether to trust it
 * (it is then remembered). A key that differs from the remembered one is always refused, without asking.
 */
@FunctionalInterface
public interface HostKeyPrompt {
    boolean trustNewHost(String host, String keyType, String fingerprint);

    HostKeyPrompt REFUSE = (h, t, f) -> false;
}
