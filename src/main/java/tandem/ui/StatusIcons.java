package tandem.ui;

import javafx.scene.Node;
import javafx.scene.effect.ColorAdjust;
import javafx.scene.layout.Pane;
import tandem.core.RelationshipStatus;

/** The indicators of relationships and peers, built from the SVG icons. */
public final class StatusIcons {
    private StatusIcons() {}

    public static String iconName(RelationshipStatus status) {
        return switch (status) {
            case OK -> SvgIcon.OK;
            case IMPAIRED -> SvgIcon.IMPAIRED;
            case SERVICE_DOWN -> SvgIcon.SERVICE_DOWN;
            case UNREACHABLE -> SvgIcon.UNREACHABLE;
        };
    }

    /** The style class naming a status, e.g. {@code status-service-down}; {@code status-unknown} for null. */
    public static String styleClass(RelationshipStatus status) {
        return status == null ? "status-unknown" : "status-" + status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static String iconName(PeerIndicator indicator) {
        return switch (indicator) {
            case UP -> SvgIcon.OK;
            case DAEMON_DOWN -> SvgIcon.SERVICE_DOWN;
            // it answers but serves no client: impaired rather than down
            case DISABLED -> SvgIcon.IMPAIRED;
            case UNREACHABLE -> SvgIcon.UNREACHABLE;
            case UNKNOWN -> SvgIcon.STALE;
        };
    }

    /**
     * A relationship's indicator; a state no poll has confirmed is drawn faded with the stale badge in its lower
     * right corner. A null status (never observed) shows the stale marker alone.
     */
    public static Node relationship(RelationshipStatus status, boolean stale, double size) {
        if (status == null) return marked(SvgIcon.node(SvgIcon.STALE, size), "status-unknown");
        Pane icon = SvgIcon.node(iconName(status), size);
        return stale ? withStaleBadge(icon, size) : marked(icon, styleClass(status));
    }

    public static Node peer(PeerIndicator indicator, boolean stale, double size) {
        Pane icon = SvgIcon.node(iconName(indicator), size);
        return stale && indicator != PeerIndicator.UNKNOWN ? withStaleBadge(icon, size) : icon;
    }

    private static Node withStaleBadge(Pane icon, double size) {
        ColorAdjust faded = new ColorAdjust();
        faded.setSaturation(-0.55);
        faded.setBrightness(0.15);
        icon.setEffect(faded);
        icon.setOpacity(0.8);
        double badgeSize = Math.max(7, Math.round(size * 0.6));
        Pane badge = SvgIcon.node(SvgIcon.STALE, badgeSize);
        badge.setLayoutX(size - badgeSize + Math.round(size * 0.15));
        badge.setLayoutY(size - badgeSize + Math.round(size * 0.15));
        Pane stack = new Pane(icon, badge);
        stack.setMinSize(size, size);
        stack.setPrefSize(size, size);
        stack.setMaxSize(size, size);
        stack.getStyleClass().add("stale-indicator");
        return stack;
    }

    private static Node marked(Pane node, String styleClass) {
        node.getStyleClass().add(styleClass);
        return node;
    }
}
