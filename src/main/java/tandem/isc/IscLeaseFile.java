package tandem.isc;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tandem.core.lease.Lease;

/**
 * dhcpd's lease file (dhcpd.leases(5)), read only. dhcpd appends a new {@code lease} block each time a lease changes
 * and rewrites the file now and then, so an address may appear several times: the last block wins, as it does for
 * dhcpd when it reads the file. IPv4 {@code lease} blocks and the DHCPv6 {@code ia-na}, {@code ia-ta} and {@code ia-pd}
 * blocks of {@code dhcpd -6} are read (each address or prefix of an IA is a lease of the IA's client); everything else
 * (failover state, host declarations) is skipped.
 */
public final class IscLeaseFile {
    /** dhcpd writes times as "weekday yyyy/mm/dd hh:mm:ss" in UTC (or "epoch N" with db-time-format local). */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss", Locale.ROOT);

    private IscLeaseFile() {}

    /**
     * Every address's last lease block, in file order of their first appearance.
     *
     * @return leases with {@code state} the binding state ("active", "free", "backup", ...), {@code expires} the
     *         "ends" time (0 for "never"), subnet id 0
     */
    public static List<Lease> parse(String text) {
        Map<String, Lease> last = new LinkedHashMap<>();
        List<String> tokens = tokens(text);
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (IA.contains(t) && i + 2 < tokens.size() && tokens.get(i + 2).equals("{")) {
                int end = blockEnd(tokens, i + 2);
                for (Lease l : ia(tokens.get(i + 1), tokens.subList(i + 3, end))) {
                    last.remove(l.ip());
                    last.put(l.ip(), l);
                }
                i = end;
                continue;
            }
            if (t.equals("{")) {
                i = skipBlock(tokens, i);
                continue;
            }
            if (t.equals("lease") && i + 2 < tokens.size() && tokens.get(i + 2).equals("{")
                    && Ipv4.parse(tokens.get(i + 1)) >= 0) {
                int end = blockEnd(tokens, i + 2);
                Lease l = lease(tokens.get(i + 1), tokens.subList(i + 3, end));
                last.remove(l.ip());
                last.put(l.ip(), l);
                i = end;
            }
        }
        return List.copyOf(last.values());
    }

    private static final java.util.Set<String> IA = java.util.Set.of("ia-na", "ia-ta", "ia-pd");

    /**
     * An IA's addresses ({@code iaaddr A { ... }}) or prefixes ({@code iaprefix P/N { ... }}), each a lease of the
     * client whose DUID follows the 4-byte IAID in the IA's quoted key.
     */
    private static List<Lease> ia(String key, List<String> body) {
        byte[] id = unescape(key);
        String duid = null, mac = null;
        if (id.length > 4) {
            byte[] d = java.util.Arrays.copyOfRange(id, 4, id.length);
            duid = hex(d, 0, d.length);
            mac = macOf(d);
        }
        List<Lease> out = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            String t = body.get(i);
            if ((t.equals("iaaddr") || t.equals("iaprefix")) && i + 2 < body.size() && body.get(i + 2).equals("{")) {
                int end = blockEnd(body, i + 2);
                Lease l = lease(body.get(i + 1), body.subList(i + 3, end));
                out.add(new Lease(l.ip().toLowerCase(Locale.ROOT), mac, null, 0, l.expires(), l.state(), duid));
                i = end;
            } else if (t.equals("{")) {
                i = blockEnd(body, i);
            }
        }
        return out;
    }

    /** The link-layer address of a DUID-LLT (type 1) or DUID-LL (type 3) of an Ethernet client, else null. */
    static String macOf(byte[] duid) {
        if (duid.length < 4 || duid[0] != 0 || duid[2] != 0 || duid[3] != 1) return null;
        int at = duid[1] == 1 ? 8 : duid[1] == 3 ? 4 : -1;
        return at > 0 && duid.length == at + 6 ? hex(duid, at, duid.length) : null;
    }

    private static String hex(byte[] b, int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < to; i++) s.append(i == from ? "" : ":").append(String.format("%02x", b[i] & 0xff));
        return s.toString();
    }

    /** A quoted key as dhcpd writes it: printable bytes as they are, {@code \"} and {@code \\}, others as {@code \ooo}. */
    static byte[] unescape(String quoted) {
        String s = quoted.length() >= 2 && quoted.startsWith("\"") ? quoted.substring(1, quoted.length() - (quoted.endsWith("\"") ? 1 : 0)) : quoted;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else if (c == '\\' && i + 1 < s.length()) {
                out.write(s.charAt(++i));
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    private static boolean isOctal(String s, int at) {
        if (at + 3 > s.length()) return false;
        for (int i = at; i < at + 3; i++) if (s.charAt(i) < '0' || s.charAt(i) > '7') return false;
        return true;
    }

    /** One block's statements, each up to its ";". */
    private static Lease lease(String ip, List<String> body) {
        long ends = 0;
        String binding = null, mac = null, hostname = null;
        List<String> st = new ArrayList<>();
        for (String t : body) {
            if (!t.equals(";")) {
                st.add(t);
                continue;
            }
            if (st.isEmpty()) continue;
            switch (st.get(0)) {
                case "ends" -> ends = time(st.subList(1, st.size()));
                case "binding" -> {
                    if (st.size() >= 3 && st.get(1).equals("state")) binding = st.get(2);
                }
                case "hardware" -> {
                    if (st.size() >= 3) mac = st.get(2);
                }
                case "client-hostname" -> {
                    if (st.size() >= 2) hostname = unquote(st.get(1));
                }
                default -> { }
            }
            st.clear();
        }
        return new Lease(ip, mac, hostname, 0, ends, binding == null ? "free" : binding);
    }

    /** "3 2026/12/02 12:23:53", "epoch 1700000000" or "never" (0). */
    static long time(List<String> words) {
        if (words.isEmpty() || words.get(0).equals("never")) return 0;
        if (words.get(0).equals("epoch") && words.size() >= 2) return Long.parseLong(words.get(1));
        if (words.size() >= 3) {
            return LocalDateTime.parse(words.get(1) + " " + words.get(2), TIME).toEpochSecond(ZoneOffset.UTC);
        }
        return 0;
    }

    private static String unquote(String s) {
        if (s.length() < 2 || s.charAt(0) != '"') return s;
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() - 1) c = s.charAt(++i);
            b.append(c);
        }
        return b.toString();
    }

    private static int blockEnd(List<String> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).equals("{")) depth++;
            else if (tokens.get(i).equals("}") && --depth == 0) return i;
        }
        return tokens.size(); // a block cut off at the end (dhcpd was writing): read what is there
    }

    private static int skipBlock(List<String> tokens, int open) { return blockEnd(tokens, open); }

    /** Words, quoted strings (kept with their quotes), and the punctuation "{", "}", ";"; comments dropped. */
    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        int n = text.length();
        for (int i = 0; i < n; ) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < n && text.charAt(i) != '\n') i++;
            } else if (c == '{' || c == '}' || c == ';') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '"') {
                int j = i + 1;
                while (j < n && text.charAt(j) != '"') j += text.charAt(j) == '\\' ? 2 : 1;
                out.add(text.substring(i, Math.min(n, j + 1)));
                i = j + 1;
            } else {
                int j = i;
                while (j < n && !Character.isWhitespace(text.charAt(j)) && "{};\"#".indexOf(text.charAt(j)) < 0) j++;
                out.add(text.substring(i, j));
                i = j;
            }
        }
        return out;
    }
}
