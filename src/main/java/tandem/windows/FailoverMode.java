package tandem.windows;

import java.util.Locale;
import tandem.core.HaMode;

/** The two ways Windows partners share a scope, with Tandem's name (command line, status JSON) and Windows's. */
public enum FailoverMode {
    LOAD_BALANCE("load-balance", "LoadBalance", HaMode.LOAD_BALANCING),
    HOT_STANDBY("hot-standby", "HotStandby", HaMode.HOT_STANDBY);

    private final String wire;
    private final String windowsName;
    private final HaMode haMode;

    FailoverMode(String wire, String windowsName, HaMode haMode) {
        this.wire = wire;
        this.windowsName = windowsName;
        this.haMode = haMode;
    }

    /** As the command line and {@code status --json} write it: "load-balance", "hot-standby". */
    public String wire() { return wire; }

    /** As PowerShell writes it: "LoadBalance", "HotStandby". */
    public String windowsName() { return windowsName; }

    public HaMode haMode() { return haMode; }

    /** Either spelling, any case ("load-balance", "LoadBalance", "loadbalance"); null when neither. */
    public static FailoverMode parse(String text) {
        if (text == null) return null;
        String t = text.strip().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(" ", "");
        for (FailoverMode m : values()) {
            if (m.windowsName.toLowerCase(Locale.ROOT).equals(t)) return m;
        }
        return null;
    }

    @Override public String toString() { return wire; }
}
