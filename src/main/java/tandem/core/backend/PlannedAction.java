package tandem.core.backend;

import java.util.List;
import tandem.core.Relationship;

/** An action checked against the relationship's state and ready to confirm: what goes where, and what follows. */
public interface PlannedAction {
    Relationship relationship();

    ActionKind kind();

    /** The servers it is sent to, in order. */
    List<String> targets();

    /** One line, e.g. "Start maintenance of server2". */
    String title();

    /** What is sent where and what follows, for the confirmation. */
    String description();

    /** What the confirm button says. */
    default String confirmLabel() { return kind().label(); }
}
