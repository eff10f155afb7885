package tandem.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import tandem.core.RelationshipStatus;

@ExtendWith(ApplicationExtension.class)
class SvgIconTest {
    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new VBox()));
    }

    @Test
    void everyIconParsesAndDrawsSomethingAtEachSize(FxRobot robot) {
        robot.interact(() -> {
            for (String name : SvgIcon.ALL) {
                for (int size : new int[] {16, 32, 256}) {
                    WritableImage image = SvgIcon.render(name, size);
                    assertEquals(size, (int) image.getWidth());
                    int opaque = 0;
                    for (int y = 0; y < size; y++) {
                        for (int x = 0; x < size; x++) if ((image.getPixelReader().getArgb(x, y) >>> 24) > 200) opaque++;
                    }
                    assertTrue(opaque > size * size / 5, name + " at " + size + " px draws too little: " + opaque);
                }
            }
        });
    }

    @Test
    void elementsOutsideTheSubsetAreRefused() {
        String svg = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'><text x='1' y='1'>A</text></svg>";
        var e = assertThrows(IllegalArgumentException.class,
                () -> SvgIcon.parse("t", new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("<text>"));
        String doctype = "<!DOCTYPE svg [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><svg viewBox='0 0 1 1'/>";
        assertThrows(IllegalArgumentException.class,
                () -> SvgIcon.parse("t", new ByteArrayInputStream(doctype.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void iconSheetOnLightAndDarkBackgrounds(FxRobot robot) throws Exception {
        robot.interact(() -> {
            VBox sheet = new VBox();
            for (String background : new String[] {"#ffffff", "#f0f0f0", "#2b2b2b", "#000000"}) {
                GridPane row = new GridPane();
                row.setHgap(14);
                row.setVgap(6);
                row.setPadding(new Insets(10));
                row.setStyle("-fx-background-color: " + background + ";");
                int col = 0;
                for (String name : SvgIcon.ALL) {
                    HBox sizes = new HBox(8);
                    for (int size : new int[] {16, 24, 32, 48}) sizes.getChildren().add(SvgIcon.node(name, size));
                    row.add(sizes, col++, 0);
                }
                HBox stale = new HBox(8);
                for (RelationshipStatus s : RelationshipStatus.values()) {
                    stale.getChildren().addAll(StatusIcons.relationship(s, true, 16), StatusIcons.relationship(s, true, 32));
                }
                Label label = new Label("last known:");
                label.setStyle("-fx-text-fill: grey;");
                row.add(new HBox(8, label, stale), 0, 1, 4, 1);
                sheet.getChildren().add(row);
            }
            Scene scene = new Scene(sheet);
            sheet.applyCss();
            sheet.layout();
            Shots.write(sheet, "icons");
            for (int size : new int[] {16, 32, 256}) {
                SvgIcon.writePng(SvgIcon.render(SvgIcon.LOGO, size), Shots.dir().resolve("tandem-" + size + ".png"));
            }
        });
        assertTrue(Files.size(Shots.dir().resolve("icons.png")) > 2_000);
    }
}
