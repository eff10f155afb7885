package tandem.windows;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import tandem.core.ConnectionSettings;
import tandem.ssh.SshSettings;
import tandem.ssh.SshTarget;

/**
 * How the console logs in to a Windows DHCP server: its OpenSSH server, with a password (a key-authenticated
 * Windows session cannot act on the failover partner, so the failover cmdlets need the password), optionally
 * through a jump host.
 *
 * <p>In the inventory a Windows server is an {@code ssh://USER@HOST:PORT} URL, the pinned host key in its query, the
 * jump host as the proxy and the password encrypted like every other. A relationship's peer URL adds
 * {@code #failover=NAME}.
 */
public record WindowsServerSettings(SshSettings ssh) {
    public WindowsServerSettings {
        Objects.requireNonNull(ssh, "ssh");
        if (ssh.keyFile() != null) {
            throw new IllegalArgumentException("a Windows server is reached with a password, not a key: a key login"
                    + " cannot act on the failover partner");
        }
    }

    public static WindowsServerSettings of(SshTarget target, String password, SshTarget jump) {
        return new WindowsServerSettings(new SshSettings(target, null, password, jump, false));
    }

    /** The inventory's form; {@code relationship} makes it a peer URL of that relationship (else null). */
    public ConnectionSettings toConnection(String hostKey, String relationship) {
        SshTarget t = ssh.target();
        String host = t.host().contains(":") ? "[" + t.host() + "]" : t.host();
        URI url = URI.create("ssh://" + enc(t.user()) + "@" + host + ":" + t.port() + "/"
                + (hostKey == null ? "" : "?hostkey=" + enc(hostKey))
                + (relationship == null ? "" : "#failover=" + enc(relationship)));
        SshTarget j = ssh.jump();
        URI proxy = j == null ? null : URI.create("ssh://" + enc(j.user()) + "@" + j.host() + ":" + j.port());
        return new ConnectionSettings(url, proxy, t.user(), ssh.password(), null);
    }

    /** Reads the inventory's form back (the password comes from the settings, decrypted by the store). */
    public static WindowsServerSettings fromConnection(ConnectionSettings c) {
        URI u = c.url();
        if (u == null || !"ssh".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
            throw new IllegalArgumentException("not an ssh://USER@HOST:PORT URL: " + u);
        }
        String user = u.getUserInfo() != null ? u.getUserInfo() : c.username();
        SshTarget target = new SshTarget(user, u.getHost().replace("[", "").replace("]", ""),
                u.getPort() < 0 ? SshTarget.DEFAULT_PORT : u.getPort());
        SshTarget jump = null;
        if (c.proxy() != null) {
            URI p = c.proxy();
            jump = new SshTarget(p.getUserInfo() == null ? user : p.getUserInfo(), p.getHost(),
                    p.getPort() < 0 ? SshTarget.DEFAULT_PORT : p.getPort());
        }
        return of(target, c.password(), jump);
    }

    /** The same server as a peer URL of {@code relationship}. */
    public static URI peerUrl(URI serverUrl, String relationship) {
        String s = serverUrl.toString();
        int hash = s.indexOf('#');
        return URI.create((hash < 0 ? s : s.substring(0, hash)) + "#failover=" + enc(relationship));
    }

    /** The server URL of a peer URL (without its relationship). */
    public static URI serverUrl(URI peerUrl) {
        String s = peerUrl.toString();
        int hash = s.indexOf('#');
        return hash < 0 ? peerUrl : URI.create(s.substring(0, hash));
    }

    /** The relationship a peer URL stands for, or null. */
    public static String relationship(URI url) {
        String f = url.getRawFragment();
        return f == null || !f.startsWith("failover=") ? null : URLDecoder.decode(f.substring(9), StandardCharsets.UTF_8);
    }

    /** The pinned host-key fingerprint of an inventory URL, or null. */
    public static String hostKey(URI url) {
        String q = url.getRawQuery();
        if (q == null) return null;
        for (String part : q.split("&")) {
            if (part.toLowerCase(Locale.ROOT).startsWith("hostkey=")) {
                return URLDecoder.decode(part.substring(8), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"); }
}
