package tandem.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The records read the projection's rows as both PowerShell editions print them, and odd shapes besides. */
class WinRecordsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void failoverInLoadBalanceAsProjected() throws Exception {
        WinFailover f = WinFailover.from(json("{'name':'dhcp-master\\u003c--\\u003edhcp-node','partner':'dhcp2',"
                + "'mode':'LoadBalance','state':'Normal','serverRole':'','serverType':'PrimaryServer',"
                + "'loadBalancePercent':50,'reservePercent':null,'mcltSec':3600,'switchIntervalSec':null,"
                + "'autoStateTransition':false,'enableAuth':true,'scopeIds':'10.1.0.0,10.2.0.0'}"));
        assertEquals("dhcp-master<-->dhcp-node", f.name());
        assertEquals("dhcp2", f.partner());
        assertEquals(FailoverMode.LOAD_BALANCE, f.failoverMode());
        assertTrue(f.isNormal());
        assertEquals("", f.serverRole());
        assertEquals(50, f.loadBalancePercent());
        assertNull(f.reservePercent());
        assertEquals(3600L, f.mcltSec());
        assertNull(f.switchIntervalSec());
        assertFalse(f.autoStateTransition());
        assertTrue(f.enableAuth());
        assertEquals(List.of("10.1.0.0", "10.2.0.0"), f.scopeIds());
        assertTrue(f.hasScope(" 10.2.0.0"));
        assertFalse(f.hasScope("10.3.0.0"));
    }

    @Test
    void numbersAsStringsAndFlagsAsWords() throws Exception {
        WinFailover f = WinFailover.from(json("{'name':'fo1','mode':'HotStandby','state':'CommunicationInterrupted',"
                + "'serverRole':'Standby','reservePercent':' 10 ','mcltSec':'7200','switchIntervalSec':'600.0',"
                + "'autoStateTransition':'True','enableAuth':0,'scopeIds':['10.1.0.0']}"));
        assertEquals(FailoverMode.HOT_STANDBY, f.failoverMode());
        assertEquals(10, f.reservePercent());
        assertEquals(7200L, f.mcltSec());
        assertEquals(600L, f.switchIntervalSec());
        assertTrue(f.autoStateTransition());
        assertFalse(f.enableAuth());
        assertEquals(List.of("10.1.0.0"), f.scopeIds());
    }

    @Test
    void missingOptionalFieldsAndAnEmptyRelationship() throws Exception {
        WinFailover f = WinFailover.from(json("{'name':'empty','scopeIds':''}"));
        assertEquals(List.of(), f.scopeIds());
        assertEquals("", f.partner());
        assertEquals("", f.serverRole());
        assertNull(f.loadBalancePercent());
        assertNull(f.mcltSec());
        assertFalse(f.enableAuth());
        assertNull(f.failoverMode());
        assertEquals(List.of(), WinFailover.from(json("{'name':'x'}")).scopeIds());
        assertEquals(List.of(), WinFailover.from(json("{'name':'x','scopeIds':null}")).scopeIds());
    }

    @Test
    void unprojectedPowerShellShapesStillRead() throws Exception {
        // 5.1's wrapper around a PSObject array, IPAddress objects without IPAddressToString, a TimeSpan object
        WinFailover f = WinFailover.from(json("{'Name':'fo1','scopeIds':{'value':[{'Address':698560,'AddressFamily':2},"
                + "{'IPAddressToString':'10.9.0.0'}],'Count':2},'mcltSec':{'Ticks':36000000000,'TotalSeconds':3600.0}}"));
        assertEquals("fo1", f.name());
        assertEquals(List.of("192.168.10.0", "10.9.0.0"), f.scopeIds());
        assertEquals(3600L, f.mcltSec());
    }

    @Test
    void aRowWithoutItsKeyOrWithAGarbledNumberIsRefused() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> WinFailover.from(json("{'partner':'dhcp2'}")));
        assertThrows(IllegalArgumentException.class, () -> WinScope.from(json("{'name':'s'}")));
        assertThrows(IllegalArgumentException.class, () -> WinOptionValue.from(json("{'name':'Router'}")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WinFailover.from(json("{'name':'fo1','mcltSec':'one hour'}")));
        assertTrue(e.getMessage().contains("mcltSec"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WinFailover.from(null));
    }

    @Test
    void scope() throws Exception {
        WinScope s = WinScope.from(json("{'scopeId':'10.1.0.0','name':'Office','subnetMask':'255.255.255.0',"
                + "'startRange':'10.1.0.10','endRange':'10.1.0.200','state':'Active','type':'Dhcp',"
                + "'leaseDurationSec':'691200','description':null}"));
        assertEquals(new WinScope("10.1.0.0", "Office", "255.255.255.0", "10.1.0.10", "10.1.0.200", "Active", "Dhcp",
                691200L, ""), s);
        assertTrue(s.isDhcpOnly());
        assertFalse(WinScope.from(json("{'scopeId':'10.1.0.0','type':'Both'}")).isDhcpOnly());
        assertNull(WinScope.from(json("{'scopeId':'10.1.0.0'}")).leaseDurationSec());
    }

    @Test
    void exclusionReservationAndOptionValue() throws Exception {
        WinExclusion e = WinExclusion.from(json("{'scopeId':'10.1.0.0','startRange':'10.1.0.1','endRange':'10.1.0.9'}"));
        assertEquals("10.1.0.1-10.1.0.9", e.range());
        assertThrows(IllegalArgumentException.class, () -> WinExclusion.from(json("{'scopeId':'10.1.0.0','startRange':'10.1.0.1'}")));

        WinReservation r = WinReservation.from(json("{'scopeId':'10.1.0.0','ipAddress':'10.1.0.50',"
                + "'clientId':'00-50-56-b0-68-05','name':'printer','type':'Both'}"));
        assertEquals(new WinReservation("10.1.0.0", "10.1.0.50", "00-50-56-b0-68-05", "printer", "Both", ""), r);

        WinOptionValue dns = WinOptionValue.from(json("{'optionId':'6','name':'DNS Servers',"
                + "'value':['10.0.0.1','10.0.0.2'],'reservedIp':null}"));
        assertEquals(6, dns.optionId());
        assertEquals(List.of("10.0.0.1", "10.0.0.2"), dns.value());
        assertTrue(dns.atScopeLevel());

        // one value, a comma inside it, on a reservation: a lone string is one value, never split
        WinOptionValue search = WinOptionValue.from(json("{'optionId':15,'value':'a.example, b.example',"
                + "'reservedIp':'10.1.0.50'}"));
        assertEquals(List.of("a.example, b.example"), search.value());
        assertEquals("10.1.0.50", search.reservedIp());
        assertFalse(search.atScopeLevel());

        WinOptionValue wrapped = WinOptionValue.from(json("{'optionId':3,'value':{'value':['10.1.0.1'],'Count':1},"
                + "'reservedIp':''}"));
        assertEquals(List.of("10.1.0.1"), wrapped.value());
        assertTrue(wrapped.atScopeLevel());
    }

    @Test
    void scopeConfigurationWithListsInEveryShape() throws Exception {
        ScopeConfig c = ScopeConfig.from(json("{'scope':{'scopeId':'10.1.0.0','name':'Office'},"
                + "'exclusions':{'scopeId':'10.1.0.0','startRange':'10.1.0.1','endRange':'10.1.0.9'},"
                + "'reservations':{'value':[{'scopeId':'10.1.0.0','ipAddress':'10.1.0.50','clientId':'aa-bb-cc-dd-ee-ff'}],'Count':1},"
                + "'options':[{'optionId':3,'value':['10.1.0.1']},{'optionId':6,'value':['10.0.0.1'],'reservedIp':'10.1.0.50'}]}"));
        assertEquals("10.1.0.0", c.scopeId());
        assertEquals(1, c.exclusions().size());
        assertEquals("10.1.0.50", c.reservations().get(0).ipAddress());
        assertEquals(List.of(3), c.scopeOptions().stream().map(WinOptionValue::optionId).toList());
        assertEquals(List.of(6), c.reservationOptions().stream().map(WinOptionValue::optionId).toList());

        ScopeConfig bare = ScopeConfig.from(json("{'scope':{'scopeId':'10.2.0.0'},'exclusions':[]}"));
        assertTrue(bare.exclusions().isEmpty() && bare.reservations().isEmpty() && bare.options().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> ScopeConfig.from(json("{'exclusions':[]}")));
    }
}
