package tandem.windows;

import java.util.ArrayList;
import java.util.List;

/** The previews of Windows changes, as the diffs the pipeline shows and audits ("+" added, "-" removed). */
final class WindowsDiffs {
    private WindowsDiffs() {}

    static String create(FailoverRequest r) {
        List<String> l = new ArrayList<>();
        l.add("+ failover relationship " + r.name() + " on " + r.serverA() + " and " + r.partnerB());
        l.add("+   mode " + r.failoverMode().wire() + (r.failoverMode() == FailoverMode.HOT_STANDBY
                ? ", " + r.serverA() + " " + r.serverRole() + ", reserve " + r.reservePercent() + " %"
                : ", " + r.serverA() + " " + r.loadBalancePercent() + " %, " + r.partnerB() + " " + (100 - r.loadBalancePercent()) + " %"));
        l.add("+   MCLT " + WindowsFacts.duration(r.mcltSec()) + ", state switchover "
                + (r.switchoverIntervalSec() > 0 ? WindowsFacts.duration(r.switchoverIntervalSec()) : "off")
                + ", authentication " + (r.hasSharedSecret() ? "on (shared secret)" : "off"));
        if (r.scopeIds().isEmpty()) {
            l.add("+   no scopes (add them later with Add scope)");
        } else {
            for (String s : r.scopeIds()) l.add("+   scope " + s + " (copied from " + r.serverA() + " to " + r.partnerB() + ")");
        }
        return String.join("\n", l) + "\n";
    }

    static String scopes(String relationship, String on, String partner, boolean add, List<String> scopeIds) {
        List<String> l = new ArrayList<>();
        for (String s : scopeIds) {
            l.add(add ? "+ scope " + s + " in " + relationship + " (copied from " + on + " to " + partner + ")"
                    : "- scope " + s + " from " + relationship + " (kept on " + on + ", deleted on " + partner + ")");
        }
        return String.join("\n", l) + "\n";
    }

    static String settings(FailoverChange before, FailoverChange after, boolean authOn, String secret) {
        List<String> l = new ArrayList<>();
        line(l, "load balance %", before.loadBalancePercent(), after.loadBalancePercent());
        line(l, "standby reserve %", before.reservePercent(), after.reservePercent());
        if (after.mcltSec() != null) line(l, "MCLT", WindowsFacts.duration(before.mcltSec()), WindowsFacts.duration(after.mcltSec()));
        if (after.switchoverIntervalSec() != null) {
            line(l, "state switchover", switchover(before.switchoverIntervalSec()), switchover(after.switchoverIntervalSec()));
        }
        if (secret != null) {
            l.add("- authentication " + (authOn ? "on" : "off"));
            l.add("+ authentication " + (secret.isEmpty() ? "off" : "on (new shared secret)"));
        }
        return String.join("\n", l) + "\n";
    }

    private static String switchover(Long sec) { return sec == null || sec == 0 ? "off" : WindowsFacts.duration(sec); }

    private static void line(List<String> l, String what, Object before, Object after) {
        if (after == null) return;
        l.add("- " + what + " " + before);
        l.add("+ " + what + " " + after);
    }
}
