package tandem.isc;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tandem.isc.FailoverPeer.Field;

/**
 * A dhcpd configuration: the main file and every file it includes, each kept as its own {@link ConfDocument}.
 * It answers what the console needs (peers, subnets, pools) and makes the edits the console offers in place, so
 * everything else in the files stays byte for byte. Relative {@code include} paths are read relative to the main
 * file's folder. Texts are held as bytes ({@link ConfText}): {@link #render()} gives each file's bytes back, one char
 * per byte. Not thread-safe; edit a {@link #copy()} and compare with {@link ConfigChange#between}.
 */
public final class DhcpdConfig {
    /**
     * Reads a file of the configuration by path (a local file, or one on a server over SSH) as held text, one char
     * per byte ({@link ConfText#fromBytes}); a {@link java.nio.file.NoSuchFileException} or {@link ConfText.Refused}
     * is reported at the include statement that names the file.
     */
    @FunctionalInterface
    public interface Source {
        String read(String path) throws IOException;
    }

    private final String mainPath;
    private final Map<String, ConfDocument> documents;

    private DhcpdConfig(String mainPath, Map<String, ConfDocument> documents) {
        this.mainPath = mainPath;
        this.documents = documents;
    }

    /**
     * Reads a local main file and its includes, byte for byte whatever their encoding. Only regular files are read,
     * within {@link ConfLimits}.
     *
     * @throws ConfSyntaxException for anything wrong with the files (syntax, limits, includes), at its file and line
     * @throws IOException         when the main file cannot be read (e.g. {@link NoSuchFileException})
     */
    public static DhcpdConfig read(Path mainFile) throws IOException, ConfSyntaxException {
        return read(mainFile.toString(), p -> ConfText.readLocal(Path.of(p)));
    }

    /** Reads through a source that returns held text (see {@link ConfText}), e.g. a file on a server. */
    public static DhcpdConfig read(String mainPath, Source source) throws IOException, ConfSyntaxException {
        return new DhcpdConfig(mainPath, ConfLoader.load(mainPath, source));
    }

    /**
     * A configuration of one file given as held text (one char per byte; see {@link ConfText#fromBytes}); an
     * include is reported as a file that cannot be read. Bad input of any kind ends in ConfSyntaxException.
     */
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

    /** The same from the file's bytes. */
    public static DhcpdConfig parse(String mainPath, byte[] content) throws ConfSyntaxException {
        return parse(mainPath, ConfText.fromBytes(content));
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

    /** Every node in dhcpd's reading order, an include's file in place of the include statement. */
    List<ConfSite> sites() {
        List<ConfSite> out = new ArrayList<>();
        ConfDocument main = documents.get(mainPath);
        walk(main, main.root, null, null, out);
        return out;
    }

    private void walk(ConfDocument doc, ConfNode parent, ConfNode subnet, ConfNode shared, List<ConfSite> out) {
        for (ConfNode n : parent.children) {
            out.add(new ConfSite(doc, n, parent, subnet, shared));
            if (!n.isBlock() && n.keyword().equals("include")) {
                ConfDocument inc = documents.get(ConfLoader.includeTarget(mainPath, n));
                if (inc != null) walk(inc, inc.root, subnet, shared, out);
            } else if (n.isBlock()) {
                String k = n.keyword();
                walk(doc, n, k.equals("subnet") ? n : subnet, k.equals("shared-network") ? n : shared, out);
            }
        }
    }

    static boolean isPeerDeclaration(ConfNode n) { return n.isBlock() && n.startsWith("failover", "peer"); }

    static boolean isPeerReference(ConfNode n) { return !n.isBlock() && n.startsWith("failover", "peer"); }

    static String peerName(ConfNode n) { return n.tokens.size() > 2 ? n.tokens.get(2).value() : null; }

    public List<PeerDeclaration> peers() {
        List<PeerDeclaration> out = new ArrayList<>();
        for (ConfSite s : sites()) if (isPeerDeclaration(s.node())) out.add(PeerDeclaration.read(s));
        return out;
    }

    public List<String> peerNames() { return peers().stream().map(d -> d.peer().name()).toList(); }

    public java.util.Optional<PeerDeclaration> peer(String name) {
        return peers().stream().filter(d -> Objects.equals(d.peer().name(), name)).findFirst();
    }

    /**
     * The key OMAPI clients must sign with: the last global {@code omapi-key NAME;} and the {@code key NAME} block
     * it names. Empty when dhcpd asks for no key.
     *
     * @throws IllegalArgumentException when omapi-key names a key that is not declared or cannot be used
     */
    public java.util.Optional<OmapiKey> omapiKey() {
        String name = null;
        List<ConfSite> global = sites().stream().filter(s -> s.subnet() == null && s.sharedNetwork() == null
                && documents.values().stream().anyMatch(d -> d.root == s.parent())).toList();
        for (ConfSite s : global) {
            if (!s.node().isBlock() && s.node().startsWith("omapi-key") && s.node().tokens.size() > 1) {
                name = s.node().tokens.get(1).value();
            }
        }
        if (name == null) return java.util.Optional.empty();
        ConfNode key = null;
        for (ConfSite s : global) {
            if (s.node().isBlock() && s.node().startsWith("key") && s.node().tokens.size() > 1
                    && s.node().tokens.get(1).value().equals(name)) key = s.node();
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
        for (ConfSite s : sites()) if (s.node().isBlock() && s.node().keyword().equals("subnet")) out.add(subnetOf(s.node(), s.doc()));
        return out;
    }

    static Subnet subnetOf(ConfNode n, ConfDocument doc) {
        String net = n.tokens.size() > 1 ? n.tokens.get(1).value() : "?";
        String mask = n.tokens.size() > 3 && n.tokens.get(2).is("netmask") ? n.tokens.get(3).value() : "?";
        return new Subnet(net, mask, cidrOf(n), doc.path(), n.line);
    }

    /** A subnet declaration's network as CIDR, e.g. 10.0.0.0/24 (the mask as written when it is not contiguous). */
    static String cidrOf(ConfNode n) {
        String net = n.tokens.size() > 1 ? n.tokens.get(1).value() : "?";
        String mask = n.tokens.size() > 3 && n.tokens.get(2).is("netmask") ? n.tokens.get(3).value() : "?";
        int prefix = Ipv4.prefixLength(mask);
        return net + "/" + (prefix < 0 ? mask : String.valueOf(prefix));
    }

    public List<AddressPool> pools() {
        List<AddressPool> out = new ArrayList<>();
        for (ConfSite s : poolSites()) out.add(poolOf(s, out.size() + 1));
        return out;
    }

    private List<ConfSite> poolSites() {
        return sites().stream().filter(s -> s.node().isBlock() && s.node().keyword().equals("pool")).toList();
    }

    private AddressPool poolOf(ConfSite s, int index) {
        List<AddressRange> ranges = new ArrayList<>();
        String peer = null;
        for (ConfNode c : s.node().children) {
            if (!c.isBlock() && c.keyword().equals("range")) ranges.add(AddressRange.fromTokens(c.tokens));
            if (isPeerReference(c)) peer = peerName(c);
        }
        String where = s.subnet() != null ? subnetOf(s.subnet(), s.doc()).cidr()
                : s.sharedNetwork() != null ? "shared-network " + (s.sharedNetwork().tokens.size() > 1 ? s.sharedNetwork().tokens.get(1).value() : "?")
                : "global";
        return new AddressPool(index, s.doc().path(), s.node().line, where, ranges, peer);
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
    public List<ConfProblem> check() { return ConfRules.check(sites()); }

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
        ConfSite site = peerSite(existingName);
        if (!existingName.equals(peer.name())) {
            if (peer(peer.name()).isPresent()) throw new IllegalArgumentException("failover peer \"" + peer.name() + "\" already exists");
            site.node().setHeader(peer.header());
            for (ConfSite s : sites()) if (isPeerReference(s.node()) && existingName.equals(peerName(s.node()))) setReference(s.node(), peer.name());
        }
        Map<Field, String> desired = new LinkedHashMap<>();
        for (String st : peer.statements()) desired.put(PeerDeclaration.field(ConfNode.statement("", st)), st);
        for (ConfNode c : new ArrayList<>(site.node().children)) {
            Field f = PeerDeclaration.field(c);
            if (f == null) continue;
            String want = desired.remove(f);
            if (want == null) {
                ConfLayout.remove(site.node(), c);
            } else if (!c.headerWords().equals(want)) {
                c.setHeader(want);
            }
        }
        List<Field> order = List.of(Field.values());
        for (var e : desired.entrySet()) {
            int at = 0;
            for (int i = 0; i < site.node().children.size(); i++) {
                Field f = PeerDeclaration.field(site.node().children.get(i));
                if (f != null && order.indexOf(f) < order.indexOf(e.getKey())) at = i + 1;
            }
            ConfLayout.insert(site.node(), at, ConfNode.statement("", e.getValue()));
        }
    }

    private ConfSite peerSite(String name) {
        return sites().stream().filter(s -> isPeerDeclaration(s.node()) && name.equals(peerName(s.node()))).findFirst()
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
        ConfLayout.insert(main.root, at, block);
    }

    /** Removes a peer declaration; pools that still name it are the caller's business (see {@link PeerRules}). */
    public void removePeerDeclaration(String name) {
        ConfSite s = peerSite(name);
        ConfLayout.remove(s.parent(), s.node());
    }

    /** Points a pool at a peer, or (null) takes its failover peer statement away. */
    public void setPoolPeer(int poolIndex, String peerName) {
        ConfNode pool = poolNode(poolIndex);
        List<ConfNode> refs = pool.children.stream().filter(DhcpdConfig::isPeerReference).toList();
        if (peerName == null) {
            refs.forEach(r -> ConfLayout.remove(pool, r));
        } else if (refs.isEmpty()) {
            ConfLayout.insert(pool, 0, ConfNode.statement("", "failover peer " + FailoverPeer.quote(peerName)));
        } else {
            setReference(refs.get(0), peerName);
            refs.subList(1, refs.size()).forEach(r -> ConfLayout.remove(pool, r));
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
                ConfLayout.remove(pool, existing.get(i));
            } else {
                int after = pool.children.indexOf(existing.isEmpty() ? null : existing.get(existing.size() - 1));
                int at = after < 0 ? pool.children.size() : after + 1 + (i - existing.size());
                ConfLayout.insert(pool, at, ConfNode.statement("", ranges.get(i).statement()));
            }
        }
    }

    /** Adds a pool at the end of a subnet (given as CIDR or network address); returns its pool index. */
    public int addPool(String subnet, List<AddressRange> ranges, String peerName) {
        ConfSite site = subnetSite(subnet);
        List<String> statements = new ArrayList<>();
        if (peerName != null) statements.add("failover peer " + FailoverPeer.quote(peerName));
        ranges.forEach(r -> statements.add(r.statement()));
        ConfNode pool = ConfNode.block(ConfLayout.childIndent(site.node(), site.node().children.size()), "pool", statements);
        ConfLayout.insert(site.node(), site.node().children.size(), pool);
        List<ConfSite> pools = poolSites();
        for (int i = 0; i < pools.size(); i++) if (pools.get(i).node() == pool) return i + 1;
        throw new IllegalStateException("the new pool is not where it was put");
    }

    /** Removes the host declaration {@code host NAME}; refused when not exactly one host has that name. */
    public void removeHost(String name) {
        List<ConfSite> hosts = sites().stream().filter(s -> s.node().isBlock() && s.node().keyword().equals("host")
                && s.node().tokens.size() > 1 && s.node().tokens.get(1).value().equals(name)).toList();
        if (hosts.size() != 1) {
            throw new IllegalArgumentException(hosts.isEmpty() ? "no host \"" + name + "\""
                    : hosts.size() + " host declarations are named \"" + name + "\": remove the one you mean in the file");
        }
        ConfLayout.remove(hosts.get(0).parent(), hosts.get(0).node());
    }

    public void removePool(int poolIndex) {
        ConfSite s = poolSites().get(poolIndex - 1);
        ConfLayout.remove(s.parent(), s.node());
    }

    private ConfSite subnetSite(String subnet) {
        return sites().stream().filter(s -> s.node().isBlock() && s.node().keyword().equals("subnet"))
                .filter(s -> {
                    Subnet sub = subnetOf(s.node(), s.doc());
                    return sub.cidr().equals(subnet) || sub.network().equals(subnet);
                }).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no subnet " + subnet));
    }

    /**
     * Makes this configuration's subnet the same as {@code source}'s (its text, pools and failover references),
     * replacing the one here or adding it at the end of the main file. Used to migrate a scope to the partner.
     */
    public void copySubnetFrom(DhcpdConfig source, String subnet) {
        ConfSite from = source.subnetSite(subnet);
        ConfNode copy;
        try {
            copy = ConfDocument.parse("(copy)", from.node().toString().strip() + "\n").root.children.get(0);
        } catch (ConfSyntaxException e) {
            throw new IllegalStateException(e);
        }
        ConfSite here = sites().stream().filter(s -> s.node().isBlock() && s.node().keyword().equals("subnet"))
                .filter(s -> subnetOf(s.node(), s.doc()).cidr().equals(source.subnetOf(from.node(), from.doc()).cidr()))
                .findFirst().orElse(null);
        if (here != null) {
            copy.leading = here.node().leading;
            copy.trailing = here.node().trailing;
            here.parent().children.set(here.parent().children.indexOf(here.node()), copy);
        } else {
            ConfDocument main = documents.get(mainPath);
            ConfLayout.insert(main.root, main.root.children.size(), copy);
        }
    }

    private ConfNode poolNode(int poolIndex) {
        List<ConfSite> pools = poolSites();
        if (poolIndex < 1 || poolIndex > pools.size()) {
            throw new IllegalArgumentException("no pool " + poolIndex + " (the configuration has " + pools.size() + " pools)");
        }
        return pools.get(poolIndex - 1).node();
    }
}
