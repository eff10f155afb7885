package tandem.isc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tandem.ssh.SshSettings;
import tandem.ssh.SshTarget;

/**
 * An ISC change as the journal keeps it (JSON): where the file is ({@link IscLocation}, without the password) and
 * each changed file's text before and after, so that it can be settled and undone from any process.
 *
 * <p>A dhcpd.conf may hold key secrets (the OMAPI key, DDNS keys): their values are sealed with the data folder's
 * key before the text is stored, so no secret is kept in clear in the journal, and opened again when read. Each
 * sealed value is bound to the server and file it belongs to: moved into another entry's file, it does not open.
 */
public final class IscJournal {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The value of a {@code secret} statement, quoted or not (as {@link tandem.core.change.Redaction} finds it). */
    // an unrolled loop with possessive quantifiers: (?:[^"\\]|\\.)* recurses per character and overflows on long strings
    private static final Pattern SECRET = Pattern.compile("(\\bsecret\\s++)(\"[^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+\"|[^;\\s]++)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SEALED = Pattern.compile("\\{tandem-sealed:([A-Za-z0-9+/=:_-]+)}");

    /** Seals and opens secrets with the data folder's key. */
    public interface Sealer {
        /** @param binding where the secret belongs (server and file): opening it elsewhere fails */
        String seal(String secret, String binding);

        String open(String sealed, String binding);

        /** Keeps secrets as they are: for journals that live in memory only. */
        Sealer NONE = new Sealer() {
            @Override public String seal(String secret, String binding) { return secret; }

            @Override public String open(String sealed, String binding) { return sealed; }
        };
    }

    /** A journaled ISC write. */
    public record Entry(IscLocation where, ConfigChange change) {}

    private final Sealer sealer;

    public IscJournal(Sealer sealer) {
        this.sealer = sealer;
    }

    public String write(IscLocation where, ConfigChange change) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        root.set("where", location(where));
        root.put("mainPath", change.mainPath());
        root.set("before", texts(where, change.before()));
        root.set("after", texts(where, change.after()));
        return root.toString();
    }

    public Entry read(String json) {
        JsonNode root = parse(json);
        Map<String, String> before = new LinkedHashMap<>(), after = new LinkedHashMap<>();
        IscLocation where = location(root.path("where"));
        root.path("after").fields().forEachRemaining(e -> after.put(e.getKey(), open(where, e.getKey(), e.getValue().asText())));
        root.path("before").fields().forEachRemaining(e -> before.put(e.getKey(), open(where, e.getKey(), e.getValue().asText())));
        return new Entry(where, new ConfigChange(root.path("mainPath").asText(), before, after, List.of()));
    }

    /**
     * The same journaled write with each sealed secret opened with {@code from} and sealed with {@code to} (moving a
     * journal to a store read with another key); everything else is left as it was.
     */
    public static String reseal(String json, Sealer from, Sealer to) {
        JsonNode root = parse(json);
        if (!root.isObject() || !root.has("where")) return json;
        IscLocation where = location(root.path("where"));
        for (String side : List.of("before", "after")) {
            if (!(root.get(side) instanceof ObjectNode files)) continue;
            List<String> names = new java.util.ArrayList<>();
            files.fieldNames().forEachRemaining(names::add);
            for (String file : names) {
                String binding = binding(where, file);
                files.put(file, replace(SEALED.matcher(files.get(file).asText()),
                        m -> "{tandem-sealed:" + to.seal(from.open(m.group(1), binding), binding) + "}"));
            }
        }
        return root.toString();
    }

    /** Only where the file is: what settling needs to know to lock, without opening any secret. */
    public static IscLocation where(String json) {
        return location(parse(json).path("where"));
    }

    /** Partner-down: the server and the failover peer. */
    public static String partnerDown(String server, String peer) {
        return JSON.createObjectNode().put("server", server).put("peer", peer).toString();
    }

    /** {@code [server, peer]} of a journaled partner-down. */
    public static List<String> partnerDown(String json) {
        JsonNode n = parse(json);
        return List.of(n.path("server").asText(), n.path("peer").asText());
    }

    private ObjectNode texts(IscLocation where, Map<String, String> files) {
        ObjectNode n = JSON.createObjectNode();
        files.forEach((f, text) -> n.put(f, seal(where, f, text)));
        return n;
    }

    /** What a sealed secret of this file is bound to: the server (or where the file is) and the file. */
    static String binding(IscLocation where, String file) {
        return "isc-journal\u0000" + where.name() + "\u0000" + file;
    }

    String seal(IscLocation where, String file, String text) {
        if (sealer == Sealer.NONE) return text;
        String binding = binding(where, file);
        return replace(SECRET.matcher(text), m -> m.group(1) + "{tandem-sealed:" + sealer.seal(m.group(2), binding) + "}");
    }

    String open(IscLocation where, String file, String text) {
        String binding = binding(where, file);
        return replace(SEALED.matcher(text), m -> sealer.open(m.group(1), binding));
    }

    private static String replace(Matcher m, java.util.function.Function<Matcher, String> with) {
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(with.apply(m)));
        m.appendTail(out);
        return out.toString();
    }

    private static ObjectNode location(IscLocation w) {
        ObjectNode n = JSON.createObjectNode();
        if (w.server() != null) n.put("server", w.server());
        if (w.ssh() != null) {
            n.put("ssh", w.ssh().target().toString());
            if (w.ssh().keyFile() != null) n.put("key", w.ssh().keyFile().toString());
            if (w.ssh().jump() != null) n.put("jump", w.ssh().jump().toString());
            if (w.ssh().sudo()) n.put("sudo", true);
            // the password never: a login that needs it is settled or undone through the inventory, or not at all
        }
        n.put("config", w.configPath());
        if (w.validateCommand() != null) n.put("validate", w.validateCommand());
        if (w.restartCommand() != null) n.put("restart", w.restartCommand());
        if (w.knownHosts() != null) n.put("knownHosts", w.knownHosts().toString());
        return n;
    }

    private static IscLocation location(JsonNode n) {
        UnaryOperator<String> text = k -> n.hasNonNull(k) ? n.get(k).asText() : null;
        SshSettings ssh = text.apply("ssh") == null ? null : new SshSettings(SshTarget.parse(text.apply("ssh")),
                text.apply("key") == null ? null : Path.of(text.apply("key")), null,
                text.apply("jump") == null ? null : SshTarget.parse(text.apply("jump")), n.path("sudo").asBoolean(false));
        return new IscLocation(text.apply("server"), ssh, text.apply("config"), text.apply("validate"),
                text.apply("restart"), text.apply("knownHosts") == null ? null : Path.of(text.apply("knownHosts")));
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable journaled ISC change: " + e.getOriginalMessage(), e);
        }
    }
}
