package tandem.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The installer icons committed under {@code installer/icons} are well-formed in each platform's format and still
 * show the logo as {@code icons/tandem.svg} draws it today (regenerate them with {@link InstallerIcons} otherwise).
 */
@ExtendWith(ApplicationExtension.class)
class InstallerIconsTest {
    private static final Path COMMITTED = Path.of("installer", "icons");
    private static final String REGENERATE = " (regenerate with: mvn -q test-compile exec:java "
            + "-Dexec.classpathScope=test -Dexec.mainClass=tandem.ui.InstallerIcons)";

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new VBox()));
    }

    @Test
    void linuxPngIsTheLogo(FxRobot robot) throws IOException {
        BufferedImage png = decodePng(Files.readAllBytes(COMMITTED.resolve("tandem.png")), "tandem.png");
        assertSameLogo(robot, png, "tandem.png");
    }

    @Test
    void windowsIcoHoldsEverySizeAsTheLogo(FxRobot robot) throws IOException {
        List<BufferedImage> images = readIco(Files.readAllBytes(COMMITTED.resolve("tandem.ico")));
        assertEquals(InstallerIcons.ICO_SIZES, images.stream().map(BufferedImage::getWidth).toList());
        for (BufferedImage image : images) assertSameLogo(robot, image, "tandem.ico " + image.getWidth() + " px");
    }

    @Test
    void macIcnsHoldsEveryTypeAsTheLogo(FxRobot robot) throws IOException {
        Map<String, BufferedImage> images = readIcns(Files.readAllBytes(COMMITTED.resolve("tandem.icns")));
        assertEquals(List.copyOf(InstallerIcons.ICNS_TYPES.keySet()), List.copyOf(images.keySet()));
        images.forEach((type, image) -> {
            assertEquals(InstallerIcons.ICNS_TYPES.get(type), image.getWidth(), type);
            assertSameLogo(robot, image, "tandem.icns " + type);
        });
    }

    /** Same size and every channel of every pixel within a small tolerance of a fresh render. */
    private static void assertSameLogo(FxRobot robot, BufferedImage committed, String what) {
        assertEquals(committed.getWidth(), committed.getHeight(), what + " is not square");
        BufferedImage fresh = render(robot, committed.getWidth());
        int worst = 0;
        for (int y = 0; y < committed.getHeight(); y++) {
            for (int x = 0; x < committed.getWidth(); x++) {
                int a = committed.getRGB(x, y);
                int b = fresh.getRGB(x, y);
                for (int shift = 0; shift < 32; shift += 8) {
                    worst = Math.max(worst, Math.abs(((a >>> shift) & 0xff) - ((b >>> shift) & 0xff)));
                }
            }
        }
        assertTrue(worst <= 24, what + " differs from the logo by " + worst + " in some channel" + REGENERATE);
    }

    private static BufferedImage render(FxRobot robot, int size) {
        BufferedImage[] out = new BufferedImage[1];
        robot.interact(() -> out[0] = InstallerIcons.logo(size));
        return out[0];
    }

    private static BufferedImage decodePng(byte[] data, String what) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(data));
            if (image == null) fail(what + " is not a PNG image");
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(what, e);
        }
    }

    /** Reads an ICO file as {@link InstallerIcons#ico} writes it: PNG entries and 32-bit bottom-up bitmaps. */
    private static List<BufferedImage> readIco(byte[] file) {
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0, in.getShort(0), "ICO reserved field");
        assertEquals(1, in.getShort(2), "ICO type (1 = icon)");
        int count = in.getShort(4);
        List<BufferedImage> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int entry = 6 + 16 * i;
            int width = Byte.toUnsignedInt(in.get(entry)) == 0 ? 256 : Byte.toUnsignedInt(in.get(entry));
            int size = in.getInt(entry + 8);
            int offset = in.getInt(entry + 12);
            byte[] data = Arrays.copyOfRange(file, offset, offset + size);
            BufferedImage image;
            if (data[0] == (byte) 0x89 && data[1] == 'P') {
                image = decodePng(data, "ICO entry " + i);
            } else {
                ByteBuffer dib = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
                assertEquals(40, dib.getInt(0), "bitmap header size");
                int w = dib.getInt(4);
                int h = dib.getInt(8) / 2;
                assertEquals(32, dib.getShort(14), "bits per pixel");
                image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
                int p = 40;
                for (int y = h - 1; y >= 0; y--) {
                    for (int x = 0; x < w; x++, p += 4) {
                        int bgra = dib.getInt(p);
                        image.setRGB(x, y, bgra);   // little-endian BGRA reads as ARGB
                    }
                }
            }
            assertEquals(width, image.getWidth(), "ICO entry " + i + " width");
            out.add(image);
        }
        return out;
    }

    private static Map<String, BufferedImage> readIcns(byte[] file) {
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.BIG_ENDIAN);
        assertEquals("icns", new String(file, 0, 4, StandardCharsets.US_ASCII), "ICNS magic");
        assertEquals(file.length, in.getInt(4), "ICNS length");
        Map<String, BufferedImage> out = new LinkedHashMap<>();
        int p = 8;
        while (p < file.length) {
            String type = new String(file, p, 4, StandardCharsets.US_ASCII);
            int length = in.getInt(p + 4);
            assertTrue(length > 8 && p + length <= file.length, "ICNS element " + type + " length " + length);
            out.put(type, decodePng(Arrays.copyOfRange(file, p + 8, p + length), "ICNS " + type));
            p += length;
        }
        return out;
    }
}
