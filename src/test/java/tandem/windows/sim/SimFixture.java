package tandem.windows.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A network of simulated servers for the model's tests, and short ways to call cmdlets with Java maps. */
final class SimFixture {
    final SimNetwork net = new SimNetwork();
    final SimDhcpCmdlets cmdlets = net.cmdlets();

    SimFixture(String... servers) {
        for (String s : servers) net.addServer(s);
    }

    /** dhcp1 and dhcp2, with 10.1.0.0/24 and 10.2.0.0/24 on dhcp1 (ranges .10-.200). */
    static SimFixture pair() {
        SimFixture f = new SimFixture("dhcp1", "dhcp2");
        f.scope("dhcp1", "10.1.0.0");
        f.scope("dhcp1", "10.2.0.0");
        return f;
    }

    static SimIp ip(String text) { return new SimIp(text); }

    static List<Object> ips(String... texts) {
        List<Object> out = new ArrayList<>();
        for (String t : texts) out.add(new SimIp(t));
        return out;
    }

    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) m.put((String) keyValues[i], keyValues[i + 1]);
        return m;
    }

    List<Object> run(String server, String cmdlet, Object... keyValues) {
        return runSet(server, cmdlet, null, keyValues);
    }

    List<Object> runSet(String server, String cmdlet, String set, Object... keyValues) {
        return cmdlets.invoke(new SimSession(server, "administrator", true), cmdlet, set, map(keyValues));
    }

    /** Over a key-authenticated SSH session (no credentials for the partner). */
    List<Object> runWithKey(String server, String cmdlet, Object... keyValues) {
        return cmdlets.invoke(new SimSession(server, "administrator", false), cmdlet, null, map(keyValues));
    }

    SimError fails(String server, String cmdlet, Object... keyValues) {
        return assertThrows(SimError.class, () -> run(server, cmdlet, keyValues));
    }

    /** Asserts the FQID {@code DHCP code,cmdlet} (or {@code WIN32 ...}) and the category of a failing call. */
    static void assertError(SimError e, String fqid, String category) {
        assertEquals(fqid, e.fqid(), e.getMessage());
        assertEquals(category, e.category());
        assertEquals(SimError.CIM, e.exceptionType());
    }

    SimObject one(String server, String cmdlet, Object... keyValues) {
        List<Object> out = run(server, cmdlet, keyValues);
        assertEquals(1, out.size(), () -> "one object expected: " + out);
        return (SimObject) out.get(0);
    }

    /** Adds NET/24 with the range .10-.200 on {@code server}. */
    void scope(String server, String net) {
        String prefix = net.substring(0, net.lastIndexOf('.') + 1);
        run(server, "Add-DhcpServerv4Scope", "StartRange", ip(prefix + "10"), "EndRange", ip(prefix + "200"),
                "SubnetMask", ip("255.255.255.0"), "Name", "scope " + net);
    }

    /** A load-balance relationship {@code name} from dhcp1 to dhcp2 over the given scopes. */
    void loadBalance(String name, String... scopes) {
        run("dhcp1", "Add-DhcpServerv4Failover", "Name", name, "PartnerServer", "dhcp2", "ScopeId", ips(scopes));
    }

    SimObject failover(String server, String name) {
        return one(server, "Get-DhcpServerv4Failover", "Name", List.of(name));
    }

    String state(String server, String name) { return (String) failover(server, name).get("State"); }

    boolean hasScope(String server, String scopeId) {
        return net.server(server).scope(ip(scopeId)).isPresent();
    }

    /** The scope ids of a relationship as the projection joins them. */
    static String scopeIds(SimObject failover) {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) failover.get("ScopeId")) out.add(o.toString());
        return String.join(",", out);
    }
}
