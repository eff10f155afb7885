package tandem.windows.sim;

/**
 * One raw argument of a cmdlet call as the script wrote it: a parameter name ({@code -Name}, or {@code -Name:value}
 * with its value attached) or a value standing alone (named parameter's value or positional argument: the binder
 * decides which).
 */
public record SimArg(String name, Object value, boolean attached) {
    public static SimArg value(Object value) { return new SimArg(null, value, false); }

    public static SimArg name(String name) { return new SimArg(name, null, false); }

    public static SimArg attached(String name, Object value) { return new SimArg(name, value, true); }

    public boolean isName() { return name != null; }
}
