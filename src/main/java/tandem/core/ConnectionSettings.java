package tandem.core;

import java.net.URI;
import java.util.Locale;
import tandem.core.change.Redaction;

/**
 * How the console reaches a server's control endpoint.
 *
 * @param proxy               the machine through which the console reaches the endpoint (an HTTP proxy), or null
 * @param password            kept in memory only; the store encrypts it
 * @param trustAnchorPem      a CA certificate (PEM) to trust for HTTPS endpoints, or null
 * @param allowPlainHttpPeers send the credentials to peers whose URL (from the server's configuration) is plain
 *                            http even though this server was added through https; off by default, see
 *                            {@link #forPeer}
 */
public record ConnectionSettings(URI url, URI proxy, String username, String password, String trustAnchorPem,
                                 boolean allowPlainHttpPeers) {
    /** How the administrator allows it on the command line. */
    public static final String ALLOW_PLAIN_HTTP_PEERS_OPTION = "--allow-plain-http-peers";

    public ConnectionSettings(URI url, URI proxy, String username, String password, String trustAnchorPem) {
        this(url, proxy, username, password, trustAnchorPem, false);
    }

    public static ConnectionSettings of(URI url) { return new ConnectionSettings(url, null, null, null, null); }

    public ConnectionSettings withUrl(URI other) {
        return new ConnectionSettings(other, proxy, username, password, trustAnchorPem, allowPlainHttpPeers);
    }

    public ConnectionSettings withAllowPlainHttpPeers(boolean allow) {
        return new ConnectionSettings(url, proxy, username, password, trustAnchorPem, allow);
    }

    public boolean hasCredentials() { return username != null && !username.isBlank(); }

    /**
     * True when the credentials must not go to {@code peerUrl}: the administrator gave this server an https URL, so
     * its credentials are meant to travel encrypted, and the peer's URL, taken from the server's own configuration,
     * is plain http, where anyone on the path could read them. Unless explicitly allowed.
     */
    public boolean withholdsCredentialsFrom(URI peerUrl) {
        return hasCredentials() && !allowPlainHttpPeers && "https".equals(scheme(url)) && "http".equals(scheme(peerUrl));
    }

    /**
     * The settings for reaching another peer of a relationship added through this server: the same proxy, trust
     * anchor and credentials, except that credentials are withheld from a plain-http peer of an https server
     * ({@link #withholdsCredentialsFrom}); that peer is then asked without credentials.
     */
    public ConnectionSettings forPeer(URI peerUrl) {
        if (!withholdsCredentialsFrom(peerUrl)) return withUrl(peerUrl);
        return new ConnectionSettings(peerUrl, proxy, null, null, trustAnchorPem, allowPlainHttpPeers);
    }

    /** Why a peer is asked without credentials, for the status and the import notes. */
    public String withheldReason(String peer, URI peerUrl) {
        return "The credentials are not sent to " + peer + " (" + peerUrl + "): its URL is plain http while "
                + url.getHost() + " was added through https; serve its Control Agent over https, or add the server"
                + " with " + ALLOW_PLAIN_HTTP_PEERS_OPTION + " to send them anyway";
    }

    private static String scheme(URI u) {
        return u == null || u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    }

    @Override public String toString() {
        return "ConnectionSettings[url=" + Redaction.uri(url) + ", proxy=" + Redaction.uri(proxy) + ", username=" + username
                + ", password=" + (password == null ? "none" : "****") + ", trustAnchor="
                + (trustAnchorPem == null ? "none" : "set")
                + (allowPlainHttpPeers ? ", allowPlainHttpPeers" : "") + "]";
    }
}
