package tandem.isc;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tandem.core.ConnectionSettings;
import tandem.ssh.SshSettings;
import tandem.ssh.SshTarget;

/**
 * Where an ISC server keeps its configuration and how it is checked, restarted and asked for its failover state.
 * {@code FILE} in the validation command stands for the file to check; {@code omshellCommand} runs ISC's omshell
 * next to dhcpd (e.g. {@code omshell}, or {@code docker exec dhcp omshell} for a dhcpd in a container).
 *
 * <p>In the inventory an ISC server is an {@code ssh://USER@HOST:PORT/CONFIG?...} URL with these settings in its
 * query (the key file by path, never its content), the jump host as the proxy, and the password encrypted like
 * every other.
 */
public record IscServerSettings(SshSettings ssh, String configPath, String validateCommand, String restartCommand,
                                int omapiPort, String omshellCommand) {
    public static final String DEFAULT_CONFIG_PATH = "/etc/dhcp/dhcpd.conf";
    public static final String DEFAULT_VALIDATE_COMMAND = "dhcpd -t -4 -cf FILE";
    public static final String DEFAULT_RESTART_COMMAND = "systemctl restart isc-dhcp-server";
    public static final int DEFAULT_OMAPI_PORT = 7911;
    public static final String DEFAULT_OMSHELL_COMMAND = "omshell";

    public IscServerSettings {
        Objects.requireNonNull(ssh, "ssh");
        if (configPath == null || configPath.isBlank()) configPath = DEFAULT_CONFIG_PATH;
        if (validateCommand == null || validateCommand.isBlank()) validateCommand = DEFAULT_VALIDATE_COMMAND;
        if (restartCommand == null || restartCommand.isBlank()) restartCommand = DEFAULT_RESTART_COMMAND;
        if (omapiPort == 0) omapiPort = DEFAULT_OMAPI_PORT; // 0: not given
        if (omshellCommand == null || omshellCommand.isBlank()) omshellCommand = DEFAULT_OMSHELL_COMMAND;
        if (!configPath.startsWith("/")) throw new IllegalArgumentException("the configuration path must be absolute (got " + configPath + ")");
        if (!validateCommand.contains("FILE")) {
            throw new IllegalArgumentException("the validation command must name the file to check as FILE, e.g. " + DEFAULT_VALIDATE_COMMAND);
        }
        if (omapiPort < 0 || omapiPort > 65535) throw new IllegalArgumentException("the OMAPI port must be from 1 to 65535 (got " + omapiPort + ")");
    }

    public static IscServerSettings defaults(SshSettings ssh) { return new IscServerSettings(ssh, null, null, null, 0, null); }

    public IscServerSettings withSsh(SshSettings other) {
        return new IscServerSettings(other, configPath, validateCommand, restartCommand, omapiPort, omshellCommand);
    }

    /**
     * The inventory's form: {@code fragment} says which failover peer the URL stands for ("peer=NAME" for the
     * server itself, "partner=NAME" for its partner as the server sees it), and {@code hostKey} pins the
     * fingerprint the administrator accepted for a host not yet known.
     */
    public ConnectionSettings toConnection(String hostKey, String fragment) {
        Map<String, String> q = new LinkedHashMap<>();
        if (ssh.keyFile() != null) q.put("key", ssh.keyFile().toString());
        if (ssh.sudo()) q.put("sudo", "true");
        if (!validateCommand.equals(DEFAULT_VALIDATE_COMMAND)) q.put("validate", validateCommand);
        if (!restartCommand.equals(DEFAULT_RESTART_COMMAND)) q.put("restart", restartCommand);
        if (omapiPort != DEFAULT_OMAPI_PORT) q.put("omapi", String.valueOf(omapiPort));
        if (!omshellCommand.equals(DEFAULT_OMSHELL_COMMAND)) q.put("omshell", omshellCommand);
        if (hostKey != null) q.put("hostkey", hostKey);
        StringBuilder query = new StringBuilder();
        q.forEach((k, v) -> query.append(query.length() == 0 ? "?" : "&").append(k).append('=').append(enc(v)));
        SshTarget t = ssh.target();
        String host = t.host().contains(":") ? "[" + t.host() + "]" : t.host();
        URI url = URI.create("ssh://" + enc(t.user()) + "@" + host + ":" + t.port() + pathOf(configPath) + query
                + (fragment == null ? "" : "#" + enc(fragment)));
        URI proxy = ssh.jump() == null ? null : URI.create("ssh://" + enc(ssh.jump().user()) + "@" + ssh.jump().host() + ":" + ssh.jump().port());
        return new ConnectionSettings(url, proxy, t.user(), ssh.password(), null);
    }

    /** Reads the inventory's form back. */
    public static IscServerSettings fromConnection(ConnectionSettings c) {
        URI u = c.url();
        if (u == null || !"ssh".equalsIgnoreCase(u.getScheme())) throw new IllegalArgumentException("not an ssh:// URL: " + u);
        Map<String, String> q = query(u);
        String user = u.getUserInfo() != null ? u.getUserInfo() : c.username();
        SshTarget target = new SshTarget(user, u.getHost().replace("[", "").replace("]", ""), u.getPort() < 0 ? SshTarget.DEFAULT_PORT : u.getPort());
        SshTarget jump = null;
        if (c.proxy() != null) {
            URI p = c.proxy();
            jump = new SshTarget(p.getUserInfo() == null ? user : p.getUserInfo(), p.getHost(), p.getPort() < 0 ? SshTarget.DEFAULT_PORT : p.getPort());
        }
        SshSettings ssh = new SshSettings(target, q.containsKey("key") ? Path.of(q.get("key")) : null, c.password(), jump,
                "true".equals(q.get("sudo")));
        return new IscServerSettings(ssh, u.getPath() == null || u.getPath().isEmpty() ? null : u.getPath(), q.get("validate"),
                q.get("restart"), q.containsKey("omapi") ? Integer.parseInt(q.get("omapi")) : 0, q.get("omshell"));
    }

    /** The pinned host-key fingerprint of an inventory URL, or null. */
    public static String hostKey(URI url) { return query(url).get("hostkey"); }

    /** "peer=NAME" or "partner=NAME" of an inventory URL, or null. */
    public static String fragment(URI url) { return url.getFragment(); }

    private static Map<String, String> query(URI u) {
        Map<String, String> q = new LinkedHashMap<>();
        String raw = u.getRawQuery();
        if (raw == null) return q;
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            if (eq > 0) q.put(part.substring(0, eq), URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    private static String pathOf(String p) {
        StringBuilder b = new StringBuilder();
        for (String seg : p.substring(1).split("/", -1)) b.append('/').append(enc(seg));
        return b.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static URI uri(String s) {
        try {
            return new URI(s);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
