package tandem.isc;

import java.util.Objects;

/**
 * Where an ISC server keeps its configuration and how it is checked and restarted. {@code FILE} in the validation
 * command stands for the file to check.
 */
public record IscServerSettings(SshSettings ssh, String configPath, String validateCommand, String restartCommand,
                                int omapiPort) {
    public static final String DEFAULT_CONFIG_PATH = "/etc/dhcp/dhcpd.conf";
    public static final String DEFAULT_VALIDATE_COMMAND = "dhcpd -t -4 -cf FILE";
    public static final String DEFAULT_RESTART_COMMAND = "systemctl restart isc-dhcp-server";
    public static final int DEFAULT_OMAPI_PORT = 7911;

    public IscServerSettings {
        Objects.requireNonNull(ssh, "ssh");
        if (configPath == null || configPath.isBlank()) configPath = DEFAULT_CONFIG_PATH;
        if (validateCommand == null || validateCommand.isBlank()) validateCommand = DEFAULT_VALIDATE_COMMAND;
        if (restartCommand == null || restartCommand.isBlank()) restartCommand = DEFAULT_RESTART_COMMAND;
        if (omapiPort <= 0) omapiPort = DEFAULT_OMAPI_PORT;
        if (!configPath.startsWith("/")) throw new IllegalArgumentException("the configuration path must be absolute (got " + configPath + ")");
        if (!validateCommand.contains("FILE")) {
            throw new IllegalArgumentException("the validation command must name the file to check as FILE, e.g. " + DEFAULT_VALIDATE_COMMAND);
        }
    }

    public static IscServerSettings defaults(SshSettings ssh) { return new IscServerSettings(ssh, null, null, null, 0); }
}
