package tandem.isc;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import tandem.isc.FailoverPeer.Field;
import tandem.isc.FailoverPeer.FieldProblem;

/** Turns what an administrator typed (dialog or command line) into a {@link FailoverPeer}, problem by field. */
public final class FailoverPeerForm {
    private FailoverPeerForm() {}

    /** {@code peer} is null when a field could not even be read (e.g. letters in a port). */
    public record Result(FailoverPeer peer, List<FieldProblem> problems) {
        public boolean ok() { return peer != null && problems.stream().noneMatch(FieldProblem::isError); }

        public List<FieldProblem> problemsAt(Field field) {
            return problems.stream().filter(p -> p.field() == field).toList();
        }
    }

    /** Blank fields are absent; Port and Peer port default to 647 when blank. */
    public static Result read(Map<Field, String> input) { return read(input, false); }

    /**
     * The same for a declaration that has an {@code hba} statement (kept as it is): its primary needs no split.
     */
    public static Result read(Map<Field, String> input, boolean hasHba) {
        Map<Field, String> in = new EnumMap<>(Field.class);
        input.forEach((k, v) -> in.put(k, v == null || v.isBlank() ? null : v.strip()));
        List<FieldProblem> problems = new ArrayList<>();
        FailoverRole role = null;
        if (in.get(Field.ROLE) != null) {
            role = FailoverRole.parse(in.get(Field.ROLE));
            if (role == null) problems.add(new FieldProblem(Field.ROLE, ConfProblem.Severity.ERROR,
                    "must be primary or secondary (got " + in.get(Field.ROLE) + ")"));
        }
        Integer port = number(in, Field.PORT, problems);
        Integer peerPort = number(in, Field.PEER_PORT, problems);
        FailoverPeer peer = new FailoverPeer(in.get(Field.NAME), role, in.get(Field.ADDRESS),
                port == null && in.get(Field.PORT) == null ? Integer.valueOf(FailoverPeer.DEFAULT_PORT) : port,
                in.get(Field.PEER_ADDRESS),
                peerPort == null && in.get(Field.PEER_PORT) == null ? Integer.valueOf(FailoverPeer.DEFAULT_PORT) : peerPort,
                number(in, Field.MAX_RESPONSE_DELAY, problems), number(in, Field.MAX_UNACKED_UPDATES, problems),
                number(in, Field.MCLT, problems), number(in, Field.SPLIT, problems),
                number(in, Field.LOAD_BALANCE_MAX_SECONDS, problems));
        boolean unreadable = !problems.isEmpty();
        for (FieldProblem p : peer.validate()) {
            if (hasHba && p.field() == Field.SPLIT && peer.split() == null) continue;
            // a field that could not be read already has its message; do not add "required" on top of it
            if (problems.stream().noneMatch(q -> q.field() == p.field())) problems.add(p);
        }
        return new Result(unreadable ? null : peer, List.copyOf(problems));
    }

    /** The form's fields filled from an existing peer, for editing. */
    public static Map<Field, String> fieldsOf(FailoverPeer p) {
        Map<Field, String> m = new EnumMap<>(Field.class);
        m.put(Field.NAME, p.name());
        m.put(Field.ROLE, p.role() == null ? null : p.role().word());
        m.put(Field.ADDRESS, p.address());
        m.put(Field.PORT, str(p.port()));
        m.put(Field.PEER_ADDRESS, p.peerAddress());
        m.put(Field.PEER_PORT, str(p.peerPort()));
        m.put(Field.MAX_RESPONSE_DELAY, str(p.maxResponseDelay()));
        m.put(Field.MAX_UNACKED_UPDATES, str(p.maxUnackedUpdates()));
        m.put(Field.MCLT, str(p.mclt()));
        m.put(Field.SPLIT, str(p.split()));
        m.put(Field.LOAD_BALANCE_MAX_SECONDS, str(p.loadBalanceMaxSeconds()));
        return m;
    }

    private static String str(Integer i) { return i == null ? null : i.toString(); }

    private static Integer number(Map<Field, String> in, Field f, List<FieldProblem> problems) {
        String s = in.get(f);
        if (s == null) return null;
        try {
            return Integer.valueOf(s);
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem(f, ConfProblem.Severity.ERROR, "must be a whole number (got " + s + ")"));
            return null;
        }
    }
}
