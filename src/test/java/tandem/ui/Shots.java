package tandem.ui;

import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;

/** Writes pictures of the UI under {@code tandem.shot.dir} so a person can look at them. */
public final class Shots {
    private Shots() {}

    static Path dir() {
        return Path.of(System.getProperty("tandem.shot.dir", "target/shots"));
    }

    /** Call on the FX thread. */
    public static Path write(Scene scene, String name) {
        WritableImage image = scene.snapshot(null);
        Path file = dir().resolve(name + ".png");
        SvgIcon.writePng(image, file);
        return file;
    }

    /** Call on the FX thread. */
    public static Path write(Node node, String name) {
        WritableImage image = node.snapshot(new SnapshotParameters(), null);
        Path file = dir().resolve(name + ".png");
        SvgIcon.writePng(image, file);
        return file;
    }
}
