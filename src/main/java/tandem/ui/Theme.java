package tandem.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.Image;

/** The console's light stylesheet and window icons. */
public final class Theme {
    private Theme() {}

    public static final String STYLESHEET = "/tandem/ui/tandem.css";

    private static List<Image> icons;

    public static void apply(Scene scene) {
        if (!scene.getStylesheets().contains(css())) scene.getStylesheets().add(css());
    }

    /** For alerts and other dialogs whose scene is not ours. */
    public static void apply(Parent parent) {
        if (!parent.getStylesheets().contains(css())) parent.getStylesheets().add(css());
    }

    private static String css() {
        return Objects.requireNonNull(Theme.class.getResource(STYLESHEET), STYLESHEET).toExternalForm();
    }

    /** The logo at the sizes window managers ask for; rendered once, on the FX thread. */
    /** A window of its own for a dialog's content, styled like the console and modal to {@code owner}. */
    public static javafx.stage.Stage dialogStage(String title, Parent content, javafx.stage.Window owner) {
        javafx.stage.Stage stage = new javafx.stage.Stage();
        stage.setTitle(title);
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(javafx.stage.Modality.WINDOW_MODAL);
        }
        Scene scene = new Scene(content);
        apply(scene);
        stage.setScene(scene);
        stage.getIcons().setAll(windowIcons());
        return stage;
    }

    public static synchronized List<Image> windowIcons() {
        if (icons == null) {
            List<Image> out = new ArrayList<>();
            for (int size : new int[] {16, 24, 32, 48, 64, 128, 256}) out.add(SvgIcon.render(SvgIcon.LOGO, size));
            icons = List.copyOf(out);
        }
        return icons;
    }
}
