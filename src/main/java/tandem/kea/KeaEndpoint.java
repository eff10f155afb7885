package tandem.kea;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How the console reaches one Kea control endpoint: a Control Agent (Kea 2) or a daemon's own control socket (Kea 3).
 *
 * @param url            the control endpoint URL (http or https)
 * @param proxy          an HTTP proxy in front of the agent (e.g. {@code http://proxyhost:3128}), or null to connect
 *                       directly; user info in the proxy URI is sent as proxy credentials
 * @param username       basic-auth user, or null for none
 * @param password       basic-auth password, or null; never printed
 * @param trustAnchorPem PEM text of the CA certificate(s) to trust for HTTPS, or null for the platform defaults;
 *                       when set, only these certificates are trusted
 * @param timeout        the whole call (connect, send, wait, read) must finish within this time
 */
public record KeaEndpoint(URI url, URI proxy, String username, String password, String trustAnchorPem,
                          Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    public KeaEndpoint {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("Kea control URL must start with http:// or https://: " + url);
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("Kea control URL has no host: " + url);
        }
        if (proxy != null && (proxy.getHost() == null || proxy.getPort() < 0)) {
            throw new IllegalArgumentException("Proxy must look like http://host:port: " + mask(proxy));
        }
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /** A direct, unauthenticated endpoint with the default 2 s timeout. */
    public static KeaEndpoint of(String url) {
        return new KeaEndpoint(URI.create(url), null, null, null, null, DEFAULT_TIMEOUT);
    }

    public KeaEndpoint withProxy(URI newProxy) {
        return new KeaEndpoint(url, newProxy, username, password, trustAnchorPem, timeout);
    }

    public KeaEndpoint withCredentials(String newUsername, String newPassword) {
        return new KeaEndpoint(url, proxy, newUsername, newPassword, trustAnchorPem, timeout);
    }

    public KeaEndpoint withTrustAnchor(String pem) {
        return new KeaEndpoint(url, proxy, username, password, pem, timeout);
    }

    public KeaEndpoint withTimeout(Duration newTimeout) {
        return new KeaEndpoint(url, proxy, username, password, trustAnchorPem, newTimeout);
    }

    /** "host:port" of the agent, for messages. */
    public String authority() {
        int port = url.getPort() >= 0 ? url.getPort() : (url.getScheme().equalsIgnoreCase("https") ? 443 : 80);
        return url.getHost() + ":" + port;
    }

    /** The proxy as "host:port", for messages; null when direct. */
    public String proxyAuthority() {
        return proxy == null ? null : proxy.getHost() + ":" + proxy.getPort();
    }

    /** Without the password, the proxy credentials or the certificate text. */
    @Override
    public String toString() {
        return "KeaEndpoint[url=" + url
                + (proxy == null ? "" : ", proxy=" + mask(proxy))
                + (username == null ? "" : ", username=" + username)
                + (password == null ? "" : ", password=****")
                + (trustAnchorPem == null ? "" : ", trustAnchor=(PEM)")
                + ", timeout=" + timeout + "]";
    }

    private static String mask(URI uri) {
        if (uri.getUserInfo() == null) {
            return uri.toString();
        }
        return uri.getScheme() + "://****@" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
    }
}
