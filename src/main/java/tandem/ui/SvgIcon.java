package tandem.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javafx.scene.Group;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.SVGPath;
import javafx.scene.shape.Shape;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * One of the console's icons, read from {@code tandem/icons/NAME.svg} on the classpath and drawn with JavaFX
 * shapes at any size. Only the subset the icons use is understood (svg, g, title/desc, path, circle, rect,
 * polygon, polyline, line; fill, stroke and their opacities, stroke-width/-linecap/-linejoin/-dasharray,
 * opacity); anything else is refused so an icon never renders differently from what was drawn.
 */
public final class SvgIcon {
    public static final String OK = "status-ok";
    public static final String IMPAIRED = "status-impaired";
    public static final String SERVICE_DOWN = "status-service-down";
    public static final String UNREACHABLE = "status-unreachable";
    public static final String STALE = "stale";
    public static final String SERVER = "server";
    public static final String RELATIONSHIP = "relationship";
    public static final String LOGO = "tandem";

    /** Every icon shipped, for exports and tests. */
    public static final List<String> ALL = List.of(OK, IMPAIRED, SERVICE_DOWN, UNREACHABLE, STALE, SERVER,
            RELATIONSHIP, LOGO);

    private static final Map<String, SvgIcon> CACHE = new ConcurrentHashMap<>();

    private final String name;
    private final double minX;
    private final double minY;
    private final double width;
    private final double height;
    private final List<ShapeSpec> shapes;

    private SvgIcon(String name, double minX, double minY, double width, double height, List<ShapeSpec> shapes) {
        this.name = name;
        this.minX = minX;
        this.minY = minY;
        this.width = width;
        this.height = height;
        this.shapes = List.copyOf(shapes);
    }

    /** The icon named (file name without ".svg"), parsed once and then cached. */
    public static SvgIcon named(String name) {
        return CACHE.computeIfAbsent(name, SvgIcon::load);
    }

    /** A node {@code size} pixels square showing the icon. */
    public static Pane node(String name, double size) {
        return named(name).node(size);
    }

    public String name() { return name; }

    public Pane node(double size) {
        Group group = new Group();
        for (ShapeSpec s : shapes) group.getChildren().add(s.build());
        double scale = size / Math.max(width, height);
        group.getTransforms().addAll(new Scale(scale, scale, 0, 0), new Translate(-minX, -minY));
        // A plain Pane does not move its children, so the view box origin stays at the pane's origin.
        Pane pane = new Pane(group);
        pane.setMinSize(size, size);
        pane.setPrefSize(size, size);
        pane.setMaxSize(size, size);
        pane.getStyleClass().addAll("svg-icon", "icon-" + name);
        return pane;
    }

    /** Renders the icon to an image on a transparent background; call on the FX thread. */
    public WritableImage render(int size) {
        Pane node = node(size);
        node.resize(size, size);
        SnapshotParameters parameters = new SnapshotParameters();
        parameters.setFill(Color.TRANSPARENT);
        parameters.setViewport(new javafx.geometry.Rectangle2D(0, 0, size, size));
        WritableImage image = new WritableImage(size, size);
        return node.snapshot(parameters, image);
    }

    /** Renders the icon named to an image; call on the FX thread (installer artwork, window icons). */
    public static WritableImage render(String name, int size) {
        return named(name).render(size);
    }

    /** Writes an image (an icon or a window snapshot) as a PNG file, keeping transparency. */
    public static void writePng(Image image, Path file) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader reader = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) out.setRGB(x, y, reader.getArgb(x, y));
        }
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            if (!ImageIO.write(out, "png", file.toFile())) throw new IOException("No PNG writer available");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    private static SvgIcon load(String name) {
        String resource = "/tandem/icons/" + name + ".svg";
        try (InputStream in = SvgIcon.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalArgumentException("No icon " + resource + " on the classpath");
            return parse(name, in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + resource, e);
        }
    }

    /** Parses an SVG document written in the subset described above. */
    static SvgIcon parse(String name, InputStream in) {
        Document doc;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // icons are our own files, but a parser that fetches nothing is the only sane default
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            doc = builder.parse(in);
        } catch (Exception e) {
            throw new IllegalArgumentException("Icon " + name + " is not well-formed SVG: " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        if (!"svg".equals(localName(root))) throw new IllegalArgumentException("Icon " + name + " has no <svg> root");
        double[] box = viewBox(name, root);
        List<ShapeSpec> shapes = new ArrayList<>();
        collect(name, root, Style.DEFAULT.with(root), shapes);
        return new SvgIcon(name, box[0], box[1], box[2], box[3], shapes);
    }

    private static double[] viewBox(String name, Element root) {
        String vb = root.getAttribute("viewBox");
        if (!vb.isBlank()) {
            String[] p = vb.trim().split("[\\s,]+");
            if (p.length != 4) throw new IllegalArgumentException("Icon " + name + ": bad viewBox " + vb);
            return new double[] {num(p[0]), num(p[1]), num(p[2]), num(p[3])};
        }
        return new double[] {0, 0, num(root.getAttribute("width")), num(root.getAttribute("height"))};
    }

    private static void collect(String name, Element parent, Style inherited, List<ShapeSpec> out) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e)) continue;
            String tag = localName(e);
            Style style = inherited.with(e);
            switch (tag) {
                case "title", "desc", "metadata" -> { }
                case "g" -> collect(name, e, style, out);
                case "path", "circle", "rect", "polygon", "polyline", "line" -> out.add(new ShapeSpec(tag, attributes(e), style));
                default -> throw new IllegalArgumentException("Icon " + name + ": <" + tag + "> is outside the supported subset");
            }
        }
    }

    private static Map<String, String> attributes(Element e) {
        Map<String, String> out = new HashMap<>();
        var attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Node a = attrs.item(i);
            out.put(a.getLocalName() == null ? a.getNodeName() : a.getLocalName(), a.getNodeValue());
        }
        return out;
    }

    private static String localName(Node n) { return n.getLocalName() == null ? n.getNodeName() : n.getLocalName(); }

    private static double num(String s) {
        if (s == null || s.isBlank()) return 0;
        String t = s.trim();
        if (t.endsWith("px")) t = t.substring(0, t.length() - 2);
        return Double.parseDouble(t);
    }

    private static double[] numbers(String s) {
        if (s == null || s.isBlank()) return new double[0];
        String[] p = s.trim().split("[\\s,]+");
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) out[i] = Double.parseDouble(p[i]);
        return out;
    }

    /** Presentation attributes, inherited from enclosing groups as SVG does. */
    private record Style(String fill, String stroke, double strokeWidth, String lineCap, String lineJoin,
                         String dashArray, double opacity, double fillOpacity, double strokeOpacity) {
        static final Style DEFAULT = new Style("#000000", "none", 1, "butt", "miter", null, 1, 1, 1);

        Style with(Element e) {
            Map<String, String> a = new HashMap<>();
            for (String key : List.of("fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin",
                    "stroke-dasharray", "opacity", "fill-opacity", "stroke-opacity")) {
                if (e.hasAttribute(key)) a.put(key, e.getAttribute(key).trim());
            }
            if (e.hasAttribute("style")) {
                for (String decl : e.getAttribute("style").split(";")) {
                    int colon = decl.indexOf(':');
                    if (colon > 0) a.put(decl.substring(0, colon).trim(), decl.substring(colon + 1).trim());
                }
            }
            return new Style(a.getOrDefault("fill", fill), a.getOrDefault("stroke", stroke),
                    a.containsKey("stroke-width") ? num(a.get("stroke-width")) : strokeWidth,
                    a.getOrDefault("stroke-linecap", lineCap), a.getOrDefault("stroke-linejoin", lineJoin),
                    a.getOrDefault("stroke-dasharray", dashArray),
                    // opacity multiplies down the tree; the others are inherited values
                    opacity * (a.containsKey("opacity") ? num(a.get("opacity")) : 1),
                    a.containsKey("fill-opacity") ? num(a.get("fill-opacity")) : fillOpacity,
                    a.containsKey("stroke-opacity") ? num(a.get("stroke-opacity")) : strokeOpacity);
        }

        void apply(Shape s) {
            s.setFill(paint(fill, fillOpacity));
            s.setStroke(paint(stroke, strokeOpacity));
            s.setStrokeWidth(strokeWidth);
            s.setStrokeLineCap(switch (lineCap) {
                case "round" -> StrokeLineCap.ROUND;
                case "square" -> StrokeLineCap.SQUARE;
                default -> StrokeLineCap.BUTT;
            });
            s.setStrokeLineJoin(switch (lineJoin) {
                case "round" -> StrokeLineJoin.ROUND;
                case "bevel" -> StrokeLineJoin.BEVEL;
                default -> StrokeLineJoin.MITER;
            });
            if (dashArray != null && !dashArray.isBlank() && !"none".equals(dashArray)) {
                for (double d : numbers(dashArray)) s.getStrokeDashArray().add(d);
            }
            if (opacity < 1) s.setOpacity(opacity);
        }

        private static Paint paint(String value, double alpha) {
            if (value == null || value.isBlank() || "none".equals(value)) return null;
            Color c = Color.web(value.toLowerCase(Locale.ROOT));
            return alpha >= 1 ? c : c.deriveColor(0, 1, 1, alpha);
        }
    }

    /** One drawable element, kept as data so every call to {@link #node} builds fresh shapes. */
    private record ShapeSpec(String tag, Map<String, String> a, Style style) {
        Shape build() {
            Shape s = switch (tag) {
                case "path" -> {
                    SVGPath p = new SVGPath();
                    p.setContent(a.getOrDefault("d", ""));
                    yield p;
                }
                case "circle" -> new Circle(num(a.get("cx")), num(a.get("cy")), num(a.get("r")));
                case "rect" -> {
                    Rectangle r = new Rectangle(num(a.get("x")), num(a.get("y")), num(a.get("width")), num(a.get("height")));
                    double rx = a.containsKey("rx") ? num(a.get("rx")) : num(a.get("ry"));
                    double ry = a.containsKey("ry") ? num(a.get("ry")) : rx;
                    r.setArcWidth(2 * rx);
                    r.setArcHeight(2 * ry);
                    yield r;
                }
                case "polygon" -> new Polygon(numbers(a.get("points")));
                case "polyline" -> new Polyline(numbers(a.get("points")));
                case "line" -> new Line(num(a.get("x1")), num(a.get("y1")), num(a.get("x2")), num(a.get("y2")));
                default -> throw new IllegalStateException(tag);
            };
            style.apply(s);
            return s;
        }
    }
}
