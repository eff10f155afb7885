package tandem.isc;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import tandem.isc.FailoverPeer.Field;

/**
 * A failover peer as declared in a file, with the line of each field's statement (so problems point at it) and any
 * statement whose value could not be read.
 *
 * @param hba     the {@code hba} bitmap (dhcpd.conf(5): the primary's split as 32 colon-separated bytes, instead of
 *                {@code split}) as written, or null; the console keeps it as it is and does not edit it
 * @param hbaLine the line of the hba statement (0 without one)
 */
public record PeerDeclaration(FailoverPeer peer, String file, int line, Map<FailoverPeer.Field, Integer> fieldLines,
                              List<ConfProblem> unreadable, String hba, int hbaLine) {
    public PeerDeclaration(FailoverPeer peer, String file, int line, Map<FailoverPeer.Field, Integer> fieldLines,
                           List<ConfProblem> unreadable) {
        this(peer, file, line, fieldLines, unreadable, null, 0);
    }

    public int lineOf(FailoverPeer.Field field) { return fieldLines.getOrDefault(field, line); }

    /** The problems our rules find in the declaration: the peer's own, and those of split/hba on each role. */
    List<ConfProblem> problems() {
        List<ConfProblem> out = new ArrayList<>(unreadable);
        for (FailoverPeer.FieldProblem p : peer.validate()) {
            if (unreadable.stream().anyMatch(u -> u.message().startsWith(p.field().label()))) continue;
            // hba takes the place of split on a primary
            if (hba != null && p.field() == Field.SPLIT && peer.split() == null) continue;
            out.add(new ConfProblem(file, lineOf(p.field()), p.severity(), "failover peer \"" + peer.name() + "\": " + p));
        }
        if (hba == null) return out;
        String prefix = "failover peer \"" + peer.name() + "\": hba: ";
        if (peer.role() == FailoverRole.SECONDARY) {
            out.add(new ConfProblem(file, hbaLine, ConfProblem.Severity.ERROR, prefix + "only the primary sets the hba; remove it on the secondary"));
        } else if (peer.split() != null) {
            out.add(new ConfProblem(file, hbaLine, ConfProblem.Severity.ERROR, prefix + "use split or hba, not both (dhcpd.conf(5))"));
        }
        if (!hba.matches("\\p{XDigit}{1,2}(\\s*:\\s*\\p{XDigit}{1,2}){31}")) {
            out.add(new ConfProblem(file, hbaLine, ConfProblem.Severity.ERROR, prefix + "must be 32 colon-separated hexadecimal bytes"));
        }
        return out;
    }

    /** Reads a {@code failover peer "NAME" { ... }} block. */
    static PeerDeclaration read(ConfSite s) {
        Map<Field, Integer> lines = new EnumMap<>(Field.class);
        List<ConfProblem> unreadable = new ArrayList<>();
        lines.put(Field.NAME, s.node().line);
        FailoverRole role = null;
        String address = null, peerAddress = null, hba = null;
        int hbaLine = 0;
        Integer port = null, peerPort = null, mrd = null, muu = null, mclt = null, split = null, lbms = null;
        for (ConfNode c : s.node().children) {
            if (!c.isBlock() && c.startsWith("hba")) {
                StringBuilder b = new StringBuilder();
                for (ConfToken t : c.tokens.subList(1, c.tokens.size())) b.append(b.length() == 0 ? "" : " ").append(t.value());
                hba = b.toString();
                hbaLine = c.line;
            }
            Field f = field(c);
            if (f == null) continue;
            lines.put(f, c.line);
            String last = c.tokens.isEmpty() ? null : c.tokens.get(c.tokens.size() - 1).value();
            switch (f) {
                case ROLE -> role = FailoverRole.parse(c.keyword());
                case ADDRESS -> address = last;
                case PEER_ADDRESS -> peerAddress = last;
                default -> {
                    Integer v = null;
                    try {
                        v = Integer.valueOf(last);
                    } catch (NumberFormatException e) {
                        unreadable.add(new ConfProblem(s.doc().path(), c.line, ConfProblem.Severity.ERROR,
                                f.label() + " must be a whole number (got " + last + ")"));
                    }
                    switch (f) {
                        case PORT -> port = v;
                        case PEER_PORT -> peerPort = v;
                        case MAX_RESPONSE_DELAY -> mrd = v;
                        case MAX_UNACKED_UPDATES -> muu = v;
                        case MCLT -> mclt = v;
                        case SPLIT -> split = v;
                        case LOAD_BALANCE_MAX_SECONDS -> lbms = v;
                        default -> { }
                    }
                }
            }
        }
        String name = s.node().tokens.size() > 2 ? s.node().tokens.get(2).value() : null;
        FailoverPeer p = new FailoverPeer(name, role, address, port, peerAddress, peerPort, mrd, muu, mclt, split, lbms);
        return new PeerDeclaration(p, s.doc().path(), s.node().line, lines, unreadable, hba, hbaLine);
    }

    /** Which field a statement inside a peer declaration sets, or null for anything else (kept as it is). */
    static Field field(ConfNode c) {
        if (c.isBlock()) return null;
        if (c.startsWith("primary") || c.startsWith("secondary")) return Field.ROLE;
        if (c.startsWith("peer", "address")) return Field.PEER_ADDRESS;
        if (c.startsWith("peer", "port")) return Field.PEER_PORT;
        if (c.startsWith("address")) return Field.ADDRESS;
        if (c.startsWith("port")) return Field.PORT;
        if (c.startsWith("max-response-delay")) return Field.MAX_RESPONSE_DELAY;
        if (c.startsWith("max-unacked-updates")) return Field.MAX_UNACKED_UPDATES;
        if (c.startsWith("mclt")) return Field.MCLT;
        if (c.startsWith("split")) return Field.SPLIT;
        if (c.startsWith("load", "balance", "max", "seconds")) return Field.LOAD_BALANCE_MAX_SECONDS;
        return null;
    }
}
