package tandem.ui;

import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.RelationshipStatus;

/**
 * The same notices as a message of the console's icon in the desktop's tray, where the desktop has a tray. Nothing
 * at all where it has none or runs headless: AWT is asked only behind those checks, and any failure of it turns
 * the tray off for the session rather than reaching the caller.
 */
final class TrayMessages implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrayMessages.class);

    private final boolean available = available();
    private BufferedImage image;
    /** AWT's thread only. */
    private TrayIcon icon;
    private volatile boolean broken;

    static boolean available() {
        try {
            return !GraphicsEnvironment.isHeadless() && SystemTray.isSupported();
        } catch (Throwable e) {
            // no display, no AWT libraries: no tray
            return false;
        }
    }

    /** Call on the FX thread (the icon is drawn there). */
    void show(StatusNotices.Notice notice) {
        if (!available || broken) return;
        if (image == null) image = awt(SvgIcon.render(SvgIcon.LOGO, 24));
        BufferedImage picture = image;
        TrayIcon.MessageType type = notice.status() == RelationshipStatus.OK ? TrayIcon.MessageType.INFO
                : notice.status() == RelationshipStatus.IMPAIRED ? TrayIcon.MessageType.WARNING
                : TrayIcon.MessageType.ERROR;
        EventQueue.invokeLater(() -> {
            try {
                if (icon == null) {
                    icon = new TrayIcon(picture, "Tandem");
                    icon.setImageAutoSize(true);
                    SystemTray.getSystemTray().add(icon);
                }
                icon.displayMessage(notice.title(), notice.text(), type);
            } catch (Throwable e) {
                broken = true;
                LOG.info("The desktop's tray cannot show notifications: {}", e.toString());
            }
        });
    }

    /** Takes the icon out of the tray; an icon left there would keep the application from exiting. */
    @Override public void close() {
        if (!available) return;
        EventQueue.invokeLater(() -> {
            try {
                if (icon != null) SystemTray.getSystemTray().remove(icon);
            } catch (Throwable e) {
                LOG.debug("Removing the tray icon failed: {}", e.toString());
            }
            icon = null;
        });
    }

    private static BufferedImage awt(Image fx) {
        int w = (int) fx.getWidth();
        int h = (int) fx.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader reader = fx.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) out.setRGB(x, y, reader.getArgb(x, y));
        }
        return out;
    }
}
