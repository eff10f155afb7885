package tandem.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The About dialog's list of bundled libraries is a resource file; this keeps it true to the build: each listed
 * version is the one Maven resolved onto the class path, and every library pom.xml names for the runtime is listed.
 */
class LicenceListTest {
    /** group:artifact → version of every Maven artifact on the class path Surefire runs with. */
    private static Map<String, String> resolved() {
        Map<String, String> out = new HashMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (!entry.endsWith(".jar") || jar.getNameCount() < 4) continue;
            String version = jar.getParent().getFileName().toString();
            String artifact = jar.getParent().getParent().getFileName().toString();
            if (!jar.getFileName().toString().startsWith(artifact + "-" + version)) continue;
            Path groupDir = jar.getParent().getParent().getParent();
            StringBuilder group = new StringBuilder();
            // the local repository lays a group out as folders: walk up to the repository folder
            for (Path p = groupDir; p != null && !p.getFileName().toString().equals("repository"); p = p.getParent()) {
                group.insert(0, group.length() == 0 ? p.getFileName().toString() : p.getFileName() + ".");
                if (p.getParent() == null) return out;
            }
            out.put(group + ":" + artifact, version);
        }
        return out;
    }

    @Test
    void everyListedVersionIsTheResolvedOne() {
        Map<String, String> resolved = resolved();
        assertTrue(resolved.containsKey("org.openjfx:javafx-controls"), "the class path is read: " + resolved.keySet());
        List<AboutDialog.Library> listed = AboutDialog.libraries();
        assertTrue(listed.size() > 20, "the list is read: " + listed.size());
        Set<String> names = new HashSet<>();
        for (AboutDialog.Library l : listed) {
            assertTrue(names.add(l.name()), "listed once: " + l.name());
            assertEquals(resolved.get(l.name()), l.version(), l.name() + ": the version the build resolved");
            assertFalse(l.licence().isBlank() || l.licence().equals("null"), l.name() + " has its licence");
        }
    }

    @Test
    void everyRuntimeDependencyOfThePomIsListed() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        String deps = pom.substring(pom.indexOf("</dependencyManagement>"));
        deps = deps.substring(deps.indexOf("<dependencies>"), deps.indexOf("</dependencies>"));
        Set<String> listed = new HashSet<>();
        AboutDialog.libraries().forEach(l -> listed.add(l.name()));
        Matcher m = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL).matcher(deps);
        int runtime = 0;
        while (m.find()) {
            String d = m.group(1);
            if (d.contains("<scope>test</scope>") || d.contains("<scope>provided</scope>")) continue;
            String name = tag(d, "groupId") + ":" + tag(d, "artifactId");
            assertTrue(listed.contains(name), name + " is bundled and must be listed with its licence");
            runtime++;
        }
        assertTrue(runtime > 10, "pom.xml's dependencies are read: " + runtime);
    }

    private static String tag(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">\\s*(.*?)\\s*</" + name + ">").matcher(xml);
        return m.find() ? m.group(1) : "";
    }
}
