package tandem.core.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tandem.core.access.Grant;
import tandem.core.access.Member;
import tandem.core.access.Role;

/** The members of a team store, their roles and grants. Every method runs in one transaction. */
public interface TeamStore {
    /** The database login this process is connected as. */
    String currentLogin();

    /** Whether a database login of that name exists (a member must be one). */
    boolean loginExists(String login);

    List<Member> members();

    Optional<Member> member(String login);

    /**
     * Makes the connected login the first member, a DHCP administrator.
     * @return false when the team already has members (nothing is changed)
     */
    boolean initialise(Instant at);

    /** @return false when the login already is a member */
    boolean addMember(String login, Instant at);

    /** @return false when the login was not a member */
    boolean removeMember(String login);

    /** @return false when nothing changed (already held, or not held) */
    boolean setRole(String login, Role role, boolean held);

    /** @return false when nothing changed (already granted, or not granted) */
    boolean setGrant(String login, Grant grant, boolean held);
}
