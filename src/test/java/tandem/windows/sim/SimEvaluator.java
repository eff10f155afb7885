package tandem.windows.sim;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tandem.windows.sim.SimAst.*;

/**
 * Runs a parsed script: scopes, functions, pipelines, commands (user functions, built-ins, then the modelled cmdlets
 * through {@link SimBinder}), expressions and PowerShell's error rules (non-terminating cmdlet errors, statement-
 * terminating errors, {@code $ErrorActionPreference = 'Stop'}, try/catch, {@code $?} for the exit code).
 */
final class SimEvaluator {
    /** {@code exit N}. */
    static final class ExitSignal extends RuntimeException {
        final int code;

        ExitSignal(int code) { super(null, null, false, false); this.code = code; }
    }

    /** A variable and function scope; lookups walk to the parent, assignments stay local. */
    static final class Scope {
        final Scope parent;
        final Map<String, Object> vars = new HashMap<>();
        final Map<String, Function> functions = new HashMap<>();

        Scope(Scope parent) { this.parent = parent; }

        Scope find(String name) {
            for (Scope s = this; s != null; s = s.parent) if (s.vars.containsKey(key(name))) return s;
            return null;
        }

        Object get(String name) { Scope s = find(name); return s == null ? null : s.vars.get(key(name)); }

        void set(String name, Object value) { vars.put(key(name), value); }

        Function function(String name) {
            for (Scope s = this; s != null; s = s.parent) if (s.functions.containsKey(key(name))) return s.functions.get(key(name));
            return null;
        }

        static String key(String name) { return name.toLowerCase(Locale.ROOT); }
    }

    final SimSession session;
    final SimCmdlets cmdlets;
    final SimBinder binder;
    private final Clock clock;
    private byte[] stdin;
    private SimObject outputEncoding;
    private int tryDepth;
    boolean lastOk = true;
    final List<SimError> reported = new ArrayList<>();
    private final SimBuiltins builtins;

    SimEvaluator(SimSession session, SimCmdlets cmdlets, SimBinder binder, Clock clock, byte[] stdin) {
        this.session = session;
        this.cmdlets = cmdlets;
        this.binder = binder;
        this.clock = clock;
        this.stdin = stdin == null ? new byte[0] : stdin;
        this.outputEncoding = new SimObject("System.Text.OEMEncoding").put("WebName", "ibm437").put("CodePage", 437L);
        this.builtins = new SimBuiltins(this);
    }

    // ---- context used by built-ins and statics

    String readStdin() {
        String s = new String(stdin, StandardCharsets.UTF_8);
        stdin = new byte[0];
        return s;
    }

    SimObject outputEncoding() { return outputEncoding; }

    boolean utf8Output() { return "utf-8".equalsIgnoreCase(SimValues.text(outputEncoding.get("WebName"))); }

    OffsetDateTime now() { return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC); }

    String errorAction(Scope scope) {
        Object v = scope.get("ErrorActionPreference");
        return v == null ? "Continue" : SimValues.text(v);
    }

    // ---- statements

    void block(List<Stmt> body, Scope scope, List<Object> out) {
        for (Stmt s : body) {
            try {
                try {
                    statement(s, scope, out);
                } catch (ExitSignal | SimError e) {
                    throw e;
                } catch (RuntimeException e) { // a gap in the simulator's .NET: an error record, never a crash of the endpoint
                    throw SimOps.runtime(String.valueOf(e.getMessage()), "RuntimeException", "NotSpecified");
                }
            } catch (SimError e) {
                lastOk = false;
                if (tryDepth > 0 || errorAction(scope).equalsIgnoreCase("Stop")) throw e;
                reported.add(e); // statement-terminating: reported, the next statement runs
            }
        }
    }

    private void statement(Stmt s, Scope scope, List<Object> out) {
        if (s instanceof Pipeline p) {
            out.addAll(pipeline(p, scope));
        } else if (s instanceof Assign a) {
            assign(a.target(), value(a.value(), scope), scope);
        } else if (s instanceof If i) {
            for (int k = 0; k < i.conditions().size(); k++) {
                if (SimValues.truth(eval(i.conditions().get(k), scope))) { block(i.bodies().get(k), scope, out); return; }
            }
            if (i.orElse() != null) block(i.orElse(), scope, out);
        } else if (s instanceof Foreach f) {
            for (Object item : enumerate(eval(f.source(), scope))) {
                scope.set(f.variable(), item);
                block(f.body(), scope, out);
            }
        } else if (s instanceof Try t) {
            tryDepth++;
            try {
                block(t.body(), scope, out);
            } catch (SimError e) {
                tryDepth--;
                Object saved = scope.get("_");
                scope.set("_", SimOps.errorRecord(e));
                try { block(t.handler(), scope, out); } finally { scope.set("_", saved); }
                return;
            }
            tryDepth--;
        } else if (s instanceof Function f) {
            scope.functions.put(Scope.key(f.name()), f);
        } else if (s instanceof Exit x) {
            Object code = x.code() == null ? (Object) 0L : eval(x.code(), scope);
            throw new ExitSignal(((Long) SimOps.cast("int", code)).intValue());
        }
    }

    private void assign(Expr target, Object value, Scope scope) {
        if (target instanceof Var v) { scope.set(v.name(), value); return; }
        Static st = (Static) target;
        String key = st.type().toLowerCase(Locale.ROOT).replaceFirst("^system\\.", "") + "::" + st.member().toLowerCase(Locale.ROOT);
        if (!key.equals("console::outputencoding")) {
            throw SimOps.runtime("'" + st.member() + "' is a ReadOnly property.", "PropertyAssignmentException", "InvalidOperation");
        }
        if (!(value instanceof SimObject o) || !o.has("WebName")) {
            throw SimOps.runtime("Exception setting \"OutputEncoding\": \"The handle is invalid.\"", "ExceptionWhenSetting", "NotSpecified");
        }
        outputEncoding = o;
    }

    // ---- pipelines and commands

    List<Object> pipeline(Pipeline p, Scope scope) {
        lastOk = true;
        List<Object> items = null;
        for (Object element : p.elements()) {
            if (element instanceof Expr e) {
                Object v = eval(e, scope);
                items = v instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>(java.util.Collections.singletonList(v));
            } else {
                items = command((Command) element, items, scope);
            }
        }
        return items;
    }

    private List<Object> command(Command c, List<Object> input, Scope scope) {
        List<SimArg> args = new ArrayList<>();
        for (Arg a : c.args()) {
            if (a.parameter() == null) args.add(SimArg.value(eval(a.value(), scope)));
            else if (a.value() == null) args.add(SimArg.name(a.parameter()));
            else args.add(SimArg.attached(a.parameter(), eval(a.value(), scope)));
        }
        if (c.invoked() != null) {
            Object target = eval(c.invoked(), scope);
            if (!(target instanceof SimOps.ScriptBlock sb)) {
                throw new SimError("The expression after '&' in a pipeline element produced an object that was not valid. It must result in a "
                        + "command name, a script block, or a CommandInfo object.", "BadExpression", "InvalidOperation", SimOps.RUNTIME);
            }
            List<Object> out = new ArrayList<>();
            block(sb.body(), new Scope(scope), out);
            return out;
        }
        Function f = scope.function(c.name());
        if (f != null) return function(f, args, scope);
        if (builtins.handles(c.name())) return builtins.run(c.name(), args, input, scope);
        if (!binder.knows(c.name())) throw SimBinder.commandNotFound(c.name());
        SimBinder.Binding b = binder.bind(c.name(), args);
        if (!cmdlets.knows(b.cmdlet())) throw SimBinder.commandNotFound(c.name());
        if (input != null) {
            throw SimError.binder("InputObjectNotBound", b.cmdlet(), "InvalidArgument", "The input object cannot be bound to any parameters for the "
                    + "command either because the command does not take pipeline input or the input and its properties do not match any of the parameters that take pipeline input.");
        }
        try {
            return new ArrayList<>(cmdlets.invoke(session, b.cmdlet(), b.parameterSet(), b.bound()));
        } catch (SimError e) {
            nonTerminating(e, b.common(), scope);
            return new ArrayList<>();
        }
    }

    /** A cmdlet's error: terminating under Stop, else written to the error stream (or only recorded when silenced). */
    void nonTerminating(SimError e, Map<String, Object> common, Scope scope) {
        lastOk = false;
        String action = common.containsKey("ErrorAction") ? SimValues.text(common.get("ErrorAction")) : errorAction(scope);
        if (common.get("ErrorVariable") instanceof String ev) scope.set(ev.replaceFirst("^\\+", ""), new ArrayList<>(List.of(SimOps.errorRecord(e))));
        if (action.equalsIgnoreCase("Stop")) throw e;
        if (action.equalsIgnoreCase("SilentlyContinue") || action.equalsIgnoreCase("Ignore")) return;
        reported.add(e);
    }

    private List<Object> function(Function f, List<SimArg> args, Scope scope) {
        Scope local = new Scope(scope);
        List<Object> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            SimArg a = args.get(i);
            if (!a.isName()) { positional.add(a.value()); continue; }
            String name = f.parameters().stream().filter(p -> p.equalsIgnoreCase(a.name())).findFirst().orElseThrow(() -> new SimError(
                    "A parameter cannot be found that matches parameter name '" + a.name() + "'.", "NamedParameterNotFound," + f.name(), "InvalidArgument", SimError.BINDING));
            local.set(name, a.attached() ? a.value() : (i + 1 < args.size() && !args.get(i + 1).isName() ? args.get(++i).value() : Boolean.TRUE));
        }
        int next = 0;
        for (String p : f.parameters()) {
            if (local.vars.containsKey(Scope.key(p))) continue;
            local.set(p, next < positional.size() ? positional.get(next++) : null);
        }
        List<Object> out = new ArrayList<>();
        block(f.body(), local, out);
        return out;
    }

    /** Runs a script block in the given scope with {@code $_} set (ForEach-Object, Where-Object). */
    List<Object> runWithItem(SimOps.ScriptBlock sb, Object item, Scope scope) {
        Object saved = scope.get("_");
        boolean had = scope.vars.containsKey("_");
        scope.set("_", item);
        try {
            List<Object> out = new ArrayList<>();
            block(sb.body(), scope, out);
            return out;
        } finally {
            if (had) scope.set("_", saved); else scope.vars.remove("_");
        }
    }

    // ---- expressions

    /** A pipeline's value: a lone expression keeps its value (an array stays an array), commands' output is collected. */
    Object value(Pipeline p, Scope scope) {
        if (p.elements().size() == 1 && p.elements().get(0) instanceof Expr e) {
            lastOk = true;
            return eval(e, scope);
        }
        return valueOf(pipeline(p, scope));
    }

    static Object valueOf(List<Object> items) {
        if (items == null || items.isEmpty()) return null;
        return items.size() == 1 ? items.get(0) : items;
    }

    static List<Object> enumerate(Object v) {
        if (v == null) return List.of();
        return v instanceof List<?> l ? new ArrayList<>(l) : List.of(v);
    }

    Object eval(Expr e, Scope scope) {
        if (e instanceof Literal l) return l.value();
        if (e instanceof Var v) return variable(v.name(), scope);
        if (e instanceof Expand x) {
            StringBuilder b = new StringBuilder();
            for (Object part : x.parts()) b.append(part instanceof Var v ? SimValues.text(variable(v.name(), scope)) : (String) part);
            return b.toString();
        }
        if (e instanceof ArrayOf a) return evalAll(a.items(), scope);
        if (e instanceof SubArray s) {
            List<Object> out = new ArrayList<>();
            block(s.body(), scope, out);
            return out;
        }
        if (e instanceof Hash h) {
            SimObject o = new SimObject(h.ordered() ? "System.Collections.Specialized.OrderedDictionary" : "System.Collections.Hashtable");
            for (int i = 0; i < h.keys().size(); i++) o.put(h.keys().get(i), value(h.values().get(i), scope));
            return o;
        }
        if (e instanceof Cast c) return SimOps.cast(c.type(), eval(c.value(), scope));
        if (e instanceof Binary b) {
            if (b.op().equals("and")) return SimValues.truth(eval(b.left(), scope)) && SimValues.truth(eval(b.right(), scope));
            if (b.op().equals("or")) return SimValues.truth(eval(b.left(), scope)) || SimValues.truth(eval(b.right(), scope));
            return SimOps.binary(b.op(), eval(b.left(), scope), eval(b.right(), scope));
        }
        if (e instanceof Unary u) return !SimValues.truth(eval(u.value(), scope));
        if (e instanceof Member m) return SimOps.member(eval(m.target(), scope), m.name());
        if (e instanceof Call c) {
            Object target = eval(c.target(), scope);
            return SimOps.method(this, target, c.method(), evalAll(c.args(), scope));
        }
        if (e instanceof Static s) return SimOps.staticMember(this, s.type(), s.member());
        if (e instanceof StaticCall s) return SimOps.staticCall(this, s.type(), s.method(), evalAll(s.args(), scope));
        if (e instanceof Paren p) {
            if (p.body() instanceof Pipeline pl) return value(pl, scope);
            List<Object> out = new ArrayList<>();
            statement(p.body(), scope, out);
            return p.body() instanceof Assign a ? eval(a.target(), scope) : valueOf(out);
        }
        Block b = (Block) e;
        return new SimOps.ScriptBlock(b.body(), b.text());
    }

    private List<Object> evalAll(List<Expr> exprs, Scope scope) {
        List<Object> out = new ArrayList<>();
        for (Expr x : exprs) out.add(eval(x, scope));
        return out;
    }

    private Object variable(String name, Scope scope) {
        Scope s = scope.find(name);
        if (s != null) return s.vars.get(Scope.key(name));
        switch (name.toLowerCase(Locale.ROOT)) {
            case "psversiontable": return SimBuiltins.psVersionTable();
            case "erroractionpreference": case "progresspreference": return "Continue";
            default: return null;
        }
    }
}
