package tandem.ssh;

/**
 * Asked when a server's host key is not yet in the known hosts: show the fingerprint, answer whether to trust it
 * (it is then remembered). A key that differs from the remembered one is always refused, without asking.
 */
@FunctionalInterface
public interface HostKeyPrompt {
    boolean trustNewHost(String host, String keyType, String fingerprint);

    HostKeyPrompt REFUSE = (h, t, f) -> false;

    /**
     * Trusts a new host only when its fingerprint is {@code fingerprint} (pinned when the server was added; null pins
     * nothing); each key offered is noted in {@code seen} so a refusal can say which key the host showed.
     */
    static HostKeyPrompt pinned(String fingerprint, java.util.List<String> seen) {
        return (host, type, fp) -> {
            seen.add(host + " has the " + type + " host key " + fp);
            return fp.equals(fingerprint);
        };
    }
}
