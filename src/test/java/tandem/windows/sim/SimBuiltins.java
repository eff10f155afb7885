package tandem.windows.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The commands the simulator's PowerShell implements itself: ForEach-Object, Where-Object, ConvertTo-Json (Windows
 * PowerShell 5.1 shapes, see {@link SimJson}), New-Object System.Text.UTF8Encoding, Get-Module -ListAvailable and
 * Write-Output; and {@code $PSVersionTable}.
 */
final class SimBuiltins {
    static final String PS_VERSION = "5.1.20348.2849";
    private static final Map<String, String> NAMES = Map.of("foreach-object", "ForEach-Object", "%", "ForEach-Object",
            "where-object", "Where-Object", "?", "Where-Object", "where", "Where-Object", "convertto-json", "ConvertTo-Json",
            "new-object", "New-Object", "get-module", "Get-Module", "write-output", "Write-Output", "echo", "Write-Output");
    private static final Map<String, List<String>> PARAMETERS = Map.of(
            "ForEach-Object", List.of("Process", "InputObject"), "Where-Object", List.of("FilterScript", "InputObject"),
            "ConvertTo-Json", List.of("InputObject", "Depth", "Compress"), "New-Object", List.of("TypeName", "ArgumentList"),
            "Get-Module", List.of("Name", "ListAvailable", "All"), "Write-Output", List.of("InputObject", "NoEnumerate"));
    private static final List<String> SWITCHES = List.of("Compress", "ListAvailable", "All", "NoEnumerate");

    private final SimEvaluator ev;

    SimBuiltins(SimEvaluator ev) { this.ev = ev; }

    boolean handles(String name) { return NAMES.containsKey(name.toLowerCase(Locale.ROOT)); }

    List<Object> run(String written, List<SimArg> args, List<Object> input, SimEvaluator.Scope scope) {
        String name = NAMES.get(written.toLowerCase(Locale.ROOT));
        Map<String, Object> named = new LinkedHashMap<>();
        List<Object> positional = new ArrayList<>();
        bind(name, args, named, positional);
        switch (name) {
            case "ForEach-Object":
            case "Where-Object": {
                Object block = named.containsKey(PARAMETERS.get(name).get(0)) ? named.get(PARAMETERS.get(name).get(0)) : first(positional);
                if (!(block instanceof SimOps.ScriptBlock sb)) {
                    throw SimError.binder("ParameterArgumentTransformationError", name, "InvalidData",
                            "Cannot process argument transformation on parameter '" + PARAMETERS.get(name).get(0) + "'. Cannot convert the \""
                                    + SimValues.text(block) + "\" value of type \"" + SimOps.typeName(block) + "\" to type \"System.Management.Automation.ScriptBlock\".");
                }
                List<Object> items = input != null ? input : named.containsKey("InputObject") ? List.of(named.get("InputObject")) : singleNull();
                List<Object> out = new ArrayList<>();
                for (Object item : items) {
                    List<Object> r = ev.runWithItem(sb, item, scope);
                    if (name.equals("ForEach-Object")) out.addAll(r);
                    else if (SimValues.truth(SimEvaluator.valueOf(r))) out.add(item);
                }
                return out;
            }
            case "ConvertTo-Json": {
                int depth = named.containsKey("Depth") ? ((Long) SimOps.cast("int", named.get("Depth"))).intValue() : 2;
                boolean compress = SimValues.truth(named.get("Compress"));
                if (named.containsKey("InputObject") || !positional.isEmpty()) {
                    Object value = named.containsKey("InputObject") ? named.get("InputObject") : first(positional);
                    return new ArrayList<>(List.of(SimJson.write(value, depth, compress)));
                }
                if (input == null || input.isEmpty()) return new ArrayList<>();
                return new ArrayList<>(List.of(SimJson.writePipeline(input, depth, compress)));
            }
            case "New-Object": {
                String type = SimValues.text(named.containsKey("TypeName") ? named.get("TypeName") : first(positional));
                if (!type.equalsIgnoreCase("System.Text.UTF8Encoding") && !type.equalsIgnoreCase("Text.UTF8Encoding")) {
                    throw new SimError("Cannot find type [" + type + "]: verify that the assembly containing this type is loaded.",
                            "TypeNotFound,Microsoft.PowerShell.Commands.NewObjectCommand", "InvalidType", "System.Management.Automation.PSArgumentException");
                }
                return new ArrayList<>(List.of(SimOps.utf8()));
            }
            case "Get-Module":
                return getModule(named, positional);
            default: { // Write-Output
                List<Object> out = new ArrayList<>();
                for (Object v : named.containsKey("InputObject") ? List.of(named.get("InputObject")) : positional) out.addAll(SimEvaluator.enumerate(v));
                return out;
            }
        }
    }

    private List<Object> getModule(Map<String, Object> named, List<Object> positional) {
        List<String> names = new ArrayList<>();
        for (Object n : SimEvaluator.enumerate(named.containsKey("Name") ? named.get("Name") : first(positional))) names.add(SimValues.text(n));
        if (ev.cmdlets.knows("Get-Module")) {
            Map<String, Object> bound = new LinkedHashMap<>();
            if (!names.isEmpty()) bound.put("Name", new ArrayList<Object>(names));
            if (named.containsKey("ListAvailable")) bound.put("ListAvailable", SimValues.truth(named.get("ListAvailable")));
            return new ArrayList<>(ev.cmdlets.invoke(ev.session, "Get-Module", "Available", bound));
        }
        List<Object> out = new ArrayList<>();
        boolean dhcp = ev.cmdlets.knows("Get-DhcpServerv4Scope");
        if (dhcp && SimValues.truth(named.get("ListAvailable")) && (names.isEmpty() || names.stream().anyMatch(n -> n.equalsIgnoreCase("DhcpServer")))) {
            out.add(new SimObject("System.Management.Automation.PSModuleInfo").put("Name", "DhcpServer")
                    .put("Path", "C:\\Windows\\system32\\WindowsPowerShell\\v1.0\\Modules\\DhcpServer\\DhcpServer.psd1")
                    .put("Version", version(2, 0, 0, 0))
                    .put("ModuleType", new SimEnum("System.Management.Automation.ModuleType", "Manifest", 1)));
        }
        return out;
    }

    private static List<Object> singleNull() {
        List<Object> l = new ArrayList<>();
        l.add(null);
        return l;
    }

    private static Object first(List<Object> positional) { return positional.isEmpty() ? null : positional.get(0); }

    /** Names by unique prefix among the built-in's parameters; switches take no value. */
    private static void bind(String cmd, List<SimArg> args, Map<String, Object> named, List<Object> positional) {
        List<String> params = PARAMETERS.get(cmd);
        for (int i = 0; i < args.size(); i++) {
            SimArg a = args.get(i);
            if (!a.isName()) { positional.add(a.value()); continue; }
            List<String> hits = params.stream().filter(p -> p.toLowerCase(Locale.ROOT).startsWith(a.name().toLowerCase(Locale.ROOT))).toList();
            if (hits.size() != 1) {
                throw SimError.binder(hits.isEmpty() ? "NamedParameterNotFound" : "AmbiguousParameter", commandClass(cmd), "InvalidArgument",
                        hits.isEmpty() ? "A parameter cannot be found that matches parameter name '" + a.name() + "'."
                                : "Parameter cannot be processed because the parameter name '" + a.name() + "' is ambiguous.");
            }
            String p = hits.get(0);
            if (a.attached()) named.put(p, a.value());
            else if (SWITCHES.contains(p)) named.put(p, Boolean.TRUE);
            else if (i + 1 < args.size() && !args.get(i + 1).isName()) named.put(p, args.get(++i).value());
            else throw SimError.binder("MissingArgument", commandClass(cmd), "InvalidArgument", "Missing an argument for parameter '" + p + "'.");
        }
    }

    private static String commandClass(String cmd) {
        return "Microsoft.PowerShell.Commands." + cmd.replace("-", "") + "Command";
    }

    static SimObject version(long major, long minor, long build, long revision) {
        return new SimObject("System.Version").put("Major", major).put("Minor", minor).put("Build", build).put("Revision", revision)
                .put("MajorRevision", 0L).put("MinorRevision", revision);
    }

    static SimObject psVersionTable() {
        String[] v = PS_VERSION.split("\\.");
        return new SimObject("System.Management.Automation.PSVersionHashTable")
                .put("PSVersion", version(Long.parseLong(v[0]), Long.parseLong(v[1]), Long.parseLong(v[2]), Long.parseLong(v[3])))
                .put("PSEdition", "Desktop")
                .put("PSCompatibleVersions", List.of(version(1, 0, -1, -1), version(2, 0, -1, -1), version(3, 0, -1, -1), version(4, 0, -1, -1),
                        version(5, 0, -1, -1), version(5, 1, 20348, 2849)))
                .put("BuildVersion", version(10, 0, 20348, 2849))
                .put("CLRVersion", version(4, 0, 30319, 42000))
                .put("WSManStackVersion", version(3, 0, -1, -1))
                .put("PSRemotingProtocolVersion", version(2, 3, -1, -1))
                .put("SerializationVersion", version(1, 1, 0, 1));
    }
}
