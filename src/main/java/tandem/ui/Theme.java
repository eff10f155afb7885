package tandem.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.application.Application;
import javafx.collections.ObservableList;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Window;

/**
 * The console's look: AtlantaFX Primer, light or dark, as the application's user-agent stylesheet, with the
 * console's own stylesheet on every scene (and its dark colours after it when dark); and the window icons.
 */
public final class Theme {
    private Theme() {}

    public static final String STYLESHEET = "/tandem/ui/tandem.css";
    public static final String DARK_STYLESHEET = "/tandem/ui/tandem-dark.css";

    private static List<Image> icons;
    /** Set on the FX thread by {@link #use}; until then scenes get the light stylesheet over JavaFX's own theme. */
    private static boolean dark;

    /**
     * Light or dark from now on, for every open window and every one opened later. Call on the FX thread.
     */
    public static void use(boolean darkTheme) {
        dark = darkTheme;
        Application.setUserAgentStylesheet(darkTheme ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        for (Window w : List.copyOf(Window.getWindows())) {
            Scene scene = w.getScene();
            if (scene == null) continue;
            apply(scene);
            // dialogs whose scene is not ours carry the stylesheets on their root
            if (scene.getRoot() != null && scene.getRoot().getStylesheets().contains(css())) apply(scene.getRoot());
        }
    }

    public static boolean dark() { return dark; }

    public static void apply(Scene scene) {
        style(scene.getStylesheets());
    }

    /** For alerts and other dialogs whose scene is not ours. */
    public static void apply(Parent parent) {
        style(parent.getStylesheets());
    }

    private static void style(ObservableList<String> sheets) {
        if (!sheets.contains(css())) sheets.add(css());
        String darkCss = url(DARK_STYLESHEET);
        if (dark && !sheets.contains(darkCss)) sheets.add(darkCss);
        if (!dark) sheets.remove(darkCss);
    }

    private static String css() {
        return url(STYLESHEET);
    }

    private static String url(String resource) {
        return Objects.requireNonNull(Theme.class.getResource(resource), resource).toExternalForm();
    }

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

    /** The logo at the sizes window managers ask for; rendered once, on the FX thread. */
    public static synchronized List<Image> windowIcons() {
        if (icons == null) {
            List<Image> out = new ArrayList<>();
            for (int size : new int[] {16, 24, 32, 48, 64, 128, 256}) out.add(SvgIcon.render(SvgIcon.LOGO, size));
            icons = List.copyOf(out);
        }
        return icons;
    }
}
