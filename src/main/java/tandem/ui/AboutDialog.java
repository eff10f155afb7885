package tandem.ui;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** Help → About Tandem: what is running (version, Java, JavaFX, data folder) and the bundled libraries' licences. */
final class AboutDialog {
    static final String LICENCES = "/tandem/ui/licences.tsv";
    private static final String POM_PROPERTIES = "/META-INF/maven/tandem/tandem/pom.properties";

    /** One bundled library, as {@code licences.tsv} lists it. */
    record Library(String name, String version, String licence) {}

    private AboutDialog() {}

    /** Shows it through the console's one dialog service. */
    static void show(DialogService dialogs, Path dataFolder) {
        dialogs.show("aboutDialog", "About Tandem", "Tandem " + version(), SvgIcon.node(SvgIcon.LOGO, 40),
                content(dataFolder));
    }

    /** The jar's version as Maven built it; "development build" when run from classes. */
    static String version() {
        Package p = AboutDialog.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        if (v != null && !v.isBlank()) return v;
        try (InputStream in = AboutDialog.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties props = new Properties();
                props.load(in);
                String pom = props.getProperty("version");
                if (pom != null && !pom.isBlank()) return pom;
            }
        } catch (IOException e) {
            // fall through: unknown
        }
        return "development build";
    }

    static List<Library> libraries() {
        List<Library> out = new ArrayList<>();
        InputStream in = AboutDialog.class.getResourceAsStream(LICENCES);
        if (in == null) return out;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t");
                if (f.length >= 3) out.add(new Library(f[0].trim(), f[1].trim(), f[2].trim()));
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    static Node content(Path dataFolder) {
        GridPane facts = new GridPane();
        facts.setHgap(12);
        facts.setVgap(4);
        String java = System.getProperty("java.version") + " (" + System.getProperty("java.vendor", "") + ")";
        String fx = System.getProperty("javafx.runtime.version", System.getProperty("javafx.version", "unknown"));
        String[][] rows = {
                {"Version", version(), "aboutVersion"},
                {"Java", java, "aboutJava"},
                {"JavaFX", fx, "aboutJavaFx"},
                {"Data folder", dataFolder == null ? "none (in memory)" : dataFolder.toAbsolutePath().toString(),
                        "aboutDataFolder"}};
        for (int i = 0; i < rows.length; i++) {
            Label key = new Label(rows[i][0]);
            key.getStyleClass().add("fact-key");
            Label value = new Label(rows[i][1]);
            value.getStyleClass().add("fact-value");
            value.setId(rows[i][2]);
            facts.addRow(i, key, value);
        }
        Label heading = new Label("Bundled libraries and their licences");
        heading.getStyleClass().add("section-heading");
        TableView<Library> table = new TableView<>();
        table.setId("aboutLicences");
        table.getStyleClass().add("about-licences");
        table.getColumns().add(column("Library", Library::name, 330));
        table.getColumns().add(column("Version", Library::version, 90));
        table.getColumns().add(column("Licence", Library::licence, 400));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getItems().setAll(libraries());
        table.setPrefHeight(260);
        table.setPrefWidth(840);
        Label credit = new Label("Tandem is a console for DHCP failover relationships of ISC Kea, ISC DHCP and"
                + " Windows Server DHCP.");
        credit.setWrapText(true);
        credit.getStyleClass().add("dialog-hint");
        VBox box = new VBox(10, credit, facts, heading, table);
        box.setId("aboutContent");
        box.setMinWidth(840);
        return box;
    }

    private static TableColumn<Library, String> column(String title, java.util.function.Function<Library, String> value,
                                                      double width) {
        TableColumn<Library, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
