package tandem.ssh;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code USER@HOST[:PORT]}: an SSH login. */
public record SshTarget(String user, String host, int port) {
    public static final int DEFAULT_PORT = 22;
    private static final Pattern FORM = Pattern.compile("([^@\\s:]+)@(\\[[0-9A-Fa-f:.]+\\]|[^@\\s:\\[\\]]+)(?::(\\d{1,5}))?");

    public SshTarget {
        if (user == null || user.isBlank()) throw new IllegalArgumentException("an SSH login needs a user (USER@HOST[:PORT])");
        if (host == null || host.isBlank()) throw new IllegalArgumentException("an SSH login needs a host (USER@HOST[:PORT])");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("SSH port must be from 1 to 65535 (got " + port + ")");
    }

    public static SshTarget parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) throw new IllegalArgumentException("expected USER@HOST[:PORT], e.g. admin@10.0.0.5 or admin@dhcp1:2222 (got " + text + ")");
        String host = m.group(2).startsWith("[") ? m.group(2).substring(1, m.group(2).length() - 1) : m.group(2);
        return new SshTarget(m.group(1), host, m.group(3) == null ? DEFAULT_PORT : Integer.parseInt(m.group(3)));
    }

    @Override public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return user + "@" + h + (port == DEFAULT_PORT ? "" : ":" + port);
    }
}
