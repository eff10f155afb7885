package tandem.core.backend;

import java.util.List;

/**
 * What an administrator asked for, before it is checked against the relationship's state.
 *
 * @param kind      an {@link ActionKind#id()}
 * @param peer      the server it goes to, or null for the backend's default
 * @param scopes    for actions that take scopes; empty otherwise
 * @param maxPeriod for actions that take one; null for the default
 */
public record ActionRequest(String kind, String peer, List<String> scopes, Integer maxPeriod) {
    public ActionRequest {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    public static ActionRequest of(String kind, String peer) {
        return new ActionRequest(kind, peer, List.of(), null);
    }
}
