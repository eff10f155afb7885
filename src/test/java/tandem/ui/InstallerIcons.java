package tandem.ui;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javax.imageio.ImageIO;

/**
 * Draws the application icon of the native installers from {@code icons/tandem.svg}, in the format each platform
 * wants: {@code tandem.png} (Linux menu entry), {@code tandem.ico} (Windows launchers and MSI) and
 * {@code tandem.icns} (macOS bundle and DMG). Run once after the logo changes and commit the files:
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=tandem.ui.InstallerIcons}
 * (argument: output folder, default {@code installer/icons}). {@code InstallerIconsTest} fails when the committed
 * files no longer match the logo.
 */
public final class InstallerIcons {
    public static final int LINUX_SIZE = 256;
    /** Windows picks the size closest to what it shows; 256 is the largest an ICO holds. */
    public static final List<Integer> ICO_SIZES = List.of(16, 20, 24, 32, 40, 48, 64, 128, 256);
    /**
     * ICNS element types holding PNG data, with their pixel sizes (ic11 to ic14 are the Retina variants). The
     * small icp4/icp5 types are left out: older Finder versions expect them in the legacy ARGB encoding.
     */
    public static final Map<String, Integer> ICNS_TYPES = icnsTypes();

    private InstallerIcons() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "installer/icons");
        // drawn by JavaFX's software renderer without a display, exactly as the tests draw
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("java.awt.headless", "true");
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.startup(() -> {
            try {
                writeAll(dir);
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        try {
            done.get();
        } finally {
            Platform.exit();
        }
        System.out.println("Wrote tandem.png, tandem.ico and tandem.icns to " + dir.toAbsolutePath());
    }

    /** Renders and writes the three files into {@code dir}; call on the FX thread. */
    public static void writeAll(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve("tandem.png"), png(logo(LINUX_SIZE)));
            Files.write(dir.resolve("tandem.ico"), ico(ICO_SIZES.stream().map(InstallerIcons::logo).toList()));
            Map<String, byte[]> icns = new LinkedHashMap<>();
            ICNS_TYPES.forEach((type, size) -> icns.put(type, png(logo(size))));
            Files.write(dir.resolve("tandem.icns"), icns(icns));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the installer icons to " + dir, e);
        }
    }

    /** The logo at {@code size} pixels square; call on the FX thread. */
    public static BufferedImage logo(int size) {
        return argb(SvgIcon.render(SvgIcon.LOGO, size));
    }

    static BufferedImage argb(Image image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader reader = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) out.setRGB(x, y, reader.getArgb(x, y));
        }
        return out;
    }

    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) throw new IOException("No PNG writer available");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A Windows icon file: the 256 px image as PNG (allowed since Windows Vista and far smaller), the others as
     * 32-bit bitmaps, which every Windows tool and resource compiler reads.
     */
    static byte[] ico(List<BufferedImage> images) {
        List<byte[]> data = images.stream().map(i -> i.getWidth() >= 256 ? png(i) : dib(i)).toList();
        int offset = 6 + 16 * images.size();
        ByteBuffer out = ByteBuffer.allocate(offset + data.stream().mapToInt(d -> d.length).sum())
                .order(ByteOrder.LITTLE_ENDIAN);
        out.putShort((short) 0).putShort((short) 1).putShort((short) images.size());
        for (int i = 0; i < images.size(); i++) {
            BufferedImage image = images.get(i);
            out.put((byte) (image.getWidth() >= 256 ? 0 : image.getWidth()));   // 0 means 256
            out.put((byte) (image.getHeight() >= 256 ? 0 : image.getHeight()));
            out.put((byte) 0).put((byte) 0);                                      // no palette, reserved
            out.putShort((short) 1).putShort((short) 32);                         // planes, bits per pixel
            out.putInt(data.get(i).length).putInt(offset);
            offset += data.get(i).length;
        }
        data.forEach(out::put);
        return out.array();
    }

    /** A BITMAPINFOHEADER image as ICO files hold it: BGRA rows bottom-up, then a 1-bit mask (all drawn). */
    private static byte[] dib(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int maskRow = ((w + 31) / 32) * 4;
        ByteBuffer out = ByteBuffer.allocate(40 + w * h * 4 + maskRow * h).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(40).putInt(w).putInt(2 * h);    // the height counts the colour image and its mask
        out.putShort((short) 1).putShort((short) 32).putInt(0).putInt(w * h * 4);
        out.putInt(0).putInt(0).putInt(0).putInt(0);
        for (int y = h - 1; y >= 0; y--) {
            for (int x = 0; x < w; x++) {
                int argb = image.getRGB(x, y);
                out.put((byte) argb).put((byte) (argb >> 8)).put((byte) (argb >> 16)).put((byte) (argb >>> 24));
            }
        }
        // the alpha channel decides transparency; a zero mask leaves every pixel to it
        out.put(new byte[maskRow * h]);
        return out.array();
    }

    /** An Apple icon file: big-endian, each element a four-letter type, its length with the header, and PNG data. */
    static byte[] icns(Map<String, byte[]> pngByType) {
        int length = 8 + pngByType.values().stream().mapToInt(d -> 8 + d.length).sum();
        ByteBuffer out = ByteBuffer.allocate(length).order(ByteOrder.BIG_ENDIAN);
        out.put("icns".getBytes(StandardCharsets.US_ASCII)).putInt(length);
        pngByType.forEach((type, data) -> {
            out.put(type.getBytes(StandardCharsets.US_ASCII)).putInt(8 + data.length).put(data);
        });
        return out.array();
    }

    private static Map<String, Integer> icnsTypes() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("ic11", 32);
        m.put("ic12", 64);
        m.put("ic07", 128);
        m.put("ic13", 256);
        m.put("ic08", 256);
        m.put("ic14", 512);
        m.put("ic09", 512);
        m.put("ic10", 1024);
        return Collections.unmodifiableMap(m);
    }
}
