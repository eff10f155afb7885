package tandem.kea.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.List;
import tandem.core.change.Redaction;

/**
 * A unified diff of two configurations, keys in a stable order, for the administrator to read before applying. It is
 * redacted as it is made: it is shown, logged in failures and audited, and secrets (a lease-database password, the
 * HA basic-auth-password) must not show, not even as context lines.
 */
public final class ConfigDiff {
    private ConfigDiff() {}

    public static String unified(String label, JsonNode before, JsonNode after) {
        List<String> a = KeaConfigJson.canonical(before).lines().toList();
        List<String> b = KeaConfigJson.canonical(after).lines().toList();
        Patch<String> patch = DiffUtils.diff(a, b);
        if (patch.getDeltas().isEmpty()) return "";
        return Redaction.redact(String.join("\n",
                UnifiedDiffUtils.generateUnifiedDiff(label + " (now)", label + " (after)", a, patch, 3)) + "\n");
    }
}
