package tandem.isc;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a main file and, depth first, every file it includes, within {@link ConfLimits}: a file that cannot be
 * included, an include cycle or a limit is reported at the include statement that leads to it.
 */
final class ConfLoader {
    private final String mainPath;
    private final DhcpdConfig.Source source;
    private final ConfLimits limits = new ConfLimits();
    private final Map<String, ConfDocument> docs = new LinkedHashMap<>();
    /** The files being read, outermost first: an include of one of them is a cycle. */
    private final Deque<String> chain = new ArrayDeque<>();
    /** Nodes of each finished file with its includes expanded (as often as they are included), capped. */
    private final Map<String, Long> expanded = new HashMap<>();

    private ConfLoader(String mainPath, DhcpdConfig.Source source) {
        this.mainPath = mainPath;
        this.source = source;
    }

    /** The documents of the configuration, main file first. */
    static Map<String, ConfDocument> load(String mainPath, DhcpdConfig.Source source) throws IOException, ConfSyntaxException {
        ConfLoader l = new ConfLoader(mainPath, source);
        l.load(mainPath, l.read(mainPath, null, 0));
        return l.docs;
    }

    private void load(String path, String text) throws IOException, ConfSyntaxException {
        ConfDocument doc = ConfDocument.parse(path, text, limits);
        docs.put(path, doc);
        chain.addLast(path);
        long size = countNodes(doc.root.children);
        List<ConfNode> includes = new ArrayList<>();
        collectIncludes(doc.root.children, includes);
        for (ConfNode inc : includes) {
            String target = includeTarget(mainPath, inc);
            if (target == null) throw new ConfSyntaxException(path, inc.line, "include needs a file name in quotes");
            if (chain.contains(target)) {
                throw new ConfSyntaxException(path, inc.line, "include cycle: " + cycle(target) + " includes " + target + " again");
            }
            if (!docs.containsKey(target)) {
                if (chain.size() >= ConfLimits.MAX_INCLUDE_DEPTH) {
                    throw new ConfSyntaxException(path, inc.line, "includes are nested more than " + ConfLimits.MAX_INCLUDE_DEPTH + " deep");
                }
                if (docs.size() >= ConfLimits.MAX_FILES) {
                    throw new ConfSyntaxException(path, inc.line, "the configuration has more than " + ConfLimits.MAX_FILES + " files");
                }
                load(target, read(target, path, inc.line));
            }
            // a file included many times is walked as often: bound what that expands to
            size = Math.min(size + expanded.get(target), ConfLimits.MAX_ITEMS + 1L);
            if (size > ConfLimits.MAX_ITEMS) {
                throw new ConfSyntaxException(path, inc.line, "with its includes the configuration has more than "
                        + ConfLimits.MAX_ITEMS + " statements");
            }
        }
        expanded.put(path, size);
        chain.removeLast();
    }

    private String cycle(String target) {
        List<String> files = new ArrayList<>(chain);
        return String.join(" includes ", files.subList(files.indexOf(target), files.size()));
    }

    /** A file's held text; {@code from} and {@code atLine} are the include statement (null for the main file). */
    private String read(String path, String from, int atLine) throws IOException, ConfSyntaxException {
        String where = from == null ? path : from;
        String prefix = from == null ? "" : "cannot include " + path + ": ";
        String text;
        try {
            text = source.read(path);
        } catch (NoSuchFileException e) {
            if (from == null) throw e;
            throw new ConfSyntaxException(from, atLine, "cannot read included file " + path);
        } catch (ConfText.Refused e) {
            throw new ConfSyntaxException(where, atLine, prefix + e.reason());
        }
        // sources other than local files are bounded by their transport; the limit is the same
        if (text.length() > ConfText.MAX_FILE_BYTES) {
            throw new ConfSyntaxException(where, atLine, prefix + "larger than " + (ConfText.MAX_FILE_BYTES >> 20) + " MiB");
        }
        if (!limits.addBytes(text.length())) {
            throw new ConfSyntaxException(where, atLine, prefix + "the configuration's files are larger than "
                    + (ConfLimits.MAX_TOTAL_BYTES >> 20) + " MiB together");
        }
        return text;
    }

    private static long countNodes(List<ConfNode> nodes) {
        long n = nodes.size();
        for (ConfNode c : nodes) if (c.isBlock()) n += countNodes(c.children);
        return n;
    }

    private static void collectIncludes(List<ConfNode> nodes, List<ConfNode> out) {
        for (ConfNode n : nodes) {
            if (!n.isBlock() && n.keyword().equals("include")) out.add(n);
            if (n.isBlock()) collectIncludes(n.children, out);
        }
    }

    /** The file an include statement names, relative paths resolved against the main file's folder; null if none. */
    static String includeTarget(String mainPath, ConfNode include) {
        if (include.tokens.size() != 2 || include.tokens.get(1).kind() != ConfToken.Kind.STRING) return null;
        String target = include.tokens.get(1).value();
        if (target.isEmpty() || target.indexOf('\0') >= 0) return null;
        if (target.startsWith("/")) return target;
        try {
            Path parent = Path.of(mainPath).getParent();
            return parent == null ? target : parent.resolve(target).toString();
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }
}
