package tandem.windows.ps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import tandem.windows.ps.PsError.Kind;

/** Errors are classified by their identifier and category: the message, localised or garbled, changes nothing. */
class PsErrorTest {
    private static final String CIM = "Microsoft.Management.Infrastructure.CimException";
    private static final String BINDER = "System.Management.Automation.ParameterBindingException";

    private record Case(String fqid, String category, String type, String english, Kind kind) {}

    private static final List<Case> CASES = List.of(
            // §4.1 captured DhcpServer failures
            new Case("DHCP 20005,Get-DhcpServerv4Scope", "ObjectNotFound", CIM,
                    "Failed to get scope information for scope 10.20.30.0 on DHCP server HOST.", Kind.NOT_FOUND),
            new Case("DHCP 20010,Get-DhcpServerv4OptionValue", "ObjectNotFound", CIM,
                    "Failed to get option value for option 6 on DHCP server HOST.", Kind.NOT_FOUND),
            new Case("DHCP 20116,Get-DhcpServerv4Failover", "ObjectNotFound", CIM,
                    "Failed to get failover relationship for scope 10.1.0.0 on DHCP server HOST.", Kind.NOT_FOUND),
            new Case("DHCP 20052,Add-DhcpServerv4Scope", "ResourceExists", CIM,
                    "Failed to add scope 10.1.0.0 on DHCP server HOST.", Kind.EXISTS),
            new Case("DHCP 20023,Add-DhcpServerv4ExclusionRange", "InvalidData", CIM,
                    "Failed to add exclusion range on DHCP server HOST.", Kind.OTHER),
            new Case("WIN32 5,Get-DhcpServerv4Scope", "PermissionDenied", CIM,
                    "Failed to enumerate scopes on DHCP server DC1. Access is denied.", Kind.ACCESS_DENIED),
            // §4.2 codes whose category was not captured: the code decides
            new Case("DHCP 20114,Add-DhcpServerv4Failover", "NotSpecified", CIM,
                    "Failed to add failover relationship r on DHCP server HOST.", Kind.EXISTS),
            new Case("DHCP 20115,Remove-DhcpServerv4Failover", "NotSpecified", CIM,
                    "Failed to delete failover relationship r on DHCP server HOST.", Kind.NOT_FOUND),
            new Case("DHCP 20121,Add-DhcpServerv4Failover", "NotSpecified", CIM,
                    "Failed to add failover relationship r on DHCP server HOST.", Kind.ACCESS_DENIED),
            new Case("DHCP 20122,Add-DhcpServerv4Failover", "NotSpecified", CIM,
                    "Failed to add failover relationship r on DHCP server HOST.", Kind.SERVER_UNAVAILABLE),
            new Case("DHCP 20120,Add-DhcpServerv4FailoverScope", "InvalidOperation", CIM,
                    "Failed to add scope to failover relationship r on DHCP server HOST.", Kind.OTHER),
            new Case("WIN32 1722,Get-DhcpServerv4Failover", "NotSpecified", CIM,
                    "Failed to get failover relationships on DHCP server HOST. The RPC server is unavailable.", Kind.SERVER_UNAVAILABLE),
            // §4.3 binder
            new Case("NamedParameterNotFound,Add-DhcpServerv4Failover", "InvalidArgument", BINDER,
                    "A parameter cannot be found that matches parameter name 'Bogus'.", Kind.BINDING),
            new Case("AmbiguousParameterSet,Add-DhcpServerv4Failover", "InvalidArgument", BINDER,
                    "Parameter set cannot be resolved using the specified named parameters.", Kind.BINDING),
            new Case("MissingMandatoryParameter,Add-DhcpServerv4Failover", "InvalidArgument", BINDER,
                    "Cannot process command because of one or more missing mandatory parameters: PartnerServer.", Kind.BINDING),
            new Case("ParameterArgumentValidationError,Add-DhcpServerv4Failover", "InvalidData", BINDER,
                    "Cannot validate argument on parameter 'LoadBalancePercent'.", Kind.BINDING),
            new Case("ParameterArgumentTransformationError,Get-DhcpServerv4Scope", "InvalidData", BINDER,
                    "Cannot process argument transformation on parameter 'ScopeId'.", Kind.BINDING),
            // no DhcpServer module, no DHCP service, a script PowerShell could not parse
            new Case("CommandNotFoundException", "ObjectNotFound", "System.Management.Automation.CommandNotFoundException",
                    "The term 'Get-DhcpServerv4Failover' is not recognized as the name of a cmdlet.", Kind.COMMAND_NOT_FOUND),
            new Case("NoServiceFoundForGivenName,Microsoft.PowerShell.Commands.GetServiceCommand", "ObjectNotFound",
                    "Microsoft.PowerShell.Commands.ServiceCommandException",
                    "Cannot find any service with service name 'DHCPServer'.", Kind.SERVICE_NOT_FOUND),
            new Case("ParseException", "ParserError", "System.Management.Automation.ParseException",
                    "Missing closing '}' in statement block or type definition.", Kind.PARSE));

    @Test
    void eachIdentifierAndCategoryIsClassified() {
        for (Case c : CASES) {
            PsError e = new PsError(c.english(), c.fqid(), c.category(), c.type(), "Some-Step");
            assertEquals(c.kind(), e.kind(), c.fqid());
        }
    }

    @Test
    void theMessageChangesNothingFrenchOrGarbled() {
        for (Case c : CASES) {
            for (String message : List.of("Échec de l’obtention des informations sur l’étendue sur le serveur DHCP HOST. Accès refusé.",
                    "zq% not found access denied exists RPC unavailable ~~", "", new StringBuilder(c.english()).reverse().toString())) {
                assertEquals(c.kind(), new PsError(message, c.fqid(), c.category(), c.type(), "").kind(), c.fqid() + " / " + message);
            }
        }
        // and a message that sounds like another kind does not make it one
        assertEquals(Kind.OTHER, new PsError("Access is denied. The RPC server is unavailable. Not found.",
                "DHCP 20023,Add-DhcpServerv4ExclusionRange", "InvalidData", CIM, "").kind());
    }

    @Test
    void codesAndCmdletComeFromTheIdentifier() {
        PsError dhcp = new PsError("m", "DHCP 20005,Get-DhcpServerv4Scope", "ObjectNotFound", CIM, "Get-DhcpServerv4Failover");
        assertEquals(20005L, dhcp.dhcpCode());
        assertNull(dhcp.win32Code());
        assertEquals("Get-DhcpServerv4Scope", dhcp.cmdlet());
        PsError win32 = new PsError("m", "WIN32 1722,Add-DhcpServerv4Failover", "", CIM, "");
        assertEquals(1722L, win32.win32Code());
        assertNull(win32.dhcpCode());
        PsError bare = new PsError("m", "CommandNotFoundException", "ObjectNotFound", "", "Get-DhcpServerv4Failover");
        assertEquals("Get-DhcpServerv4Failover", bare.cmdlet(), "without a cmdlet in the identifier, the script's step");
        assertNull(bare.dhcpCode());
        PsError none = new PsError(null, null, null, null, null);
        assertEquals(Kind.OTHER, none.kind());
        assertEquals("", none.cmdlet());
        assertEquals("Get-DhcpServerv4Scope: m (DHCP 20005,Get-DhcpServerv4Scope)", dhcp.describe());
    }
}
