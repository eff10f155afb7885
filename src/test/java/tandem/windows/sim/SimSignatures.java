package tandem.windows.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parameter signatures of the cmdlets the simulator models, read from {@code dhcpserver-signatures.tsv}: per cmdlet
 * its parameters (type, aliases, validation) and its parameter sets (which parameters, mandatory, position).
 */
public final class SimSignatures {
    /** A parameter of a cmdlet: the same in every set it belongs to. */
    public record Param(String name, String type, List<String> aliases, List<String> validation, String source) {
        public boolean isSwitch() { return type.equals("switch"); }

        /** The ValidateRange bounds, if any: {min, max}. */
        public Optional<long[]> range() {
            return validation.stream().filter(v -> v.startsWith("Range(")).findFirst().map(v -> {
                String[] b = v.substring(6, v.length() - 1).split(",");
                return new long[] {Long.parseLong(b[0]), Long.parseLong(b[1])};
            });
        }

        /** The ValidateSet members in their declared spelling, if any. */
        public Optional<List<String>> set() {
            return validation.stream().filter(v -> v.startsWith("Set(")).findFirst()
                    .map(v -> List.of(v.substring(4, v.length() - 1).split(",")));
        }

        public boolean notNullOrEmpty() { return validation.contains("NotNullOrEmpty"); }
    }

    /** A parameter's place in one parameter set. */
    public record Member(String name, boolean mandatory, int position) {
        public boolean positional() { return position >= 0; }
    }

    /** One cmdlet: its declared name, default set, parameters and sets (both in declaration order). */
    public record Signature(String name, String defaultSet, Map<String, Param> parameters, Map<String, List<Member>> sets) {
        public Optional<Member> member(String set, String parameter) {
            return sets.get(set).stream().filter(m -> m.name().equals(parameter)).findFirst();
        }
    }

    private static final String RESOURCE = "dhcpserver-signatures.tsv";
    private static volatile SimSignatures standard;

    private final Map<String, Signature> cmdlets = new LinkedHashMap<>();
    private final Map<String, Param> common = new LinkedHashMap<>();

    /** The table shipped with the simulator (read once). */
    public static SimSignatures standard() {
        if (standard == null) {
            try (var in = SimSignatures.class.getResourceAsStream(RESOURCE)) {
                if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
                standard = parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return standard;
    }

    /** Parses the table's lines (comments '#', one header line). */
    public static SimSignatures parse(List<String> lines) {
        SimSignatures t = new SimSignatures();
        Map<String, String> defaults = new LinkedHashMap<>();
        Map<String, Map<String, Param>> params = new LinkedHashMap<>();
        Map<String, Map<String, List<Member>>> sets = new LinkedHashMap<>();
        boolean header = true;
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) continue;
            if (header) { header = false; continue; }
            String[] c = line.split("\t", -1);
            if (c.length != 9) throw new IllegalArgumentException("expected 9 columns: " + line);
            if (c[2].equals("(default set)")) { defaults.put(c[0], c[1]); continue; }
            Param p = new Param(c[2], c[3], list(c[6], ","), list(c[7], ";"), c[8]);
            if (c[0].equals("*")) { t.common.put(p.name(), p); continue; }
            Param old = params.computeIfAbsent(c[0], k -> new LinkedHashMap<>()).putIfAbsent(p.name(), p);
            if (old != null && !old.equals(p)) throw new IllegalArgumentException("parameter differs between sets: " + line);
            sets.computeIfAbsent(c[0], k -> new LinkedHashMap<>()).computeIfAbsent(c[1], k -> new ArrayList<>())
                    .add(new Member(c[2], c[4].equals("M"), c[5].equals("-") ? -1 : Integer.parseInt(c[5])));
        }
        for (var e : sets.entrySet()) {
            String def = defaults.get(e.getKey());
            if (def == null || !e.getValue().containsKey(def)) throw new IllegalArgumentException("no default set for " + e.getKey());
            t.cmdlets.put(e.getKey().toLowerCase(Locale.ROOT), new Signature(e.getKey(), def, params.get(e.getKey()), e.getValue()));
        }
        return t;
    }

    private static List<String> list(String cell, String sep) {
        return cell.equals("-") ? List.of() : Arrays.asList(cell.split(sep));
    }

    /** The cmdlet's signature, its name matched ignoring case. */
    public Optional<Signature> cmdlet(String name) { return Optional.ofNullable(cmdlets.get(name.toLowerCase(Locale.ROOT))); }

    public List<Signature> cmdlets() { return List.copyOf(cmdlets.values()); }

    /** PowerShell's common parameters (every cmdlet, every set). */
    public Map<String, Param> common() { return common; }
}
