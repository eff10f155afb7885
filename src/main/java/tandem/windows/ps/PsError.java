package tandem.windows.ps;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PowerShell error as a Tandem script reports it: the exception's message (localised: shown, never read), the
 * FullyQualifiedErrorId ({@code DHCP 20005,Get-DhcpServerv4Scope}, {@code WIN32 5,Add-DhcpServerv4Failover},
 * {@code NamedParameterNotFound,Add-DhcpServerv4Failover}...), the error category ({@code ObjectNotFound}...), the
 * exception's type and the script's step. {@link #kind()} is decided from the identifier and category alone.
 */
public record PsError(String message, String fqid, String category, String type, String step) {
    public enum Kind {
        /** The object named does not exist (no such scope, option, relationship...). */
        NOT_FOUND,
        /** The object to create exists already. */
        EXISTS,
        /** The login lacks the rights (on this server or, acting for it, on the partner). */
        ACCESS_DENIED,
        /** The DHCP server does not answer its RPC (service stopped, host gone). */
        SERVER_UNAVAILABLE,
        /** PowerShell refused the parameters before the cmdlet ran: a Tandem bug or an older module. */
        BINDING,
        /** No such cmdlet: the DhcpServer module is missing. */
        COMMAND_NOT_FOUND,
        /** Get-Service found no such service: the DHCP Server role is not installed. */
        SERVICE_NOT_FOUND,
        /** PowerShell could not parse the script. */
        PARSE,
        OTHER
    }

    private static final Pattern CODE = Pattern.compile("^(DHCP|WIN32) (\\d+),");
    private static final Set<String> BINDER_IDS = Set.of("NamedParameterNotFound", "AmbiguousParameterSet",
            "MissingMandatoryParameter", "ParameterArgumentValidationError", "ParameterArgumentTransformationError",
            "PositionalParameterNotFound", "ParameterBindingFailed", "MissingArgument", "CannotConvertArgument");
    /** RPC server unavailable, no endpoints, call failed (twice), network path not found, host unreachable. */
    private static final Set<Long> UNAVAILABLE_WIN32 = Set.of(1722L, 1753L, 1726L, 1727L, 53L, 1231L);
    /** DHCP codes for objects that exist (scope, reservation, relationship). */
    private static final Set<Long> EXISTS_DHCP = Set.of(20052L, 20022L, 20114L);
    /** DHCP codes for absent objects (scope, option, relationship, scope not in relationship). */
    private static final Set<Long> NOT_FOUND_DHCP = Set.of(20005L, 20010L, 20115L, 20116L);
    /** NO_ADMIN_PERMISSION: the partner refused the caller's token. */
    private static final long DHCP_NO_ADMIN_PERMISSION = 20121;
    /** The partner's server is unreachable or not running. */
    private static final Set<Long> UNAVAILABLE_DHCP = Set.of(20122L, 20123L);

    public PsError {
        message = message == null ? "" : message;
        fqid = fqid == null ? "" : fqid;
        category = category == null ? "" : category;
        type = type == null ? "" : type;
        step = step == null ? "" : step;
    }

    public Kind kind() {
        String id = errorId();
        if (BINDER_IDS.contains(id)) return Kind.BINDING;
        if (id.equals("CommandNotFoundException")) return Kind.COMMAND_NOT_FOUND;
        if (id.equals("NoServiceFoundForGivenName")) return Kind.SERVICE_NOT_FOUND;
        if (category.equals("ParserError") || id.equals("ParseException")) return Kind.PARSE;
        Long win32 = win32Code();
        Long dhcp = dhcpCode();
        if (category.equals("PermissionDenied") || Long.valueOf(5).equals(win32)
                || Long.valueOf(DHCP_NO_ADMIN_PERMISSION).equals(dhcp)) {
            return Kind.ACCESS_DENIED;
        }
        if ((win32 != null && UNAVAILABLE_WIN32.contains(win32)) || (dhcp != null && UNAVAILABLE_DHCP.contains(dhcp))) {
            return Kind.SERVER_UNAVAILABLE;
        }
        if (category.equals("ObjectNotFound") || (dhcp != null && NOT_FOUND_DHCP.contains(dhcp))) return Kind.NOT_FOUND;
        if (category.equals("ResourceExists") || (dhcp != null && EXISTS_DHCP.contains(dhcp))) return Kind.EXISTS;
        return Kind.OTHER;
    }

    /** The number in {@code DHCP n,Cmdlet}, or null. */
    public Long dhcpCode() { return code("DHCP"); }

    /** The number in {@code WIN32 n,Cmdlet}, or null. */
    public Long win32Code() { return code("WIN32"); }

    private Long code(String family) {
        Matcher m = CODE.matcher(fqid);
        return m.find() && m.group(1).equals(family) ? Long.valueOf(m.group(2)) : null;
    }

    /** The identifier before the comma ({@code NamedParameterNotFound}, {@code DHCP 20005}), or the whole FQID. */
    public String errorId() {
        int comma = fqid.indexOf(',');
        return (comma < 0 ? fqid : fqid.substring(0, comma)).strip();
    }

    /** The command the FQID names after its comma, else the script's step (may be empty). */
    public String cmdlet() {
        int comma = fqid.indexOf(',');
        String named = comma < 0 ? "" : fqid.substring(comma + 1).strip();
        return named.isEmpty() ? step : named;
    }

    /** For people: the message, then the identifier Windows gave it. */
    public String describe() {
        String where = cmdlet().isEmpty() ? "" : cmdlet() + ": ";
        return where + message + (fqid.isEmpty() ? "" : " (" + fqid + ")");
    }
}
