package tandem.windows.sim;

/**
 * A PowerShell error raised by the Windows DHCP simulator, with the parts a real Windows error record carries: the
 * message, the fully qualified error id ({@code DHCP 20005,Get-DhcpServerv4Scope}), the category
 * ({@code ObjectNotFound}) and the .NET exception type. Tandem classifies errors by id and category only, so the
 * simulator's wording only follows the documented pattern.
 */
public final class SimError extends RuntimeException {
    public static final String CIM = "Microsoft.Management.Infrastructure.CimException";
    public static final String BINDING = "System.Management.Automation.ParameterBindingException";
    public static final String COMMAND_NOT_FOUND = "System.Management.Automation.CommandNotFoundException";
    public static final String PARSE = "System.Management.Automation.ParseException";
    public static final String SERVICE = "Microsoft.PowerShell.Commands.ServiceCommandException";

    private final String fqid;
    private final String category;
    private final String exceptionType;

    public SimError(String message, String fqid, String category, String exceptionType) {
        super(message);
        this.fqid = fqid;
        this.category = category;
        this.exceptionType = exceptionType;
    }

    /** A DhcpServer failure with a DHCP error code: {@code Failed to <action> on DHCP server <server>.} */
    public static SimError dhcp(int code, String cmdlet, String category, String message) {
        return new SimError(message, "DHCP " + code + "," + cmdlet, category, CIM);
    }

    /** A DhcpServer failure with a Win32 code, e.g. 5 (access denied) or 1722 (RPC server unavailable). */
    public static SimError win32(int code, String cmdlet, String category, String message) {
        return new SimError(message, "WIN32 " + code + "," + cmdlet, category, CIM);
    }

    /** A parameter binder failure, e.g. {@code NamedParameterNotFound}. */
    public static SimError binder(String id, String cmdlet, String category, String message) {
        return new SimError(message, id + "," + cmdlet, category, BINDING);
    }

    public String fqid() { return fqid; }

    public String category() { return category; }

    public String exceptionType() { return exceptionType; }
}
