package tandem.isc;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tandem.core.change.Redaction;

/**
 * An edit of a configuration, file by file: what each changed file says before and after. It is what the console
 * shows (as a unified diff) before anything is written, and what a safe write sends.
 *
 * @param warnings what the administrator must know before applying (e.g. "the peer will be deleted")
 */
public record ConfigChange(String mainPath, Map<String, String> before, Map<String, String> after, List<String> warnings) {
    public ConfigChange {
        before = Map.copyOf(before);
        after = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(after));
        warnings = List.copyOf(warnings);
    }

    /** The files whose text differs, main file first when it is one of them. */
    public static ConfigChange between(DhcpdConfig before, DhcpdConfig after, List<String> warnings) {
        Map<String, String> b = before.render(), a = after.render();
        Map<String, String> changedBefore = new LinkedHashMap<>(), changedAfter = new LinkedHashMap<>();
        for (var e : a.entrySet()) {
            if (!Objects.equals(b.get(e.getKey()), e.getValue())) {
                changedBefore.put(e.getKey(), b.getOrDefault(e.getKey(), ""));
                changedAfter.put(e.getKey(), e.getValue());
            }
        }
        return new ConfigChange(after.mainPath(), changedBefore, changedAfter, warnings);
    }

    public boolean isEmpty() { return after.isEmpty(); }

    public List<String> changedFiles() { return List.copyOf(after.keySet()); }

    /**
     * A unified diff of every changed file (three lines of context), as {@code diff -u} would print it, redacted: a
     * key's {@code secret} never shows, not even as a context line. Each line is decoded as UTF-8 where it is valid
     * UTF-8, else one character per byte ({@link ConfText#toUnicode}). Only for people and the audit trail; the
     * files themselves, held bytes, are in {@link #before} and {@link #after}.
     */
    public String unifiedDiff() {
        StringBuilder out = new StringBuilder();
        for (var e : after.entrySet()) {
            List<String> from = lines(before.get(e.getKey()));
            List<String> to = lines(e.getValue());
            Patch<String> patch = DiffUtils.diff(from, to);
            List<String> diff = UnifiedDiffUtils.generateUnifiedDiff("a" + slash(e.getKey()), "b" + slash(e.getKey()),
                    from, patch, 3);
            diff.forEach(l -> out.append(ConfText.toUnicode(l)).append('\n'));
        }
        return Redaction.redact(out.toString());
    }

    private static String slash(String p) { return p.startsWith("/") ? p : "/" + p; }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) out.remove(out.size() - 1);
        return out;
    }
}
