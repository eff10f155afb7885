package tandem.ui;

import tandem.core.change.Redaction;
import java.util.Locale;
import tandem.core.ClockSkew;
import tandem.core.PeerDefinition;
import tandem.core.PeerObservation;

/** One line of the peer table, already in words; "—" where nothing is known. */
public record PeerRow(String name, String role, String url, String reachable, String daemon, String haState,
                      String scopes, String age, String inTouch, String unackedClients, String clockSkew,
                      ClockSkew skewLevel, String problem, boolean sourceOfTruth, PeerIndicator indicator) {
    public static final String UNKNOWN = "—";

    public static PeerRow of(PeerDefinition peer, PeerObservation o, boolean sourceOfTruth) {
        if (o == null) {
            return new PeerRow(peer.name(), peer.role().wire(), Redaction.uri(peer.url()), UNKNOWN, UNKNOWN, UNKNOWN,
                    UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, ClockSkew.OK, "", sourceOfTruth, PeerIndicator.UNKNOWN);
        }
        return new PeerRow(peer.name(), peer.role().wire(), Redaction.uri(peer.url()), o.reachable() ? "yes" : "no",
                o.reachable() ? o.daemon().wire() : UNKNOWN, orUnknown(o.haState()),
                o.scopes().isEmpty() ? UNKNOWN : String.join(", ", o.scopes()),
                o.ageSeconds() == null ? UNKNOWN : o.ageSeconds() + " s",
                o.inTouch() == null ? UNKNOWN : o.inTouch() ? "yes" : "no",
                o.unackedClients() == null ? UNKNOWN : o.unackedClients().toString(),
                skew(o.clockSkewSeconds()), o.skew(), o.problem() == null ? "" : o.problem(), sourceOfTruth,
                PeerIndicator.of(o));
    }

    /** e.g. "+3 s", "−45 s"; a proper minus sign so the column reads well. */
    static String skew(Long seconds) {
        if (seconds == null) return UNKNOWN;
        if (seconds == 0) return "0 s";
        return (seconds > 0 ? "+" : "\u2212") + Math.abs(seconds) + " s";
    }

    private static String orUnknown(String s) { return s == null || s.isBlank() ? UNKNOWN : s; }

    /** The style class of the clock skew cell: none, {@code skew-warning} or {@code skew-error}. */
    public String skewStyleClass() {
        return skewLevel == ClockSkew.OK ? null : "skew-" + skewLevel.name().toLowerCase(Locale.ROOT);
    }
}
