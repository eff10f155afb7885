package tandem.windows.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimBinderTest {
    private final SimBinder binder = SimBinder.standard();

    /** Arguments as a script writes them: "-X" names, "-X:" attaches the next element, anything else a value. */
    private static List<SimArg> args(Object... raw) {
        List<SimArg> out = new ArrayList<>();
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] instanceof String s && s.startsWith("-") && s.endsWith(":")) out.add(SimArg.attached(s.substring(1, s.length() - 1), raw[++i]));
            else if (raw[i] instanceof String s && s.startsWith("-")) out.add(SimArg.name(s.substring(1)));
            else out.add(SimArg.value(raw[i]));
        }
        return out;
    }

    private SimError fails(String cmdlet, Object... raw) {
        return assertThrows(SimError.class, () -> binder.bind(cmdlet, args(raw)));
    }

    private static void assertError(SimError e, String message, String fqid, String category) {
        assertEquals(message, e.getMessage());
        assertEquals(fqid, e.fqid());
        assertEquals(category, e.category());
        assertEquals(SimError.BINDING, e.exceptionType());
    }

    @Test void loadBalanceCreateBindsNamedWithTypesAndDefaultSet() {
        var b = binder.bind("add-dhcpserverv4failover", args("-Name", "fo1", "-PartnerServer", "dhcp2", "-ScopeId", List.of("10.1.0.0", "10.2.0.0"),
                "-MaxClientLeadTime", "01:00:00", "-StateSwitchInterval", "8.00:00:00", "-AutoStateTransition", true, "-LoadBalancePercent", 60L, "-Force"));
        assertEquals("Add-DhcpServerv4Failover", b.cmdlet());
        assertEquals("LoadBalance", b.parameterSet());
        assertEquals(List.of(new SimIp("10.1.0.0"), new SimIp("10.2.0.0")), b.bound().get("ScopeId"));
        assertEquals(Duration.ofHours(1), b.bound().get("MaxClientLeadTime"));
        assertEquals(Duration.ofDays(8), b.bound().get("StateSwitchInterval"));
        assertEquals(60L, b.bound().get("LoadBalancePercent"));
        assertEquals(true, b.bound().get("Force"));
        assertEquals(true, b.bound().get("AutoStateTransition"));
    }

    @Test void positionalArgumentsFollowPositions() {
        var b = binder.bind("Add-DhcpServerv4Failover", args("fo1", "10.1.0.0", "dhcp2"));
        assertEquals("fo1", b.bound().get("Name"));
        assertEquals(List.of(new SimIp("10.1.0.0")), b.bound().get("ScopeId"));
        assertEquals("dhcp2", b.bound().get("PartnerServer"));
        var scope = binder.bind("Add-DhcpServerv4Scope", args("10.5.0.10", "10.5.0.200", "255.255.255.0", "Lab"));
        assertEquals(new SimIp("255.255.255.0"), scope.bound().get("SubnetMask"));
        assertEquals("Lab", scope.bound().get("Name"));
        assertError(fails("Remove-DhcpServerv4Failover", "fo1", "extra"), "A positional parameter cannot be found that accepts argument 'extra'.",
                "PositionalParameterNotFound,Remove-DhcpServerv4Failover", "InvalidArgument");
    }

    @Test void reserveOrRoleSelectHotStandbyAndValidateSetGivesCanonicalSpelling() {
        assertEquals("HotStandby", binder.bind("Add-DhcpServerv4Failover", args("fo1", "10.1.0.0", "dhcp2", "-ReservePercent", 10L)).parameterSet());
        var b = binder.bind("Add-DhcpServerv4Failover", args("fo1", "10.1.0.0", "dhcp2", "-ServerRole", "standby"));
        assertEquals("HotStandby", b.parameterSet());
        assertEquals("Standby", b.bound().get("ServerRole"));
        assertError(fails("Add-DhcpServerv4Failover", "fo1", "10.1.0.0", "dhcp2", "-ReservePercent", 10L, "-LoadBalancePercent", 60L),
                "Parameter set cannot be resolved using the specified named parameters.", "AmbiguousParameterSet,Add-DhcpServerv4Failover", "InvalidArgument");
    }

    @Test void scenario711BinderErrors() {
        assertError(fails("Add-DhcpServerv4Failover", "-Name", "fo1", "-ScopeId", "10.1.0.0", "-PartnerServer", "dhcp2", "-LoadBalancePercent", 101L),
                "Cannot validate argument on parameter 'LoadBalancePercent'. The 101 argument is greater than the maximum allowed range of 100. "
                        + "Supply an argument that is less than or equal to 100 and then try the command again.",
                "ParameterArgumentValidationError,Add-DhcpServerv4Failover", "InvalidData");
        assertError(fails("Add-DhcpServerv4Failover", "-Name", "fo1", "-ScopeId", "10.1.0.0", "-PartnerServer", "dhcp2", "-ServerRole", "Primary"),
                "Cannot validate argument on parameter 'ServerRole'. The argument \"Primary\" does not belong to the set \"Active,Standby\" specified by the "
                        + "ValidateSet attribute. Supply an argument that is in the set and then try the command again.",
                "ParameterArgumentValidationError,Add-DhcpServerv4Failover", "InvalidData");
        assertError(fails("Get-DhcpServerv4Scope", "-Bogus", 1L), "A parameter cannot be found that matches parameter name 'Bogus'.",
                "NamedParameterNotFound,Get-DhcpServerv4Scope", "InvalidArgument");
        assertError(fails("Add-DhcpServerv4Failover", "-Name", "fo1", "-ScopeId", "10.1.0.0"),
                "Cannot process command because of one or more missing mandatory parameters: PartnerServer.",
                "MissingMandatoryParameter,Add-DhcpServerv4Failover", "InvalidArgument");
        assertError(fails("Add-DhcpServerv4Failover", "-Name", "fo1"),
                "Cannot process command because of one or more missing mandatory parameters: PartnerServer ScopeId.",
                "MissingMandatoryParameter,Add-DhcpServerv4Failover", "InvalidArgument");
    }

    @Test void badAddressIsATransformationError() {
        SimError e = fails("Get-DhcpServerv4Scope", "-ScopeId", "10.1.0.300");
        assertEquals("ParameterArgumentTransformationError,Get-DhcpServerv4Scope", e.fqid());
        assertEquals("InvalidData", e.category());
        assertEquals("Cannot process argument transformation on parameter 'ScopeId'. Cannot convert value \"10.1.0.300\" to type "
                + "\"System.Net.IPAddress\". Error: \"An invalid IP address was specified.\"", e.getMessage());
        assertEquals("ParameterArgumentTransformationError,Set-DhcpServerv4Failover",
                fails("Set-DhcpServerv4Failover", "fo1", "-MaxClientLeadTime", "soon").fqid());
        assertEquals("ParameterArgumentTransformationError,Add-DhcpServerv4Failover",
                fails("Add-DhcpServerv4Failover", "fo1", "10.1.0.0", "dhcp2", "-LoadBalancePercent", -1L).fqid());
    }

    @Test void prefixesAliasesAndAttachedValues() {
        var b = binder.bind("Get-DhcpServerv4Scope", args("-Comp", "dhcp1", "-Sc", "10.1.0.0"));
        assertEquals("dhcp1", b.bound().get("ComputerName"));
        assertEquals("dhcp1", binder.bind("Get-DhcpServerv4Scope", args("-Cn", "dhcp1")).bound().get("ComputerName"));
        var s = binder.bind("Set-DhcpServerv4Failover", args("-Name:", "fo1", "-AutoStateTransition:", false, "-PartnerDown:", false, "-Confirm:", false));
        assertEquals(false, s.bound().get("AutoStateTransition"));
        assertEquals(false, s.bound().get("PartnerDown"));
        assertEquals(false, s.bound().get("Confirm"));
        SimError amb = fails("Add-DhcpServerv4Failover", "-S", "x");
        assertEquals("AmbiguousParameter,Add-DhcpServerv4Failover", amb.fqid());
        assertEquals("Parameter cannot be processed because the parameter name 'S' is ambiguous. Possible matches include: -ScopeId "
                + "-StateSwitchInterval -SharedSecret -CimSession -ServerRole.", amb.getMessage()); // -CimSession by its alias Session
    }

    @Test void commonParametersAreSeparatedAndValidated() {
        var b = binder.bind("Get-DhcpServerv4Failover", args("-ErrorAction", "stop", "-ev", "ev"));
        assertEquals("Name", b.parameterSet());
        assertEquals("Stop", b.common().get("ErrorAction"));
        assertEquals("ev", b.common().get("ErrorVariable"));
        assertEquals(0, b.bound().size());
        assertEquals("ParameterArgumentValidationError,Get-DhcpServerv4Failover", fails("Get-DhcpServerv4Failover", "-ErrorAction", "Later").fqid());
    }

    @Test void setsByMandatoryParametersThenDefault() {
        assertEquals("ScopeId", binder.bind("Get-DhcpServerv4Failover", args("-ScopeId", "10.1.0.0")).parameterSet());
        assertEquals("ScopeId", binder.bind("Get-DhcpServerv4Reservation", args("10.1.0.0")).parameterSet());
        assertEquals("ClientId", binder.bind("Get-DhcpServerv4Reservation", args("10.1.0.0", "00-11-22-33-44-55")).parameterSet());
        assertEquals("Name", binder.bind("Invoke-DhcpServerv4FailoverReplication", args("-Force")).parameterSet());
        assertEquals("ScopeId", binder.bind("Remove-DhcpServerv4Reservation", args("-ScopeId", "10.1.0.0")).parameterSet());
        assertEquals("DHCPServer", ((List<?>) binder.bind("get-service", args("DHCPServer")).bound().get("Name")).get(0));
        assertEquals("WithRange", binder.bind("Set-DhcpServerv4Scope", args("10.1.0.0", "-StartRange", "10.1.0.10", "-EndRange", "10.1.0.20")).parameterSet());
    }

    @Test void switchesTicksNullsAndRepeats() {
        var b = binder.bind("Set-DhcpServerv4Failover", args("fo1", "-StateSwitchInterval", 6_000_000_000L, "-SharedSecret", null));
        assertEquals(Duration.ofMinutes(10), b.bound().get("StateSwitchInterval"));
        assertEquals(null, b.bound().get("SharedSecret"));
        assertEquals("ParameterArgumentValidationError,Add-DhcpServerv4Failover",
                fails("Add-DhcpServerv4Failover", "fo1", "10.1.0.0", "dhcp2", "-SharedSecret", null).fqid());
        assertEquals("ParameterAlreadyBound,Get-DhcpServerv4Scope", fails("Get-DhcpServerv4Scope", "-ScopeId", "10.1.0.0", "-ScopeId", "10.2.0.0").fqid());
        assertEquals("MissingArgument,Set-DhcpServerv4Failover", fails("Set-DhcpServerv4Failover", "-Name").fqid());
        assertEquals("ParameterArgumentTransformationError,Add-DhcpServerv4Failover",
                fails("Add-DhcpServerv4Failover", "fo1", "10.1.0.0", "dhcp2", "-AutoStateTransition", "yes").fqid());
    }

    @Test void unknownCmdletIsCommandNotFound() {
        SimError e = assertThrows(SimError.class, () -> binder.bind("Get-DhcpServerv6Scope", List.of()));
        assertEquals("The term 'Get-DhcpServerv6Scope' is not recognized as the name of a cmdlet, function, script file, or operable program. "
                + "Check the spelling of the name, or if a path was included, verify that the path is correct and try again.", e.getMessage());
        assertEquals("CommandNotFoundException", e.fqid());
        assertEquals("ObjectNotFound", e.category());
        assertEquals(SimError.COMMAND_NOT_FOUND, e.exceptionType());
    }
}
