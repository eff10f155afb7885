package tandem.windows.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * PowerShell's parameter binder for the modelled cmdlets: named arguments (exact names, aliases such as {@code -Cn},
 * unique prefixes such as {@code -Comp}, {@code -Name:value}), switches, then positional arguments, then the parameter
 * set, then mandatory parameters, failing at each step with the error record Windows PowerShell 5.1 writes.
 */
public final class SimBinder {
    /** A bound call: the cmdlet's declared name, the chosen set, its own parameters, and PowerShell's common ones. */
    public record Binding(String cmdlet, String parameterSet, Map<String, Object> bound, Map<String, Object> common) {}

    private final SimSignatures table;

    public SimBinder(SimSignatures table) { this.table = table; }

    public static SimBinder standard() { return new SimBinder(SimSignatures.standard()); }

    public SimSignatures table() { return table; }

    public boolean knows(String cmdlet) { return table.cmdlet(cmdlet).isPresent(); }

    public static SimError commandNotFound(String name) {
        return new SimError("The term '" + name + "' is not recognized as the name of a cmdlet, function, script file, or operable program. "
                + "Check the spelling of the name, or if a path was included, verify that the path is correct and try again.",
                "CommandNotFoundException", "ObjectNotFound", SimError.COMMAND_NOT_FOUND);
    }

    public Binding bind(String name, List<SimArg> args) {
        SimSignatures.Signature sig = table.cmdlet(name).orElseThrow(() -> commandNotFound(name));
        String cmdlet = sig.name();
        Map<String, Object> bound = new LinkedHashMap<>();
        Map<String, Object> common = new LinkedHashMap<>();
        List<Object> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            SimArg a = args.get(i);
            if (!a.isName()) { positional.add(a.value()); continue; }
            SimSignatures.Param p = resolve(sig, a.name());
            boolean isCommon = table.common().containsKey(p.name());
            Object raw;
            if (a.attached()) raw = a.value();
            else if (p.isSwitch()) raw = Boolean.TRUE;
            else if (i + 1 < args.size() && !args.get(i + 1).isName()) raw = args.get(++i).value();
            else throw SimError.binder("MissingArgument", cmdlet, "InvalidArgument", "Missing an argument for parameter '" + p.name()
                    + "'. Specify a parameter of type '" + dotnetType(p.type()) + "' and try again.");
            Map<String, Object> into = isCommon ? common : bound;
            if (into.containsKey(p.name())) {
                throw SimError.binder("ParameterAlreadyBound", cmdlet, "InvalidArgument", "Cannot bind parameter because parameter '" + p.name()
                        + "' is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, \"-parameter value1,value2,value3\".");
            }
            into.put(p.name(), SimConvert.bind(cmdlet, p, raw));
        }
        // sets holding every named parameter
        List<String> candidates = new ArrayList<>();
        for (var set : sig.sets().entrySet()) {
            if (bound.keySet().stream().allMatch(n -> sig.member(set.getKey(), n).isPresent())) candidates.add(set.getKey());
        }
        if (candidates.isEmpty()) throw ambiguousSet(cmdlet);
        // sets able to take every positional argument
        Object unplaced = null;
        List<String> fitting = new ArrayList<>();
        for (String set : candidates) {
            int slots = openPositions(sig, set, bound).size();
            if (slots >= positional.size()) fitting.add(set);
            else if (unplaced == null) unplaced = positional.get(slots);
        }
        if (fitting.isEmpty()) {
            throw SimError.binder("PositionalParameterNotFound", cmdlet, "InvalidArgument",
                    "A positional parameter cannot be found that accepts argument '" + SimValues.text(unplaced) + "'.");
        }
        String set = choose(sig, fitting, bound, positional.size());
        List<SimSignatures.Member> open = openPositions(sig, set, bound);
        for (int i = 0; i < positional.size(); i++) {
            SimSignatures.Param p = sig.parameters().get(open.get(i).name());
            bound.put(p.name(), SimConvert.bind(cmdlet, p, positional.get(i)));
        }
        List<String> missing = sig.sets().get(set).stream().filter(m -> m.mandatory() && !bound.containsKey(m.name()))
                .map(SimSignatures.Member::name).toList();
        if (!missing.isEmpty()) {
            throw SimError.binder("MissingMandatoryParameter", cmdlet, "InvalidArgument",
                    "Cannot process command because of one or more missing mandatory parameters: " + String.join(" ", missing) + ".");
        }
        return new Binding(cmdlet, set, bound, common);
    }

    /** One set out of several: the only one whose mandatory parameters are all given, else the default one. */
    private static String choose(SimSignatures.Signature sig, List<String> sets, Map<String, Object> bound, int positionals) {
        if (sets.size() == 1) return sets.get(0);
        List<String> complete = new ArrayList<>();
        for (String set : sets) {
            Set<String> given = new LinkedHashSet<>(bound.keySet());
            openPositions(sig, set, bound).stream().limit(positionals).forEach(m -> given.add(m.name()));
            if (sig.sets().get(set).stream().allMatch(m -> !m.mandatory() || given.contains(m.name()))) complete.add(set);
        }
        if (complete.size() == 1) return complete.get(0);
        if (sets.contains(sig.defaultSet())) return sig.defaultSet();
        throw ambiguousSet(sig.name());
    }

    private static List<SimSignatures.Member> openPositions(SimSignatures.Signature sig, String set, Map<String, Object> bound) {
        return sig.sets().get(set).stream().filter(m -> m.positional() && !bound.containsKey(m.name()))
                .sorted(java.util.Comparator.comparingInt(SimSignatures.Member::position)).toList();
    }

    /** A written parameter name: exact name or alias, else the one parameter (or alias) it is a prefix of. */
    private SimSignatures.Param resolve(SimSignatures.Signature sig, String written) {
        Map<String, SimSignatures.Param> all = new LinkedHashMap<>(sig.parameters());
        table.common().forEach(all::putIfAbsent);
        String w = written.toLowerCase(Locale.ROOT);
        for (SimSignatures.Param p : all.values()) {
            if (p.name().equalsIgnoreCase(w) || p.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(w))) return p;
        }
        Set<SimSignatures.Param> matches = new LinkedHashSet<>();
        for (SimSignatures.Param p : all.values()) {
            if (p.name().toLowerCase(Locale.ROOT).startsWith(w)
                    || p.aliases().stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).startsWith(w))) matches.add(p);
        }
        if (matches.size() == 1) return matches.iterator().next();
        if (matches.isEmpty()) {
            throw SimError.binder("NamedParameterNotFound", sig.name(), "InvalidArgument",
                    "A parameter cannot be found that matches parameter name '" + written + "'.");
        }
        throw SimError.binder("AmbiguousParameter", sig.name(), "InvalidArgument", "Parameter cannot be processed because the parameter name '"
                + written + "' is ambiguous. Possible matches include: " + String.join(" ", matches.stream().map(p -> "-" + p.name()).toList()) + ".");
    }

    private static SimError ambiguousSet(String cmdlet) {
        return SimError.binder("AmbiguousParameterSet", cmdlet, "InvalidArgument", "Parameter set cannot be resolved using the specified named parameters.");
    }

    private static String dotnetType(String type) {
        String t = type.replace("?", "");
        String arr = t.endsWith("[]") ? "[]" : "";
        String base = t.replace("[]", "");
        String n = switch (base) {
            case "string" -> "System.String"; case "ipaddress" -> "System.Net.IPAddress"; case "uint32" -> "System.UInt32";
            case "uint16" -> "System.UInt16"; case "int" -> "System.Int32"; case "bool" -> "System.Boolean";
            case "timespan" -> "System.TimeSpan"; case "ActionPreference" -> "System.Management.Automation.ActionPreference";
            default -> base;
        };
        return n + arr;
    }
}
