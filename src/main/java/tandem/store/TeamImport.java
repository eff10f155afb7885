package tandem.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import tandem.store.FolderRows.Table;

/**
 * Moves a local data folder's rows into a team store, in one transaction of the team store: all of them, or (on a
 * clash or any failure) none. The folder is only read.
 *
 * <p>Rows keep their numbers (journal entries, audit records, events, snapshots) when the team store has none of
 * them yet; otherwise every number of a table moves up by one amount past the team's highest, links included
 * (change targets and audit records to their journal entry, audit servers to their record). The identity sequences
 * then continue after the highest number.
 *
 * <p>Secrets are sealed again: opened with the folder's key and sealed with the key of the desktop that imports
 * (the team store's rows are read with the key of each desktop's own data folder), never held in clear in a row.
 */
public final class TeamImport {
    /** Seals a journaled change's secrets again; returns the text unchanged for kinds that hold none. */
    @FunctionalInterface
    public interface JournalSecrets {
        /** @throws RuntimeException when the folder's key cannot open a secret of the entry */
        String reseal(String kind, String json);
    }

    /**
     * What an import did, or would do ({@code written} false).
     *
     * @param rows    rows per table, in the order they are written
     * @param clashes servers, relationships or peer-sync records the team store already has: nothing is written then
     * @param shifted per numbered table, how much its numbers moved up (absent: kept)
     * @param notes   secrets that could not be opened, preferences where the team's value was kept
     */
    public record Outcome(Map<String, Integer> rows, List<String> clashes, Map<String, Long> shifted,
                          List<String> notes, boolean written) {
        public Outcome {
            rows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rows));
            clashes = List.copyOf(clashes);
            shifted = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shifted));
            notes = List.copyOf(notes);
        }
    }

    /** The tables an import copies, in the order it writes them. */
    public static final List<String> TABLES = List.copyOf(FolderRows.TABLES.keySet());

    private TeamImport() { }

    /** Whether the folder has a Tandem database to import (opening a folder without one would create it). */
    public static boolean hasDatabase(Path dir) {
        return dir != null && Files.isRegularFile(dir.resolve(Database.FILE_STEM + ".mv.db"));
    }

    /**
     * @param from    the folder's database, read in one transaction
     * @param fromKey the folder's key
     * @param team    the team store (PostgreSQL)
     * @param teamKey the key of the importing desktop's data folder
     * @param dryRun  reads and checks everything, writes nothing
     */
    public static Outcome run(Database from, SecretCipher fromKey, Database team, SecretCipher teamKey,
                              JournalSecrets journal, boolean dryRun) {
        Objects.requireNonNull(journal, "journal");
        if (team.dialect() != SqlDialect.POSTGRESQL) throw new IllegalArgumentException("Not a team store");
        Map<String, Table> rows = from.transaction(FolderRows::read);
        if (dryRun) return team.transaction(c -> plan(c, rows, fromKey, teamKey, journal, false));
        return team.transaction(c -> {
            // other processes of the team wait while the numbers are chosen and the rows written
            try (Statement s = c.createStatement()) {
                s.execute("LOCK TABLE server, relationship, peer_sync, preference, " + String.join(", ",
                        FolderRows.NUMBERED) + " IN SHARE ROW EXCLUSIVE MODE");
            }
            return plan(c, rows, fromKey, teamKey, journal, true);
        });
    }

    private static Outcome plan(Connection c, Map<String, Table> source, SecretCipher fromKey, SecretCipher teamKey,
                                JournalSecrets journal, boolean write) throws SQLException {
        List<String> clashes = clashes(c, source);
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        Map<String, Long> shifts = new LinkedHashMap<>();
        for (String t : FolderRows.NUMBERED) {
            long shift = shift(c, source.get(t));
            if (shift != 0) shifts.put(t, shift);
        }
        Map<String, Table> out = new LinkedHashMap<>();
        for (Table t : source.values()) out.put(t.name(), new Table(t.name(), t.columns(), new ArrayList<>()));
        ImportSecrets secrets = new ImportSecrets(fromKey, teamKey, notes);
        for (Object[] row : source.get("server").rows()) out.get("server").rows().add(secrets.server(row));
        copy(source, out, "relationship", "peer", "relationship_state", "peer_sync");
        renumber(source.get("status_event"), out.get("status_event"), "id", shifts.get("status_event"));
        long snapshotShift = shifts.getOrDefault("config_snapshot", 0L);
        for (Object[] row : source.get("config_snapshot").rows()) {
            Object[] copy = secrets.snapshot(row, snapshotShift);
            if (copy != null) out.get("config_snapshot").rows().add(copy);
        }
        keepTeamPreferences(c, source.get("preference"), out.get("preference"), notes);
        Long journalShift = shifts.get("change_journal");
        Table entries = out.get("change_journal");
        renumber(source.get("change_journal"), entries, "id", journalShift);
        int kind = entries.column("kind"), change = entries.column("change_json"), inverse = entries.column("inverse_json");
        int id = entries.column("id");
        for (Object[] row : entries.rows()) {
            try {
                row[change] = reseal(journal, (String) row[kind], (String) row[change]);
                row[inverse] = reseal(journal, (String) row[kind], (String) row[inverse]);
            } catch (RuntimeException e) {
                notes.add("change #" + row[id] + ": the folder's key cannot open the secrets journaled with it; kept"
                        + " sealed with that key, so it cannot be settled or undone from the team store");
            }
        }
        renumber(source.get("change_target"), out.get("change_target"), "journal_id", journalShift);
        renumber(source.get("audit_log"), out.get("audit_log"), "id", shifts.get("audit_log"));
        renumber(out.get("audit_log"), "journal_id", journalShift);
        renumber(source.get("audit_server"), out.get("audit_server"), "audit_id", shifts.get("audit_log"));
        for (Table t : out.values()) counts.put(t.name(), t.rows().size());
        if (!clashes.isEmpty() || !write) return new Outcome(counts, clashes, shifts, notes, false);
        for (Table t : out.values()) FolderRows.insert(c, t);
        for (String t : FolderRows.NUMBERED) if (!out.get(t).rows().isEmpty()) continueNumbering(c, t);
        return new Outcome(counts, clashes, shifts, notes, true);
    }

    private static String reseal(JournalSecrets journal, String kind, String json) {
        return json == null ? null : journal.reseal(kind, json);
    }

    private static List<String> clashes(Connection c, Map<String, Table> source) throws SQLException {
        List<String> out = new ArrayList<>();
        clash(c, source.get("server"), "server", "name", "server", out);
        clash(c, source.get("relationship"), "relationship", "name", "relationship", out);
        Set<String> taken = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT relationship, peer FROM peer_sync");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) taken.add(rs.getString(1) + "\u0000" + rs.getString(2));
        }
        for (Object[] row : source.get("peer_sync").rows()) {
            if (taken.contains(row[0] + "\u0000" + row[1])) {
                out.add("peer " + row[1] + " of relationship " + row[0] + " (marked out of sync in both)");
            }
        }
        return out;
    }

    private static void clash(Connection c, Table t, String table, String column, String what, List<String> out)
            throws SQLException {
        Set<String> taken = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM " + table);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) taken.add(rs.getString(1));
        }
        int i = t.column(column);
        for (Object[] row : t.rows()) if (taken.contains((String) row[i])) out.add(what + " " + row[i]);
    }

    /** 0 when the team store holds none of the table's numbers at or above the folder's lowest one. */
    private static long shift(Connection c, Table t) throws SQLException {
        if (t.rows().isEmpty()) return 0;
        int id = t.column("id");
        long lowest = t.rows().stream().mapToLong(r -> ((Number) r[id]).longValue()).min().orElseThrow();
        long teamHighest;
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(id) FROM " + t.name());
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            teamHighest = rs.getLong(1);
            if (rs.wasNull()) return 0;
        }
        return teamHighest < lowest ? 0 : teamHighest - lowest + 1;
    }

    private static void copy(Map<String, Table> source, Map<String, Table> out, String... tables) {
        for (String t : tables) for (Object[] row : source.get(t).rows()) out.get(t).rows().add(row.clone());
    }

    private static void renumber(Table from, Table to, String column, Long shift) {
        for (Object[] row : from.rows()) to.rows().add(row.clone());
        renumber(to, column, shift);
    }

    private static void renumber(Table t, String column, Long shift) {
        if (shift == null || shift == 0) return;
        int i = t.column(column);
        for (Object[] row : t.rows()) if (row[i] != null) row[i] = ((Number) row[i]).longValue() + shift;
    }

    /** A setting the team already has keeps the team's value: it is shared by every member. */
    private static void keepTeamPreferences(Connection c, Table from, Table to, List<String> notes) throws SQLException {
        Map<String, String> team = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, value_text FROM preference");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) team.put(rs.getString(1), rs.getString(2));
        }
        for (Object[] row : from.rows()) {
            if (team.containsKey((String) row[0])) {
                if (!Objects.equals(team.get((String) row[0]), row[1])) {
                    notes.add("preference " + row[0] + ": the team's value " + team.get((String) row[0])
                            + " is kept (the folder had " + row[1] + ")");
                }
            } else {
                to.rows().add(row.clone());
            }
        }
    }

    /** The next number PostgreSQL gives out comes after every row's, and never goes back. */
    private static void continueNumbering(Connection c, String table) throws SQLException {
        String sequence;
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_get_serial_sequence(?, 'id')")) {
            ps.setString(1, TeamDatabase.SCHEMA + "." + table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                sequence = rs.getString(1);
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("SELECT setval('" + sequence.replace("'", "''") + "', GREATEST((SELECT COALESCE(MAX(id), 1) FROM "
                    + table + "), (SELECT last_value FROM " + sequence + ")))");
        }
    }
}
