package tandem.kea.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.List;

/** A unified diff of two configurations, keys in a stable order, for the administrator to read before applying. */
public final class ConfigDiff {
    private ConfigDiff() {}

    public static String unified(String label, JsonNode before, JsonNode after) {
        List<String> a = KeaConfigJson.canonical(before).lines().toList();
        List<String> b = KeaConfigJson.canonical(after).lines().toList();
        Patch<String> patch = DiffUtils.diff(a, b);
        if (patch.getDeltas().isEmpty()) return "";
        return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(label + " (now)", label + " (after)", a, patch, 3)) + "\n";
    }
}
