package tandem.kea;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The hosts databases Kea servers keep reservations in ({@code hosts-database} or {@code hosts-databases} of their
 * Dhcp4/Dhcp6 configuration), and which servers of a relationship share one. Two servers share a database when
 * they name the same type, host, port and database name; a loopback host (localhost, 127.0.0.0/8, ::1, or a Unix
 * socket) is the same database only for servers on the same machine, told by the host of their control URL.
 * Credentials play no part and are never read.
 */
public final class KeaHostsDatabases {
    private KeaHostsDatabases() {}

    /** A hosts database as a server names it; {@code where} tells apart loopback databases of different machines. */
    public record Database(String type, String host, int port, String name, String where) {
        /** For people: type, host, port and name (no user, no password). */
        public String describe() {
            return type + " " + name + " on " + host + ":" + port;
        }
    }

    /** How the servers of a relationship keep their reservations. */
    public enum Sharing {
        /** The source of truth names no hosts database: reservations live in the configuration. */
        NONE,
        /** Every server names the same hosts database(s): a reservation is written once. */
        SHARED,
        /** Every server names a hosts database, but not all the same: each distinct database is written. */
        SEPARATE,
        /** Some server names none: its reservations live in its configuration. */
        PARTIAL
    }

    /**
     * Where a reservation goes: each distinct database with the server that writes it (the source of truth for
     * its own, else the first peer naming it), and which servers read each.
     *
     * @param writers    each distinct database with the server that writes it
     * @param readers    every server, with the database it reads reservations from
     * @param without    the servers naming no hosts database
     */
    public record Routing(Sharing sharing, Map<Database, String> writers, Map<String, Database> readers,
                          List<String> without) {}

    /** The hosts databases a configuration names, in its order (none: empty). */
    public static List<Database> of(JsonNode config, String serverHost) {
        JsonNode daemon = config.has("Dhcp4") ? config.path("Dhcp4") : config.path("Dhcp6");
        List<Database> out = new ArrayList<>();
        JsonNode single = daemon.path("hosts-database");
        if (single.isObject()) out.add(database(single, serverHost));
        for (JsonNode d : daemon.path("hosts-databases")) if (d.isObject()) out.add(database(d, serverHost));
        return out;
    }

    private static Database database(JsonNode d, String serverHost) {
        String type = d.path("type").asText("").toLowerCase(Locale.ROOT);
        String host = d.path("host").asText("").strip();
        if (host.isEmpty()) host = "localhost";  // libpq and MySQL: a local connection
        int port = d.path("port").asInt(defaultPort(type));
        boolean local = isLoopback(host);
        return new Database(type, host, port, d.path("name").asText(""),
                local ? "machine " + String.valueOf(serverHost).toLowerCase(Locale.ROOT) : "network");
    }

    private static int defaultPort(String type) {
        return switch (type) {
            case "postgresql" -> 5432;
            case "mysql" -> 3306;
            default -> 0;
        };
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]") || h.startsWith("/");
    }

    /**
     * Which database each server reads and which server writes each, from each server's first hosts database (the
     * one Kea adds reservations to).
     *
     * @param sot       the source of truth (first in {@code databases})
     * @param databases every server taking the change (source of truth first) with the databases it names
     */
    public static Routing route(String sot, Map<String, List<Database>> databases) {
        Map<String, Database> readers = new LinkedHashMap<>();
        List<String> without = new ArrayList<>();
        for (var e : databases.entrySet()) {
            if (e.getValue().isEmpty()) without.add(e.getKey());
            else readers.put(e.getKey(), e.getValue().get(0));
        }
        if (!readers.containsKey(sot)) return new Routing(Sharing.NONE, Map.of(), Map.of(), without);
        Map<Database, String> writers = new LinkedHashMap<>();
        writers.put(readers.get(sot), sot);
        for (var r : readers.entrySet()) writers.putIfAbsent(r.getValue(), r.getKey());
        Sharing sharing = !without.isEmpty() ? Sharing.PARTIAL : writers.size() == 1 ? Sharing.SHARED : Sharing.SEPARATE;
        return new Routing(sharing, writers, readers, without);
    }
}
