package tandem.isc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Removing a {@code shared-network NAME { ... }} declaration without changing what clients are told: its subnets
 * (and groups, hosts) stay where the block was, byte for byte, in the same order; the statements written at the
 * shared-network's own level, which they inherited, are copied into each subnet and group that does not set its
 * own; a pool written directly in the shared network moves into the subnet that holds its ranges. Hosts stay as
 * they are: dhcpd takes a host's other answers from the subnet of its address.
 */
public final class SharedNetworkEdits {
    private SharedNetworkEdits() {}

    /** Declarations that inherit the shared network's statements and get the ones they do not set themselves. */
    private static final Set<String> INHERITING = Set.of("subnet", "subnet6", "group");

    /**
     * The configuration without {@code shared-network NAME}. Refused (IllegalArgumentException, saying what to do)
     * when no single shared network has that name, when a pool or range directly in it lies in none of its subnets,
     * or when it holds what cannot be given to each subnet unchanged (an include, a conditional, another block).
     */
    public static FailoverEdits.Edit remove(DhcpdConfig config, String name) {
        DhcpdConfig after = config.copy();
        ConfSite site = site(after, name);
        ConfNode shared = site.node();
        String what = "shared-network " + name;

        List<ConfNode> inherited = new ArrayList<>();
        List<ConfNode> pools = new ArrayList<>();
        List<ConfNode> subnets = new ArrayList<>();
        for (ConfNode c : shared.children) {
            String k = c.keyword();
            if (!c.isBlock()) {
                if (k.equals("include")) {
                    throw new IllegalArgumentException(what + " includes a file (line " + c.line + "): what it declares"
                            + " cannot be unwrapped here; write it into the shared network or remove it in the file first");
                }
                if (k.equals("range")) pools.add(c);
                else if (!isDefinition(c)) inherited.add(c);
            } else if (k.equals("pool")) {
                pools.add(c);
            } else if (k.equals("subnet")) {
                subnets.add(c);
            } else if (!INHERITING.contains(k) && !k.equals("host")) {
                throw new IllegalArgumentException(what + " has a \"" + k + "\" block at its own level (line " + c.line
                        + "): dhcpd applies it to every subnet in it; move it into the subnets in the file first");
            }
        }

        // where each pool goes, decided before anything changes so that a refusal leaves nothing half done
        List<ConfNode> homes = new ArrayList<>();
        for (ConfNode p : pools) homes.add(home(p, subnets, what));

        boolean crlf = site.doc().render().contains("\r\n");
        for (int i = 0; i < pools.size(); i++) {
            ConfNode pool = pools.get(i);
            String comments = ownComments(shared, pool);
            ConfLayout.remove(shared, pool);
            moveInto(homes.get(i), pool, comments, crlf);
        }
        for (ConfNode s : inherited) ConfLayout.remove(shared, s);
        String marker = "# from " + shared.header.strip();
        for (ConfNode c : shared.children) {
            if (c.isBlock() && INHERITING.contains(c.keyword())) inherit(c, inherited, marker, crlf);
        }
        unwrap(site.parent(), shared);

        List<String> warnings = new ArrayList<>();
        if (!inherited.isEmpty()) {
            warnings.add(inherited.size() + " statement(s) of " + what + " are copied into each of its subnets that does"
                    + " not set them, so that clients get the same answers");
        }
        if (!pools.isEmpty()) warnings.add(pools.size() + " pool(s) or range(s) written directly in " + what
                + " move into the subnet holding their addresses");
        return FailoverEdits.finish(config, after, warnings);
    }

    private static ConfSite site(DhcpdConfig config, String name) {
        List<ConfSite> found = config.sites().stream().filter(s -> s.node().isBlock() && s.node().keyword().equals("shared-network")
                && s.node().tokens.size() > 1 && s.node().tokens.get(1).value().equals(name)).toList();
        if (found.size() != 1) {
            throw new IllegalArgumentException(found.isEmpty() ? "no shared-network " + name + " in the configuration now"
                    : found.size() + " shared networks are named " + name + ": remove the one you mean in the file");
        }
        return found.get(0);
    }

    /** An option or option space definition: global in effect wherever it is written, so it stays as it is. */
    private static boolean isDefinition(ConfNode n) {
        return n.keyword().equals("option") && n.tokens.size() > 2 && (n.tokens.get(1).is("space") || n.tokens.get(2).is("code"));
    }

    /** The subnet of the shared network that holds every address of a pool (or bare range). */
    private static ConfNode home(ConfNode pool, List<ConfNode> subnets, String what) {
        List<AddressRange> ranges = new ArrayList<>();
        if (pool.isBlock()) {
            for (ConfNode c : pool.children) if (!c.isBlock() && c.keyword().equals("range")) ranges.add(AddressRange.fromTokens(c.tokens));
        } else {
            ranges.add(AddressRange.fromTokens(pool.tokens));
        }
        String label = (pool.isBlock() ? "The pool" : "The range") + " at line " + pool.line
                + (ranges.isEmpty() ? "" : " (" + IscTables.rangeText(ranges) + ")") + " directly in " + what;
        if (ranges.isEmpty()) throw new IllegalArgumentException(label + " has no range: no subnet can take it; remove it in the file first");
        for (ConfNode s : subnets) {
            long net = Ipv4.parse(s.tokens.size() > 1 ? s.tokens.get(1).value() : null);
            long mask = Ipv4.parse(s.tokens.size() > 3 ? s.tokens.get(3).value() : null);
            if (net < 0 || mask < 0) continue;
            boolean all = ranges.stream().allMatch(r -> {
                long lo = Ipv4.parse(r.low()), hi = Ipv4.parse(r.high());
                return lo >= 0 && hi >= 0 && (lo & mask) == (net & mask) && (hi & mask) == (net & mask);
            });
            if (all) return s;
        }
        throw new IllegalArgumentException(label + " is in none of its subnets" + (ranges.size() > 1 ? " (or spans two)" : "")
                + ": without the shared network it would belong nowhere. Move it into a subnet, or declare the subnet"
                + " of its addresses, in the file first");
    }

    /**
     * Takes the comment lines just above a node (up to a blank line) out of its leading text and returns them,
     * stripped: they describe the node and move with it.
     */
    private static String ownComments(ConfNode parent, ConfNode n) {
        String[] lines = n.leading.split("\n", -1);
        // the first child's leading text starts with the rest of the line of the parent's '{'
        int min = parent.children.get(0) == n ? 1 : 0;
        int from = lines.length - 1;
        while (from > min && lines[from - 1].strip().startsWith("#")) from--;
        if (from == lines.length - 1) return "";
        StringBuilder comments = new StringBuilder(), rest = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i >= from && i < lines.length - 1) comments.append(lines[i].strip()).append('\n');
            else rest.append(lines[i]).append(i < lines.length - 1 ? "\n" : "");
        }
        n.leading = rest.toString();
        return comments.toString();
    }

    /**
     * Puts a pool (or range) taken out of the shared network at the end of a subnet: indented as the subnet's
     * children, or on the subnet's line when the subnet is written on one line.
     */
    private static void moveInto(ConfNode subnet, ConfNode pool, String comments, boolean crlf) {
        List<ConfNode> kids = subnet.children;
        ConfNode last = kids.isEmpty() ? null : kids.get(kids.size() - 1);
        if (last != null && !last.trailing.endsWith("\n") && comments.isEmpty() && !pool.toString().strip().contains("\n")) {
            pool.leading = " ";
            pool.trailing = "";
            kids.add(pool);
            return;
        }
        String indent = last != null && !last.trailing.endsWith("\n") ? subnet.indent() + "  "
                : ConfLayout.childIndent(subnet, kids.size());
        if (pool.isBlock()) shift(pool, pool.indent(), indent);
        StringBuilder lead = new StringBuilder();
        for (String c : comments.split("\n")) if (!c.isEmpty()) lead.append(indent).append(c).append('\n');
        lead.append(indent);
        if (last == null) {
            pool.leading = "\n" + lead;
            if (subnet.beforeClose.isBlank()) subnet.beforeClose = subnet.indent();
        } else {
            if (!last.trailing.endsWith("\n")) last.trailing = last.trailing + "\n";
            pool.leading = lead.toString();
            if (!subnet.beforeClose.contains("\n")) subnet.beforeClose = subnet.indent();
        }
        pool.trailing = pool.trailing.endsWith("\n") ? pool.trailing : "\n";
        if (crlf) ConfLayout.toCrlf(pool);
        kids.add(pool);
    }

    /** Re-indents a block's lines from {@code from} to {@code to} (only lines that start with {@code from}). */
    private static void shift(ConfNode block, String from, String to) {
        boolean lineStart = false; // the first child's text starts on the line of the '{'
        for (ConfNode c : block.children) {
            c.leading = reindent(c.leading, lineStart, from, to);
            if (c.isBlock()) shift(c, from, to);
            lineStart = c.trailing.endsWith("\n");
        }
        block.beforeClose = reindent(block.beforeClose, lineStart, from, to);
    }

    private static String reindent(String text, boolean lineStart, String from, String to) {
        StringBuilder b = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (i > 0) b.append('\n');
            b.append((i > 0 || lineStart) && l.startsWith(from) ? to + l.substring(from.length()) : l);
        }
        return b.toString();
    }

    /**
     * Gives a declaration the inherited statements it does not set itself, first in the block (after a comment
     * saying where they come from): dhcpd runs an outer scope's statements before the inner ones, so the block's
     * own statements and conditionals still come after them as they did.
     */
    private static void inherit(ConfNode block, List<ConfNode> inherited, String marker, boolean crlf) {
        Set<String> own = new java.util.HashSet<>();
        for (ConfNode c : block.children) if (!c.isBlock()) own.add(key(c));
        List<ConfNode> missing = inherited.stream().filter(s -> !own.contains(key(s))).toList();
        if (missing.isEmpty()) return;
        List<ConfNode> kids = block.children;
        boolean ownLines = !kids.isEmpty() && kids.get(0).leading.contains("\n");
        if (!ownLines) {
            // an empty or one-line block: the statements go in as generated ones, fitting its layout
            for (int i = 0; i < missing.size(); i++) ConfLayout.insert(block, i, copy(missing.get(i), ""));
            return;
        }
        ConfNode first = kids.get(0);
        String indent = ConfLayout.childIndent(block, 0);
        int nl = first.leading.indexOf('\n');
        String headRest = first.leading.substring(0, nl + 1);
        first.leading = first.leading.substring(nl + 1);
        for (int i = 0; i < missing.size(); i++) {
            ConfNode n = copy(missing.get(i), indent);
            if (i == 0) n.leading = headRest + indent + marker + "\n" + indent;
            if (crlf) ConfLayout.toCrlf(n);
            kids.add(i, n);
        }
    }

    /** A statement as it was written, with a comment that followed it on its line. */
    private static ConfNode copy(ConfNode s, String indent) {
        String rest = s.trailing.endsWith("\n") ? s.trailing : "\n";
        if (rest.strip().isEmpty()) rest = "\n";
        else rest = rest.replace("\r", "");
        return new ConfNode(indent, s.header, s.tokens, null, null, rest, 0);
    }

    /** What a statement sets, so that a subnet's own statement of the same kind keeps it from inheriting one. */
    private static String key(ConfNode n) {
        List<ConfToken> t = n.tokens;
        String k = n.keyword();
        if (k.equals("option") && t.size() > 1) return "option " + t.get(1).text().toLowerCase(Locale.ROOT);
        if ((k.equals("allow") || k.equals("deny") || k.equals("ignore")) && t.size() > 1) {
            StringBuilder b = new StringBuilder("permit");
            for (ConfToken x : t.subList(1, t.size())) b.append(' ').append(x.text().toLowerCase(Locale.ROOT));
            return b.toString();
        }
        if (k.equals("not") && t.size() > 1) return t.get(1).text().toLowerCase(Locale.ROOT);
        return k;
    }

    /** Puts the shared network's remaining declarations where the block was, dropping only its own lines. */
    private static void unwrap(ConfNode parent, ConfNode shared) {
        int at = parent.children.indexOf(shared);
        List<ConfNode> kids = new ArrayList<>(shared.children);
        // comments before the closing brace and after it stay, as lines of their own
        StringBuilder after = new StringBuilder();
        for (String text : List.of(shared.beforeClose, shared.trailing)) {
            for (String line : text.split("\n", -1)) {
                String s = line.strip();
                if (s.startsWith("#")) after.append(s).append('\n');
            }
        }
        String afterText = after.toString().replace("\n", shared.trailing.endsWith("\r\n") ? "\r\n" : "\n");
        if (kids.isEmpty()) {
            String lead = shared.leading + afterText;
            parent.children.remove(at);
            if (at < parent.children.size()) parent.children.get(at).leading = lead + parent.children.get(at).leading;
            else parent.beforeClose = lead + parent.beforeClose;
            return;
        }
        ConfNode first = kids.get(0);
        int nl = first.leading.indexOf('\n');
        String headRest = nl < 0 ? "" : first.leading.substring(0, nl + 1);
        String headComment = headRest.strip();
        first.leading = shared.leading + (headComment.isEmpty() ? "" : headComment + headRest.substring(headRest.stripTrailing().length()))
                + (nl < 0 ? first.leading.stripLeading() : first.leading.substring(nl + 1));
        ConfNode last = kids.get(kids.size() - 1);
        if (!last.trailing.endsWith("\n") && shared.trailing.endsWith("\n")) {
            last.trailing = last.trailing + (shared.trailing.endsWith("\r\n") ? "\r\n" : "\n");
        }
        parent.children.remove(at);
        parent.children.addAll(at, kids);
        if (!afterText.isEmpty()) {
            if (at + kids.size() < parent.children.size()) {
                ConfNode next = parent.children.get(at + kids.size());
                next.leading = afterText + next.leading;
            } else {
                parent.beforeClose = afterText + parent.beforeClose;
            }
        }
    }
}
