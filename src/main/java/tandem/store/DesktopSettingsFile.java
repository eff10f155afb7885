package tandem.store;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.desktop.DesktopSettings;

/**
 * The console's desktop settings as a properties file in the data folder, readable by its owner alone. They are
 * conveniences: a damaged or unwritable file is logged and the console goes on with its defaults.
 */
public final class DesktopSettingsFile implements DesktopSettings {
    public static final String FILE = "desktop.properties";
    private static final Logger LOG = LoggerFactory.getLogger(DesktopSettingsFile.class);

    private final Path dir;

    public DesktopSettingsFile(Path dataDir) {
        this.dir = dataDir.toAbsolutePath().normalize();
    }

    public Path file() { return dir.resolve(FILE); }

    @Override public Map<String, String> load() {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file(), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Cannot read {}: {}; the console starts with its defaults", file(), e.getMessage());
            return Map.of();
        }
        Map<String, String> out = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    @Override public synchronized void save(Map<String, String> values) {
        Properties p = new Properties();
        values.forEach((k, v) -> { if (k != null && v != null) p.setProperty(k, v); });
        try {
            StringWriter text = new StringWriter();
            p.store(text, "Tandem console: window, columns and appearance on this desktop");
            OwnerOnlyFiles.replace(dir, file(), ".desktop-", text.toString());
        } catch (IOException e) {
            LOG.warn("Cannot write {}: {}", file(), e.getMessage());
        }
    }
}
