package tandem.kea;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tandem.kea.KeaHostsDatabases.Database;
import tandem.kea.KeaHostsDatabases.Routing;
import tandem.kea.KeaHostsDatabases.Sharing;

/** Which hosts database each server names, and which servers share one. */
class KeaHostsDatabasesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode config(String hostsDatabases) throws Exception {
        return JSON.readTree("{\"Dhcp4\": {\"subnet4\": []" + (hostsDatabases.isEmpty() ? "" : ", " + hostsDatabases) + "}}");
    }

    @Test
    void readsHostsDatabaseAndHostsDatabasesWithKeasDefaultsAndNoCredentials() throws Exception {
        List<Database> one = KeaHostsDatabases.of(config("""
                "hosts-database": {"type": "PostgreSQL", "name": "kea", "host": "db.example.net", "user": "kea", "password": "x"}"""),
                "10.0.0.1");
        assertEquals(List.of(new Database("postgresql", "db.example.net", 5432, "kea", "network")), one);
        assertFalse(one.toString().contains("x\""), "no credentials kept");
        // config-get shows Kea 3's list form
        List<Database> list = KeaHostsDatabases.of(config("""
                "hosts-databases": [{"type": "mysql", "name": "a", "host": "db1"}, {"type": "postgresql", "name": "b", "host": "db2", "port": 6543}]"""),
                "10.0.0.1");
        assertEquals(List.of(new Database("mysql", "db1", 3306, "a", "network"), new Database("postgresql", "db2", 6543, "b", "network")), list);
        assertEquals("postgresql b on db2:6543", list.get(1).describe());
        assertTrue(KeaHostsDatabases.of(config(""), "10.0.0.1").isEmpty());
        // a DHCPv6 configuration too
        assertEquals(1, KeaHostsDatabases.of(JSON.readTree("""
                {"Dhcp6": {"hosts-database": {"type": "postgresql", "name": "kea6", "host": "db"}}}"""), "h").size());
    }

    @Test
    void peersNamingTheSameDatabaseShareIt() throws Exception {
        Routing r = route(Map.of("server1", "db.example.net", "server2", "db.example.net"), "kea", "kea");
        assertEquals(Sharing.SHARED, r.sharing());
        assertEquals(Map.of(new Database("postgresql", "db.example.net", 5432, "kea", "network"), "server1"), r.writers());
        assertEquals(2, r.readers().size());
    }

    @Test
    void aDifferentNamePortOrHostIsAnotherDatabaseEachWrittenByTheFirstServerNamingIt() throws Exception {
        Routing names = route(Map.of("server1", "db", "server2", "db"), "kea1", "kea2");
        assertEquals(Sharing.SEPARATE, names.sharing());
        assertEquals(List.of("server1", "server2"), List.copyOf(names.writers().values()));
        Routing hosts = route(Map.of("server1", "db1", "server2", "db2"), "kea", "kea");
        assertEquals(Sharing.SEPARATE, hosts.sharing());
    }

    @Test
    void localhostIsTheSameDatabaseOnlyForServersOnTheSameMachine() throws Exception {
        Map<String, List<Database>> apart = new LinkedHashMap<>();
        apart.put("server1", KeaHostsDatabases.of(config(pg("localhost", "kea")), "10.0.0.1"));
        apart.put("server2", KeaHostsDatabases.of(config(pg("127.0.0.1", "kea").replace("127.0.0.1", "localhost")), "10.0.0.2"));
        assertEquals(Sharing.SEPARATE, KeaHostsDatabases.route("server1", apart).sharing());
        Map<String, List<Database>> together = new LinkedHashMap<>();
        together.put("server1", KeaHostsDatabases.of(config(pg("127.0.0.1", "kea")), "127.0.0.1"));
        together.put("server2", KeaHostsDatabases.of(config(pg("127.0.0.1", "kea")), "127.0.0.1"));
        assertEquals(Sharing.SHARED, KeaHostsDatabases.route("server1", together).sharing());
        // no host at all is a local connection too
        assertEquals("localhost", KeaHostsDatabases.of(config("""
                "hosts-database": {"type": "postgresql", "name": "kea"}"""), "h").get(0).host());
    }

    @Test
    void aPeerWithoutDatabaseMakesItPartialAndASourceOfTruthWithoutOneMakesItNone() throws Exception {
        Map<String, List<Database>> partial = new LinkedHashMap<>();
        partial.put("server1", KeaHostsDatabases.of(config(pg("db", "kea")), "a"));
        partial.put("server2", List.of());
        Routing r = KeaHostsDatabases.route("server1", partial);
        assertEquals(Sharing.PARTIAL, r.sharing());
        assertEquals(List.of("server2"), r.without());
        Map<String, List<Database>> none = new LinkedHashMap<>();
        none.put("server1", List.of());
        none.put("server2", KeaHostsDatabases.of(config(pg("db", "kea")), "b"));
        assertEquals(Sharing.NONE, KeaHostsDatabases.route("server1", none).sharing());
    }

    private static String pg(String host, String name) {
        return "\"hosts-database\": {\"type\": \"postgresql\", \"name\": \"" + name + "\", \"host\": \"" + host + "\"}";
    }

    private static Routing route(Map<String, String> hosts, String name1, String name2) throws Exception {
        Map<String, List<Database>> dbs = new LinkedHashMap<>();
        dbs.put("server1", KeaHostsDatabases.of(config(pg(hosts.get("server1"), name1)), "10.0.0.1"));
        dbs.put("server2", KeaHostsDatabases.of(config(pg(hosts.get("server2"), name2)), "10.0.0.2"));
        return KeaHostsDatabases.route("server1", dbs);
    }
}
