package tandem.kea.change;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tandem.kea.KeaHostsDatabases;
import tandem.kea.KeaHostsDatabases.Database;

/** What the Through: line says of a reservation written to hosts databases. */
class KeaHostsDatabaseChangeTest {
    private static final Database SHARED = new Database("postgresql", "db", 5432, "kea", "network");
    private static final Database OTHER = new Database("postgresql", "db2", 5432, "kea", "network");

    @Test
    void oneSharedDatabaseIsWrittenOnce() {
        var routing = KeaHostsDatabases.route("server1", dbs(SHARED, SHARED));
        assertEquals("reservation-add, written once to the shared hosts database postgresql kea on db:5432",
                KeaHostsDatabaseChange.method(reservation(true), routing));
    }

    @Test
    void peersNamingDifferentDatabasesHaveEachWrittenAndAreTold() {
        var routing = KeaHostsDatabases.route("server1", dbs(SHARED, OTHER));
        assertEquals("reservation-del, written to each of the 2 hosts databases the peers name (server1: postgresql kea "
                + "on db:5432; server2: postgresql kea on db2:5432): they do not share one",
                KeaHostsDatabaseChange.method(reservation(false), routing));
    }

    private static KeaHostsDatabaseChange.Reservation reservation(boolean add) {
        return new KeaHostsDatabaseChange.Reservation(1, "10.0.0.0/24", "02:00:00:00:00:01", null, add);
    }

    private static Map<String, List<Database>> dbs(Database first, Database second) {
        Map<String, List<Database>> out = new LinkedHashMap<>();
        out.put("server1", List.of(first));
        out.put("server2", List.of(second));
        return out;
    }
}
