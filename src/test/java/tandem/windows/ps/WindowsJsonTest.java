package tandem.windows.ps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The raw shapes ConvertTo-Json gives for DhcpServer objects, in Windows PowerShell 5.1 and PowerShell 7. */
class WindowsJsonTest {
    /** Get-DhcpServerv4Failover | ConvertTo-Json on 5.1 (a real fixture, trimmed). */
    private static final String FAILOVER_51 = """
            {"ScopeId":{"value":[{"Address":698560,"AddressFamily":2,"ScopeId":null},{"Address":764096,"AddressFamily":2}],"Count":2},
             "PrimaryServerIP":{"Address":111111,"AddressFamily":2,"IPAddressToString":"192.168.5.1"},
             "AutoStateTransition":false,"EnableAuth":true,"LoadBalancePercent":50,
             "MaxClientLeadTime":{"Ticks":36000000000,"Days":0,"Hours":1,"TotalSeconds":3600},
             "Mode":"LoadBalance","Name":"dhcp-master\\u003c--\\u003edhcp-node","PartnerServer":"DHCP-N-P-01.test.local",
             "ReservePercent":null,"ServerRole":null,"ServerType":"PrimaryServer","State":"Normal","StateSwitchInterval":null,
             "LastChange":"\\/Date(1326441600000)\\/"}""";
    /** The same on PowerShell 7: plain arrays, more IPAddress members, ISO dates, TimeSpans with extra members. */
    private static final String FAILOVER_7 = """
            [{"ScopeId":[{"AddressFamily":2,"ScopeId":null,"IsIPv6Multicast":false,"Address":698560,"IPAddressToString":"192.168.10.0"}],
              "AutoStateTransition":true,"EnableAuth":false,"LoadBalancePercent":null,"ReservePercent":5,
              "MaxClientLeadTime":{"Ticks":36000000000,"Days":0,"Hours":1,"Microseconds":0,"Nanoseconds":0,"TotalSeconds":3600.0},
              "StateSwitchInterval":{"Ticks":36000000000,"TotalSeconds":3600.0},
              "Mode":"HotStandby","Name":"hs","ServerRole":"Standby","State":"CommunicationInterrupted",
              "LastChange":"2021-08-05T16:13:05.64-07:00"}]""";

    @Test
    void readsThe51FailoverShape() throws IOException {
        JsonNode n = WindowsJson.read(FAILOVER_51);
        List<JsonNode> rows = WindowsJson.list(n);
        assertEquals(1, rows.size(), "one relationship comes as a bare object");
        JsonNode f = rows.get(0);
        assertEquals("dhcp-master<-->dhcp-node", WindowsJson.text(f.get("Name")), "\\u003c is decoded");
        assertEquals(List.of("192.168.10.0", "192.168.11.0"), WindowsJson.ips(f.get("ScopeId")),
                "{value,Count} unwrapped; Address is little-endian");
        assertEquals("192.168.5.1", WindowsJson.ip(f.get("PrimaryServerIP")), "IPAddressToString when present");
        assertEquals(3600L, WindowsJson.seconds(f.get("MaxClientLeadTime")));
        assertNull(WindowsJson.seconds(f.get("StateSwitchInterval")));
        assertEquals(50L, WindowsJson.integer(f.get("LoadBalancePercent")));
        assertNull(WindowsJson.integer(f.get("ReservePercent")));
        assertEquals(false, WindowsJson.bool(f.get("AutoStateTransition")));
        assertEquals(true, WindowsJson.bool(f.get("EnableAuth")));
        assertNull(WindowsJson.text(f.get("ServerRole")));
        assertNull(WindowsJson.text(f.get("NoSuchMember")));
        assertEquals(Instant.parse("2012-01-13T08:00:00Z"), WindowsJson.instant(f.get("LastChange")));
    }

    @Test
    void readsThe7FailoverShape() throws IOException {
        List<JsonNode> rows = WindowsJson.list(WindowsJson.read(FAILOVER_7));
        assertEquals(1, rows.size());
        JsonNode f = rows.get(0);
        assertEquals(List.of("192.168.10.0"), WindowsJson.ips(f.get("ScopeId")));
        assertEquals(3600L, WindowsJson.seconds(f.get("MaxClientLeadTime")));
        assertEquals(3600L, WindowsJson.seconds(f.get("StateSwitchInterval")));
        assertNull(WindowsJson.integer(f.get("LoadBalancePercent")));
        assertEquals(5L, WindowsJson.integer(f.get("ReservePercent")));
        assertEquals("CommunicationInterrupted", WindowsJson.text(f.get("State")));
        assertEquals(Instant.parse("2021-08-05T23:13:05.640Z"), WindowsJson.instant(f.get("LastChange")));
    }

    @Test
    void noResultOneResultAndManyResults() throws IOException {
        assertEquals(0, WindowsJson.list(WindowsJson.read("")).size(), "no output at all");
        assertEquals(0, WindowsJson.list(WindowsJson.read("null")).size());
        assertEquals(0, WindowsJson.list(WindowsJson.read("[]")).size());
        assertEquals(0, WindowsJson.list(null).size());
        assertEquals(1, WindowsJson.list(WindowsJson.read("{\"Name\":\"a\"}")).size());
        assertEquals(2, WindowsJson.list(WindowsJson.read("[{\"Name\":\"a\"},{\"Name\":\"b\"}]")).size());
        assertEquals(3, WindowsJson.list(WindowsJson.read("{\"value\":[1,2,3],\"Count\":3}")).size());
        // an object that merely has a member called value is one item
        assertEquals(1, WindowsJson.list(WindowsJson.read("{\"value\":[1],\"Name\":\"x\",\"Count\":1}")).size());
    }

    @Test
    void addressesAsObjectsNumbersOrStrings() throws IOException {
        assertEquals("10.1.0.0", WindowsJson.ip(WindowsJson.read("\"10.1.0.0\"")));
        assertEquals("192.168.10.0", WindowsJson.ip(WindowsJson.read("{\"Address\":698560,\"AddressFamily\":2}")));
        assertEquals("255.255.255.0", WindowsJson.ip(WindowsJson.read("{\"Address\":16777215}")));
        assertEquals("10.0.0.1", WindowsJson.ip(WindowsJson.read("{\"Address\":16777226}")));
        assertEquals(List.of("10.0.0.1", "10.0.0.2"), WindowsJson.ips(WindowsJson.read("\"10.0.0.1,10.0.0.2\"")),
                "the projection's comma-joined list");
        assertEquals(List.of(), WindowsJson.ips(WindowsJson.read("\"\"")));
        assertEquals(List.of("10.0.0.1"), WindowsJson.ips(WindowsJson.read("[\"10.0.0.1\"]")));
        assertThrows(IllegalArgumentException.class, () -> WindowsJson.ip(WindowsJson.read("{\"Address\":-1}")));
    }

    @Test
    void timeSpansAsObjectsSecondsOrText() throws IOException {
        assertEquals(691200L, WindowsJson.seconds(WindowsJson.read("{\"Days\":8,\"TotalSeconds\":691200}")));
        assertEquals(691200L, WindowsJson.seconds(WindowsJson.read("{\"Ticks\":6912000000000}")), "Ticks when no TotalSeconds");
        assertEquals(3600L, WindowsJson.seconds(WindowsJson.read("3600")));
        assertEquals(691200L, WindowsJson.seconds(WindowsJson.read("\"8.00:00:00\"")));
        assertEquals(3661L, WindowsJson.seconds(WindowsJson.read("\"01:01:01\"")));
        assertEquals(3600L, WindowsJson.seconds(WindowsJson.read("\"3600\"")));
        assertThrows(IllegalArgumentException.class, () -> WindowsJson.seconds(WindowsJson.read("\"soon\"")));
    }

    @Test
    void enumsAsNumbersOrNames() throws IOException {
        List<String> status = List.of("0", "Stopped", "StartPending", "StopPending", "Running");
        assertEquals("Running", WindowsJson.enumName(WindowsJson.read("4"), status));
        assertEquals("Running", WindowsJson.enumName(WindowsJson.read("\"Running\""), status));
        assertEquals("9", WindowsJson.enumName(WindowsJson.read("9"), status), "an unknown number stays a number");
        assertNull(WindowsJson.enumName(WindowsJson.read("null"), status));
    }

    @Test
    void datesBooleansAndIntegersInTheirVariousForms() throws IOException {
        assertEquals(Instant.ofEpochMilli(1326441600000L), WindowsJson.instant(WindowsJson.read("\"\\/Date(1326441600000+0100)\\/\"")));
        assertEquals(Instant.parse("2026-01-02T03:04:05Z"), WindowsJson.instant(WindowsJson.read("\"2026-01-02T03:04:05\"")));
        assertEquals(Instant.ofEpochSecond(1_700_000_000L), WindowsJson.instant(WindowsJson.read("1700000000")));
        assertEquals(Instant.ofEpochMilli(1326441600000L),
                WindowsJson.instant(WindowsJson.read("{\"value\":\"\\/Date(1326441600000)\\/\",\"DateTime\":\"Friday, January 13, 2012\"}")),
                "a DateTime with its ETS members");
        assertEquals(true, WindowsJson.bool(WindowsJson.read("\"True\"")));
        assertEquals(false, WindowsJson.bool(WindowsJson.read("0")));
        assertEquals(4294967295L, WindowsJson.integer(WindowsJson.read("4294967295")));
        assertTrue(WindowsJson.text(WindowsJson.read("{\"a\":1}")).contains("\"a\""));
        assertEquals("42", WindowsJson.text(WindowsJson.read("42")));
    }
}
