package tandem.cli.windows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tandem.cli.TandemCommand;
import tandem.windows.ScopeDiff;
import tandem.windows.WindowsDrift;

/** {@code tandem windows drift}. */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = {"Compare every failover scope of every Windows relationship on both partners (properties,",
                "exclusions, reservations, options), flag scopes that exist on one partner only, and partners whose",
                "clocks are more than a minute apart. Exit 0 when nothing drifted, 2 when something did, 1 when a",
                "relationship could not be read. --json: {\"scopes\":[{relationship, scopeId, servers, kind,",
                "onlyOn?, summary, differences:[{change, item, key, text}]}], \"clocks\":[{relationship, servers,",
                "skewSeconds}], \"unread\":[...]}."})
final class WindowsDriftCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand WindowsCommand windows;

    @Option(names = "--json", description = "Print JSON") boolean json;

    @Override public Integer call() throws Exception {
        WindowsDrift.Report r = windows.root.services().windowsChanges().drift();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper m = new ObjectMapper();
            ObjectNode root = m.createObjectNode();
            ArrayNode scopes = root.putArray("scopes");
            for (WindowsDrift.ScopeDrift d : r.scopes()) {
                ObjectNode n = scopes.addObject().put("relationship", d.relationship()).put("scopeId", d.scopeId());
                d.servers().forEach(n.putArray("servers")::add);
                n.put("kind", d.kind());
                if (d.onlyOn() != null) n.put("onlyOn", d.onlyOn());
                n.put("summary", d.summary());
                ArrayNode diffs = n.putArray("differences");
                for (ScopeDiff.Item i : d.diff().gains()) item(diffs, "source-only", i);
                for (ScopeDiff.Item i : d.diff().loses()) item(diffs, "partner-only", i);
            }
            ArrayNode clocks = root.putArray("clocks");
            for (WindowsDrift.ClockDrift c : r.clocks()) {
                ObjectNode n = clocks.addObject().put("relationship", c.relationship());
                c.servers().forEach(n.putArray("servers")::add);
                n.put("skewSeconds", c.skewSeconds());
            }
            r.unread().forEach(root.putArray("unread")::add);
            out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } else {
            if (r.clean() && r.unread().isEmpty()) out.println("No drift: every failover scope is the same on both partners");
            for (WindowsDrift.ScopeDrift d : r.scopes()) {
                out.println(d.relationship() + "  " + d.scopeId() + "  " + d.summary()
                        + "  (fix: tandem windows replicate --scope " + d.scopeId() + ")");
            }
            for (WindowsDrift.ClockDrift c : r.clocks()) {
                out.println(c.relationship() + "  clocks of " + String.join(" and ", c.servers()) + " are " + c.skewSeconds()
                        + " s apart (Windows failover needs them within 60 s)");
            }
            r.unread().forEach(u -> spec.commandLine().getErr().println("tandem: cannot read " + u));
        }
        if (!r.unread().isEmpty()) return TandemCommand.EXIT_REFUSED;
        return r.clean() ? 0 : TandemCommand.EXIT_NOT_OK;
    }

    private static void item(ArrayNode diffs, String change, ScopeDiff.Item i) {
        diffs.addObject().put("change", change).put("item", i.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                .put("key", i.key()).put("text", i.text());
    }
}
