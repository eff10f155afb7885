package tandem.isc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tandem.isc.FailoverPeer.Field;

/**
 * A dhcpd configuration: the main file and every file it includes, each kept as its own {@link ConfDocument}.
 * It answers what the console needs (peers, subnets, pools) and makes the edits the console offers in place, so
 * everything else in the files stays byte for byte. Relative {@code include} paths are read relative to the main
 * file's folder. Not thread-safe; edit a {@link #copy()} and compare with {@link ConfigChange#between}.
 */
public final class DhcpdConfig {
    /** Reads a file of the configuration by path (a local file, or one on a server over SSH). */
    @FunctionalInterface
    public interface Source {
        String read(String path) throws IOException;
    }

    private static final int MAX_FILES = 200;

    private final String mainPath;
    private final Map<String, ConfDocument> documents;

    private DhcpdConfig(String mainPath, Map<String, ConfDocument> documents) {
        this.mainPath = mainPath;
        this.documents = documents;
    }

    public static DhcpdConfig read(Path mainFile) throws IOException, ConfSyntaxException {
        return read(mainFile.toString(), p -> Files.readString(Path.of(p), StandardCharsets.UTF_8));
    }

    public static DhcpdConfig read(String mainPath, Source source) throws IOException, ConfSyntaxException {
        Map<String, ConfDocument> docs = new LinkedHashMap<>();
        load(mainPath, mainPath, source, docs);
        return new DhcpdConfig(mainPath, docs);
    }

    /** A configuration of one file with no includes (an include is reported as a file that cannot be read). */
    public static DhcpdConfig parse(String mainPath, String text) throws ConfSyntaxException {
        try {
            return read(mainPath, p -> {
                if (p.equals(mainPath)) return text;
                throw new NoSuchFileException(p);
            });
        } catch (IOException e) {
            throw new ConfSyntaxException(mainPath, 0, "cannot read included file " + e.getMessage());
        }
    }

    private static void load(String mainPath, String path, Source source, Map<String, ConfDocument> docs)
            throws IOException, ConfSyntaxException {
        if (docs.containsKey(path)) return;
        if (docs.size() >= MAX_FILES) throw new ConfSyntaxException(path, 0, "more than " + MAX_FILES + " included files");
        ConfDocument doc = ConfDocument.parse(path, source.read(path));
        docs.put(path, doc);
        List<ConfNode> includes = new ArrayList<>();
        collectIncludes(doc.root.children, includes);
        for (ConfNode inc : includes) {
            String target = includeTarget(mainPath, inc);
            if (target == null) throw new ConfSyntaxException(path, inc.line, "include needs a file name in quotes");
            try {
                load(mainPath, target, source, docs);
            } catch (NoSuchFileException e) {
                throw new ConfSyntaxException(path, inc.line, "cannot read included file " + target);
            }
        }
    }

    private static void collectIncludes(List<ConfNode> nodes, List<ConfNode> out) {
        for (ConfNode n : nodes) {
            if (!n.isBlock() && n.keyword().equals("include")) out.add(n);
            if (n.isBlock()) collectIncludes(n.children, out);
        }
    }

    static String includeTarget(String mainPath, ConfNode include) {
        if (include.tokens.size() != 2 || include.tokens.get(1).kind() != ConfToken.Kind.STRING) return null;
        String target = include.tokens.get(1).value();
        if (target.startsWith("/")) return target;
        Path parent = Path.of(mainPath).getParent();
        return parent == null ? target : parent.resolve(target).toString();
    }

    public String mainPath() { return mainPath; }

    /** Paths of the main file and the included files, main first. */
    public List<String> files() { return List.copyOf(documents.keySet()); }

    public ConfDocument document(String path) { return documents.get(path); }

    /** Each file's text as it would be written now. */
    public Map<String, String> render() {
        Map<String, String> out = new LinkedHashMap<>();
        documents.forEach((p, d) -> out.put(p, d.render()));
        return out;
    }

    public DhcpdConfig copy() {
        Map<String, String> texts = render();
        try {
            return read(mainPath, texts::get);
        } catch (IOException | ConfSyntaxException e) {
            throw new IllegalStateException("a rendered configuration no longer parses", e);
        }
    }

    // ---------------------------------------------------------------------------------------------- reading

    /** Where a node sits: its file, its parent, and the subnet and shared-network around it. */
    private record Site(ConfDocument doc, ConfNode node, ConfNode parent, ConfNode subnet, ConfNode sharedNetwork) {}

    /** Every node in dhcpd's reading order, an include's file in place of the include statement. */
    private List<Site> sites() {
        List<Site> out = new ArrayList<>();
        ConfDocument main = documents.get(mainPath);
        walk(main, main.root, null, null, out, 0);
        return out;
    }

    private void walk(ConfDocument doc, ConfNode parent, ConfNode subnet, ConfNode shared, List<Site> out, int depth) {
        if (depth > MAX_FILES) return; // an include cycle; reading already refused a second copy of any file
        for (ConfNode n : parent.children) {
            out.add(new Site(doc, n, parent, subnet, shared));
            if (!n.isBlock() && n.keyword().equals("include")) {
                ConfDocument inc = documents.get(includeTarget(mainPath, n));
                if (inc != null) walk(inc, inc.root, subnet, shared, out, depth + 1);
            } else if (n.isBlock()) {
                String k = n.keyword();
                walk(doc, n, k.equals("subnet") ? n : subnet, k.equals("shared-network") ? n : shared, out, depth);
            }
        }
    }

    private static boolean isPeerDeclaration(ConfNode n) { return n.isBlock() && n.startsWith("failover", "peer"); }

    private static boolean isPeerReference(ConfNode n) { return !n.isBlock() && n.startsWith("failover", "peer"); }

    private static String peerName(ConfNode n) { return n.tokens.size() > 2 ? n.tokens.get(2).value() : null; }

    public List<PeerDeclaration> peers() {
        List<PeerDeclaration> out = new ArrayList<>();
        for (Site s : sites()) if (isPeerDeclaration(s.node)) out.add(readPeer(s));
        return out;
    }

    public List<String> peerNames() { return peers().stream().map(d -> d.peer().name()).toList(); }

    public java.util.Optional<PeerDeclaration> peer(String name) {
        return peers().stream().filter(d -> Objects.equals(d.peer().name(), name)).findFirst();
    }

    private PeerDeclaration readPeer(Site s) {
        Map<Field, Integer> lines = new EnumMap<>(Field.class);
        List<ConfProblem> unreadable = new ArrayList<>();
        lines.put(Field.NAME, s.node.line);
        FailoverRole role = null;
        String address = null, peerAddress = null;
        Integer port = null, peerPort = null, mrd = null, muu = null, mclt = null, split = null, lbms = null;
        for (ConfNode c : s.node.children) {
            Field f = peerField(c);
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
                        unreadable.add(new ConfProblem(s.doc.path(), c.line, ConfProblem.Severity.ERROR,
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
        FailoverPeer p = new FailoverPeer(peerName(s.node), role, address, port, peerAddress, peerPort, mrd, muu, mclt,
                split, lbms);
        return new PeerDeclaration(p, s.doc.path(), s.node.line, lines, unreadable);
    }

    /** Which field a statement inside a peer declaration sets, or null for anything else (kept as it is). */
    private static Field peerField(ConfNode c) {
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

    /**
     * The key OMAPI clients must sign with: the last global {@code omapi-key NAME;} and the {@code key NAME} block
     * it names. Empty when dhcpd asks for no key.
     *
     * @throws IllegalArgumentException when omapi-key names a key that is not declared or cannot be used
     */
    public java.util.Optional<OmapiKey> omapiKey() {
        String name = null;
        List<Site> global = sites().stream().filter(s -> s.subnet == null && s.sharedNetwork == null
                && documents.values().stream().anyMatch(d -> d.root == s.parent)).toList();
        for (Site s : global) {
            if (!s.node.isBlock() && s.node.startsWith("omapi-key") && s.node.tokens.size() > 1) {
                name = s.node.tokens.get(1).value();
            }
        }
        if (name == null) return java.util.Optional.empty();
        ConfNode key = null;
        for (Site s : global) {
            if (s.node.isBlock() && s.node.startsWith("key") && s.node.tokens.size() > 1
                    && s.node.tokens.get(1).value().equals(name)) key = s.node;
        }
        if (key == null) throw new IllegalArgumentException("omapi-key names the key \"" + name + "\", which is not declared");
        String algorithm = null, secret = null;
        for (ConfNode c : key.children) {
            if (c.isBlock() || c.tokens.size() < 2) continue;
            if (c.startsWith("algorithm")) algorithm = c.tokens.get(1).value();
            if (c.startsWith("secret")) secret = c.tokens.get(1).value();
        }
        return java.util.Optional.of(new OmapiKey(name, algorithm, secret));
    }

    public List<Subnet> subnets() {
        List<Subnet> out = new ArrayList<>();
        for (Site s : sites()) if (s.node.isBlock() && s.node.keyword().equals("subnet")) out.add(subnetOf(s.node, s.doc));
        return out;
    }

    private static Subnet subnetOf(ConfNode n, ConfDocument doc) {
        String net = n.tokens.size() > 1 ? n.tokens.get(1).value() : "?";
        String mask = n.tokens.size() > 3 && n.tokens.get(2).is("netmask") ? n.tokens.get(3).value() : "?";
        int prefix = Ipv4.prefixLength(mask);
        return new Subnet(net, mask, net + "/" + (prefix < 0 ? mask : String.valueOf(prefix)), doc.path(), n.line);
    }

    public List<AddressPool> pools() {
        List<AddressPool> out = new ArrayList<>();
        for (Site s : poolSites()) out.add(poolOf(s, out.size() + 1));
        return out;
    }

    private List<Site> poolSites() {
        return sites().stream().filter(s -> s.node.isBlock() && s.node.keyword().equals("pool")).toList();
    }

    private AddressPool poolOf(Site s, int index) {
        List<AddressRange> ranges = new ArrayList<>();
        String peer = null;
        for (ConfNode c : s.node.children) {
            if (!c.isBlock() && c.keyword().equals("range")) ranges.add(AddressRange.fromTokens(c.tokens));
            if (isPeerReference(c)) peer = peerName(c);
        }
        String where = s.subnet != null ? subnetOf(s.subnet, s.doc).cidr()
                : s.sharedNetwork != null ? "shared-network " + (s.sharedNetwork.tokens.size() > 1 ? s.sharedNetwork.tokens.get(1).value() : "?")
                : "global";
        return new AddressPool(index, s.doc.path(), s.node.line, where, ranges, peer);
    }

    public AddressPool pool(int index) {
        List<AddressPool> all = pools();
        if (index < 1 || index > all.size()) {
            throw new IllegalArgumentException("no pool " + index + " (the configuration has " + all.size() + " pools)");
        }
        return all.get(index - 1);
    }

    // ---------------------------------------------------------------------------------------------- checking

    /** Our own rules, beyond what {@code dhcpd -t} checks, each problem at its file and line. */
    public List<ConfProblem> check() {
        List<ConfProblem> out = new ArrayList<>();
        Map<String, PeerDeclaration> declared = new LinkedHashMap<>();
        Map<String, Integer> references = new LinkedHashMap<>();
        for (Site s : sites()) {
            ConfNode n = s.node;
            String file = s.doc.path();
            if (isPeerDeclaration(n)) {
                PeerDeclaration d = readPeer(s);
                out.addAll(d.unreadable());
                for (FailoverPeer.FieldProblem p : d.peer().validate()) {
                    if (d.unreadable().stream().anyMatch(u -> u.message().startsWith(p.field().label()))) continue;
                    out.add(new ConfProblem(file, d.lineOf(p.field()), p.severity(),
                            "failover peer \"" + d.peer().name() + "\": " + p));
                }
                if (declared.putIfAbsent(String.valueOf(d.peer().name()), d) != null) {
                    out.add(error(file, n.line, "failover peer \"" + d.peer().name() + "\" is declared twice"));
                }
            } else if (isPeerReference(n)) {
                String name = peerName(n);
                references.merge(String.valueOf(name), 1, Integer::sum);
                if (!n.startsWith("failover", "peer") || n.tokens.size() != 3) {
                    out.add(error(file, n.line, "write a pool's failover peer as: failover peer \"NAME\";"));
                } else if (!declared.containsKey(name)) {
                    out.add(error(file, n.line, "failover peer \"" + name + "\" is not declared before this pool"
                            + " (dhcpd needs the declaration first)"));
                }
                if (s.parent.isBlock() && !s.parent.keyword().equals("pool")) {
                    out.add(error(file, n.line, "a failover peer belongs in a pool, not in a " + s.parent.keyword()));
                }
            } else if (n.isBlock() && n.keyword().equals("pool")) {
                long refs = n.children.stream().filter(DhcpdConfig::isPeerReference).count();
                if (refs > 1) out.add(error(file, n.line, "a pool takes at most one failover peer (this one names " + refs + ")"));
                if (refs > 0) {
                    for (ConfNode c : n.children) {
                        if (!c.isBlock() && c.keyword().equals("range") && AddressRange.fromTokens(c.tokens).dynamicBootp()) {
                            out.add(error(file, c.line, "dynamic-bootp is not allowed in a failover pool"));
                        }
                    }
                }
            } else if (!n.isBlock() && n.keyword().equals("range")) {
                checkRange(s, out);
            }
        }
        for (PeerDeclaration d : declared.values()) {
            if (!references.containsKey(String.valueOf(d.peer().name()))) {
                out.add(new ConfProblem(d.file(), d.line(), ConfProblem.Severity.WARNING,
                        "failover peer \"" + d.peer().name() + "\" is declared but no pool refers to it"));
            }
        }
        return out;
    }

    private void checkRange(Site s, List<ConfProblem> out) {
        AddressRange r = AddressRange.fromTokens(s.node.tokens);
        String file = s.doc.path();
        if (r.low() == null) {
            out.add(error(file, s.node.line, "range needs at least one address"));
            return;
        }
        long low = Ipv4.parse(r.low()), high = Ipv4.parse(r.high());
        if (low < 0 || high < 0) {
            out.add(error(file, s.node.line, "range " + r + ": not an IPv4 address"));
            return;
        }
        if (low > high) out.add(error(file, s.node.line, "range " + r + ": the first address is above the last"));
        if (s.subnet != null) {
            Subnet sub = subnetOf(s.subnet, s.doc);
            long net = Ipv4.parse(sub.network()), mask = Ipv4.parse(sub.netmask());
            if (net >= 0 && mask >= 0) {
                for (long a : new long[] {low, high}) {
                    if ((a & mask) != (net & mask)) {
                        out.add(error(file, s.node.line, "range " + r + ": " + Ipv4.format(a) + " is not in subnet " + sub.cidr()));
                        break;
                    }
                }
            }
        } else if (s.parent.isBlock() && s.parent.keyword().equals("pool") && s.sharedNetwork == null) {
            out.add(error(file, s.node.line, "a pool's range needs a subnet or shared-network around the pool"));
        }
    }

    private static ConfProblem error(String file, int line, String m) {
        return new ConfProblem(file, line, ConfProblem.Severity.ERROR, m);
    }

    // ---------------------------------------------------------------------------------------------- editing

    /**
     * Adds a peer declaration, or (when {@code existingName} is given) changes that one in place: statements it
     * does not manage (comments, auto-partner-down, hba...) stay; a rename also renames every pool's reference.
     */
    public void putPeer(String existingName, FailoverPeer peer) {
        Objects.requireNonNull(peer.name(), "name");
        if (existingName == null) {
            if (peer(peer.name()).isPresent()) throw new IllegalArgumentException("failover peer \"" + peer.name() + "\" already exists");
            insertPeerDeclaration(peer);
            return;
        }
        Site site = peerSite(existingName);
        if (!existingName.equals(peer.name())) {
            if (peer(peer.name()).isPresent()) throw new IllegalArgumentException("failover peer \"" + peer.name() + "\" already exists");
            site.node.setHeader(peer.header());
            for (Site s : sites()) if (isPeerReference(s.node) && existingName.equals(peerName(s.node))) setReference(s.node, peer.name());
        }
        Map<Field, String> desired = new LinkedHashMap<>();
        for (String st : peer.statements()) desired.put(peerField(ConfNode.statement("", st)), st);
        for (ConfNode c : new ArrayList<>(site.node.children)) {
            Field f = peerField(c);
            if (f == null) continue;
            String want = desired.remove(f);
            if (want == null) {
                remove(site.node, c);
            } else if (!c.headerWords().equals(want)) {
                c.setHeader(want);
            }
        }
        List<Field> order = List.of(Field.values());
        for (var e : desired.entrySet()) {
            int at = 0;
            for (int i = 0; i < site.node.children.size(); i++) {
                Field f = peerField(site.node.children.get(i));
                if (f != null && order.indexOf(f) < order.indexOf(e.getKey())) at = i + 1;
            }
            insert(site.node, at, ConfNode.statement("", e.getValue()));
        }
    }

    private Site peerSite(String name) {
        return sites().stream().filter(s -> isPeerDeclaration(s.node) && name.equals(peerName(s.node))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no failover peer \"" + name + "\""));
    }

    /** Before the first pool-bearing part of the main file (dhcpd needs a peer declared before its pools). */
    private void insertPeerDeclaration(FailoverPeer peer) {
        ConfDocument main = documents.get(mainPath);
        List<ConfNode> top = main.root.children;
        int at = top.size();
        int lastPeer = -1;
        for (int i = 0; i < top.size(); i++) if (isPeerDeclaration(top.get(i))) lastPeer = i;
        for (int i = 0; i < top.size(); i++) {
            ConfNode n = top.get(i);
            boolean include = !n.isBlock() && n.keyword().equals("include");
            if ((n.isBlock() && !isPeerDeclaration(n)) || include) {
                at = i;
                break;
            }
        }
        if (lastPeer >= 0 && lastPeer < at) at = lastPeer + 1;
        ConfNode block = ConfNode.block("", peer.header(), peer.statements());
        insert(main.root, at, block);
    }

    /** Removes a peer declaration; pools that still name it are the caller's business (see {@link PeerRules}). */
    public void removePeerDeclaration(String name) {
        Site s = peerSite(name);
        remove(s.parent, s.node);
    }

    /** Points a pool at a peer, or (null) takes its failover peer statement away. */
    public void setPoolPeer(int poolIndex, String peerName) {
        ConfNode pool = poolNode(poolIndex);
        List<ConfNode> refs = pool.children.stream().filter(DhcpdConfig::isPeerReference).toList();
        if (peerName == null) {
            refs.forEach(r -> remove(pool, r));
        } else if (refs.isEmpty()) {
            insert(pool, 0, ConfNode.statement("", "failover peer " + FailoverPeer.quote(peerName)));
        } else {
            setReference(refs.get(0), peerName);
            refs.subList(1, refs.size()).forEach(r -> remove(pool, r));
        }
    }

    private static void setReference(ConfNode ref, String peerName) {
        ref.setHeader("failover peer " + FailoverPeer.quote(peerName));
    }

    /** Sets a pool's ranges, changing range statements in place and adding or removing only what differs. */
    public void setPoolRanges(int poolIndex, List<AddressRange> ranges) {
        ConfNode pool = poolNode(poolIndex);
        List<ConfNode> existing = pool.children.stream().filter(c -> !c.isBlock() && c.keyword().equals("range")).toList();
        for (int i = 0; i < Math.max(existing.size(), ranges.size()); i++) {
            if (i < existing.size() && i < ranges.size()) {
                if (!AddressRange.fromTokens(existing.get(i).tokens).equals(ranges.get(i))) existing.get(i).setHeader(ranges.get(i).statement());
            } else if (i < existing.size()) {
                remove(pool, existing.get(i));
            } else {
                int after = pool.children.indexOf(existing.isEmpty() ? null : existing.get(existing.size() - 1));
                int at = after < 0 ? pool.children.size() : after + 1 + (i - existing.size());
                insert(pool, at, ConfNode.statement("", ranges.get(i).statement()));
            }
        }
    }

    /** Adds a pool at the end of a subnet (given as CIDR or network address); returns its pool index. */
    public int addPool(String subnet, List<AddressRange> ranges, String peerName) {
        Site site = subnetSite(subnet);
        List<String> statements = new ArrayList<>();
        if (peerName != null) statements.add("failover peer " + FailoverPeer.quote(peerName));
        ranges.forEach(r -> statements.add(r.statement()));
        ConfNode pool = ConfNode.block(childIndent(site.node, site.node.children.size()), "pool", statements);
        insert(site.node, site.node.children.size(), pool);
        List<Site> pools = poolSites();
        for (int i = 0; i < pools.size(); i++) if (pools.get(i).node == pool) return i + 1;
        throw new IllegalStateException("the new pool is not where it was put");
    }

    public void removePool(int poolIndex) {
        Site s = poolSites().get(poolIndex - 1);
        remove(s.parent, s.node);
    }

    private Site subnetSite(String subnet) {
        return sites().stream().filter(s -> s.node.isBlock() && s.node.keyword().equals("subnet"))
                .filter(s -> {
                    Subnet sub = subnetOf(s.node, s.doc);
                    return sub.cidr().equals(subnet) || sub.network().equals(subnet);
                }).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no subnet " + subnet));
    }

    /**
     * Makes this configuration's subnet the same as {@code source}'s (its text, pools and failover references),
     * replacing the one here or adding it at the end of the main file. Used to migrate a scope to the partner.
     */
    public void copySubnetFrom(DhcpdConfig source, String subnet) {
        Site from = source.subnetSite(subnet);
        ConfNode copy;
        try {
            copy = ConfDocument.parse("(copy)", from.node.toString().strip() + "\n").root.children.get(0);
        } catch (ConfSyntaxException e) {
            throw new IllegalStateException(e);
        }
        Site here = sites().stream().filter(s -> s.node.isBlock() && s.node.keyword().equals("subnet"))
                .filter(s -> subnetOf(s.node, s.doc).cidr().equals(source.subnetOf(from.node, from.doc).cidr()))
                .findFirst().orElse(null);
        if (here != null) {
            copy.leading = here.node.leading;
            copy.trailing = here.node.trailing;
            here.parent.children.set(here.parent.children.indexOf(here.node), copy);
        } else {
            ConfDocument main = documents.get(mainPath);
            insert(main.root, main.root.children.size(), copy);
        }
    }

    private ConfNode poolNode(int poolIndex) {
        List<Site> pools = poolSites();
        if (poolIndex < 1 || poolIndex > pools.size()) {
            throw new IllegalArgumentException("no pool " + poolIndex + " (the configuration has " + pools.size() + " pools)");
        }
        return pools.get(poolIndex - 1).node;
    }

    /** Indentation for a child at {@code index}: that of a sibling, else the parent's plus two spaces. */
    private static String childIndent(ConfNode parent, int index) {
        List<ConfNode> kids = parent.children;
        if (!kids.isEmpty()) return kids.get(Math.min(index, kids.size() - 1)).indent();
        return parent.header.isEmpty() && parent.tokens.isEmpty() ? "" : parent.indent() + "  ";
    }

    /** Puts a node among {@code parent}'s children, fitting the surrounding layout (one per line, or inline). */
    private static void insert(ConfNode parent, int index, ConfNode n) {
        List<ConfNode> kids = parent.children;
        boolean root = parent.tokens.isEmpty() && parent.header.isEmpty();
        String indent = childIndent(parent, index);
        if (n.isBlock()) reindent(n, indent);
        if (kids.isEmpty() && root) {
            // after whatever comments the file has
            String before = parent.beforeClose;
            n.leading = before.isEmpty() ? "" : before + (before.endsWith("\n") ? "\n" : "\n\n");
            n.trailing = "\n";
            parent.beforeClose = "";
        } else if (kids.isEmpty()) {
            n.leading = "\n" + indent;
            n.trailing = "\n";
            if (!root && parent.beforeClose.isBlank()) parent.beforeClose = parent.indent();
        } else if (index == 0) {
            ConfNode first = kids.get(0);
            int nl = first.leading.lastIndexOf('\n');
            if (nl < 0 && !root) {
                n.leading = first.leading;
                n.trailing = "";
            } else {
                n.leading = first.leading;
                first.leading = (root && n.isBlock() ? "\n" : "") + first.leading.substring(nl + 1);
                n.trailing = "\n";
            }
        } else {
            ConfNode prev = kids.get(index - 1);
            if (prev.trailing.endsWith("\n") || root) {
                if (!prev.trailing.endsWith("\n")) prev.trailing = prev.trailing + "\n";
                n.leading = (root && n.isBlock() ? "\n" : "") + indent;
                n.trailing = "\n";
            } else {
                n.leading = " ";
                n.trailing = "";
            }
        }
        kids.add(index, n);
    }

    /** Gives a generated block and its children the indentation of where it goes. */
    private static void reindent(ConfNode block, String indent) {
        for (int i = 0; i < block.children.size(); i++) {
            ConfNode c = block.children.get(i);
            c.leading = (i == 0 ? "\n" : "") + indent + "  ";
        }
        block.beforeClose = block.children.isEmpty() ? "\n" + indent : indent;
    }

    /** Takes a node out with its line; comments before it stay, and so does one blank line where there was one. */
    private static void remove(ConfNode parent, ConfNode n) {
        int i = parent.children.indexOf(n);
        boolean root = parent.tokens.isEmpty() && parent.header.isEmpty();
        boolean afterLineEnd = i == 0 ? root : parent.children.get(i - 1).trailing.endsWith("\n");
        String lead = n.leading;
        int nl = lead.lastIndexOf('\n');
        String keep = lead.substring(0, nl + 1);
        parent.children.remove(i);
        String next = i < parent.children.size() ? parent.children.get(i).leading : parent.beforeClose;
        if (nl < 0 && !n.trailing.endsWith("\n")) {
            keep = ""; // an inline node ("pool { failover peer "x"; range ...; }"): its leading space goes with it
        } else if (keep.isBlank()) {
            // the line end of an opening brace stays; blank lines go when the next node brings its own
            String lineEnd = afterLineEnd ? "" : "\n";
            boolean nextHasBlankLine = next.substring(0, next.length() - next.stripLeading().length()).contains("\n");
            if (nextHasBlankLine) keep = lineEnd;
        }
        if (i < parent.children.size()) {
            parent.children.get(i).leading = keep + parent.children.get(i).leading;
        } else {
            parent.beforeClose = keep + parent.beforeClose;
        }
    }
}
