package tandem.core.change;

/**
 * Who makes a change, as the audit trail and a refused writer name it.
 *
 * @param user    the operating-system user now; the signed-in user in team mode
 * @param process this process as a person reads it: "the console", "tandem watch", "tandem reservation add"
 */
public record Actor(String user, ProcessId process, String processName) {
    public static Actor current(String processName) {
        return new Actor(System.getProperty("user.name", "unknown"), ProcessId.current(), processName);
    }

    public String host() { return process.host(); }

    public long pid() { return process.pid(); }
}
