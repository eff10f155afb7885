package tandem.core;

import java.net.URI;
import tandem.core.change.Redaction;

/**
 * How the console reaches a server's control endpoint.
 *
 * @param proxy          the machine through which the console reaches the endpoint (an HTTP proxy), or null
 * @param password       kept in memory only; the store encrypts it
 * @param trustAnchorPem a CA certificate (PEM) to trust for HTTPS endpoints, or null
 */
public record ConnectionSettings(URI url, URI proxy, String username, String password, String trustAnchorPem) {
    public static ConnectionSettings of(URI url) { return new ConnectionSettings(url, null, null, null, null); }

    public ConnectionSettings withUrl(URI other) {
        return new ConnectionSettings(other, proxy, username, password, trustAnchorPem);
    }

    public boolean hasCredentials() { return username != null && !username.isBlank(); }

    @Override public String toString() {
        return "ConnectionSettings[url=" + Redaction.uri(url) + ", proxy=" + Redaction.uri(proxy) + ", username=" + username
                + ", password=" + (password == null ? "none" : "****") + ", trustAnchor="
                + (trustAnchorPem == null ? "none" : "set") + "]";
    }
}
