package tandem.windows;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tandem.core.AddressRules;
import tandem.core.TextRules;

/**
 * Every documented rule of Windows failover, checked by Tandem against what it just read from both servers before
 * anything is sent. Windows checks them too, but its errors come late (after a partner step may have run), are
 * localised and not all documented; a refusal here names the field and leaves both servers untouched. Fields are
 * named as the command line names them.
 */
public final class FailoverRules {
    private FailoverRules() {}

    public static final String NAME = "NAME";
    public static final String SERVER = "--server";
    public static final String PARTNER = "--partner";
    public static final String MODE = "--mode";
    public static final String LOAD_BALANCE_PERCENT = "--load-balance-percent";
    public static final String RESERVE_PERCENT = "--reserve-percent";
    public static final String SERVER_ROLE = "--server-role";
    public static final String MCLT = "--mclt";
    public static final String SWITCHOVER_INTERVAL = "--switchover-interval";
    public static final String SCOPE = "--scope";
    public static final String RELATIONSHIP = "--relationship";
    public static final String SCOPE_IDS = "SCOPEID";

    /** Longest relationship name, in UTF-16 units as Windows counts its WCHARs (DHCP 20125 above). */
    public static final int MAX_NAME_LENGTH = 126;
    /** Relationships one server may have (DHCP 20128 above). */
    public static final int MAX_RELATIONSHIPS = 31;
    /** Scopes one call may add to a relationship (DHCP 20130 above). */
    public static final int MAX_SCOPES_PER_CALL = 400;
    /**
     * Tandem's upper bound for MCLT: 7 days. Windows documents none (the API holds seconds in a 32-bit number), but a
     * returning partner waits one MCLT in RecoverWait before it serves again, and a lone server waits one MCLT before
     * it owns the whole pool: a week is already far beyond any sensible setting (the default is one hour).
     */
    public static final long MAX_MCLT_SEC = 7 * 24 * 3600L;
    /** The API holds the switchover interval (SafePeriod) in seconds in a 32-bit unsigned number. */
    public static final long MAX_SWITCHOVER_SEC = 0xFFFF_FFFFL;
    /** Windows stops setting up failover when the partners' clocks are further apart than a minute. */
    public static final long MAX_CLOCK_SKEW_SEC = 60;

    /** Why {@code r} cannot be created between {@code a} (the server it is sent to) and {@code b}; empty when it can. */
    public static List<FieldProblem> check(FailoverRequest r, ServerView a, ServerView b) {
        List<FieldProblem> p = new ArrayList<>();
        checkName(r.name(), a, b, p);
        checkServers(r, a, b, p);
        checkValues(r, p);
        checkScopes(SCOPE, r.scopeIds(), a, b, p);
        return p;
    }

    /**
     * The rules that need no server: the name's form, the mode and its values, MCLT, switchover, the scope ids' form
     * and count. What they find is bad input (the command line exits 64), found before any server is asked.
     */
    public static List<FieldProblem> checkInput(FailoverRequest r) {
        List<FieldProblem> p = new ArrayList<>();
        nameForm(r.name(), p);
        if (r.serverA() != null && r.serverA().strip().equalsIgnoreCase(r.partnerB() == null ? "" : r.partnerB().strip())) {
            p.add(new FieldProblem(PARTNER, "the partner must be another server than " + r.serverA()));
        }
        checkValues(r, p);
        scopeForms(SCOPE, r.scopeIds(), p);
        return p;
    }

    private static void checkValues(FailoverRequest r, List<FieldProblem> p) {
        FailoverMode mode = r.failoverMode();
        if (mode == null) {
            p.add(new FieldProblem(MODE, r.mode() == null || r.mode().isBlank() ? "choose load-balance or hot-standby"
                    : "must be load-balance or hot-standby, not " + TextRules.shown(r.mode())));
        }
        if (r.loadBalancePercent() != null) {
            if (mode == FailoverMode.HOT_STANDBY) {
                p.add(new FieldProblem(LOAD_BALANCE_PERCENT, "only with --mode load-balance"));
            } else {
                percent(LOAD_BALANCE_PERCENT, r.loadBalancePercent(), p);
            }
        }
        if (r.reservePercent() != null) {
            if (mode == FailoverMode.LOAD_BALANCE) {
                p.add(new FieldProblem(RESERVE_PERCENT, "only with --mode hot-standby"));
            } else {
                percent(RESERVE_PERCENT, r.reservePercent(), p);
            }
        }
        if (r.serverRole() != null && !r.serverRole().isBlank()) {
            if (mode == FailoverMode.LOAD_BALANCE) {
                p.add(new FieldProblem(SERVER_ROLE, "only with --mode hot-standby"));
            } else if (!Set.of("active", "standby").contains(r.serverRole().strip().toLowerCase(Locale.ROOT))) {
                p.add(new FieldProblem(SERVER_ROLE, "must be active or standby, not " + TextRules.shown(r.serverRole())));
            }
        }
        mclt(r.mcltSec(), p);
        switchover(r.switchoverIntervalSec(), p);
    }

    /**
     * Why the scopes cannot join the relationship (Add-DhcpServerv4FailoverScope sent to {@code a}): the relationship
     * exists on both servers and is Normal on both (DHCP 20120 otherwise), and each scope is on A, on no relationship
     * and not on B.
     */
    public static List<FieldProblem> checkAddScopes(String relationship, List<String> scopeIds, ServerView a,
                                                    ServerView b) {
        List<FieldProblem> p = new ArrayList<>();
        Optional<WinFailover> onA = relationshipOn(relationship, a, p);
        if (onA.isPresent()) {
            Optional<WinFailover> onB = b.failover(relationship);
            if (onB.isEmpty()) {
                p.add(new FieldProblem(RELATIONSHIP, "the partner " + b.name() + " has no relationship "
                        + TextRules.shown(relationship) + "; both servers must know it"));
            }
            notNormal(onA.get(), a, p);
            onB.ifPresent(f -> notNormal(f, b, p));
        }
        if (scopeIds == null || scopeIds.isEmpty()) {
            p.add(new FieldProblem(SCOPE_IDS, "give at least one scope"));
        } else {
            checkScopes(SCOPE_IDS, scopeIds, a, b, p);
        }
        return p;
    }

    /** Why the scopes cannot leave the relationship (Remove-DhcpServerv4FailoverScope sent to {@code a}). */
    public static List<FieldProblem> checkRemoveScopes(String relationship, List<String> scopeIds, ServerView a) {
        List<FieldProblem> p = new ArrayList<>();
        Optional<WinFailover> onA = relationshipOn(relationship, a, p);
        if (scopeIds == null || scopeIds.isEmpty()) {
            p.add(new FieldProblem(SCOPE_IDS, "give at least one scope"));
            return p;
        }
        Set<String> seen = new HashSet<>();
        for (String id : scopeIds) {
            String problem = AddressRules.ipv4Problem(id);
            if (problem != null) {
                p.add(new FieldProblem(SCOPE_IDS, problem));
            } else if (!seen.add(id.strip())) {
                p.add(new FieldProblem(SCOPE_IDS, id.strip() + " is given twice"));
            } else if (onA.isPresent() && !onA.get().hasScope(id)) {
                p.add(new FieldProblem(SCOPE_IDS, id.strip() + " is not in relationship " + onA.get().name()
                        + " on " + a.name()));
            }
        }
        return p;
    }

    /** Why the settings cannot be changed (Set-DhcpServerv4Failover sent to {@code a}). */
    public static List<FieldProblem> checkChange(FailoverChange c, ServerView a) {
        List<FieldProblem> p = new ArrayList<>();
        Optional<WinFailover> onA = relationshipOn(c.relationship(), a, p);
        if (c.changesNothing()) p.add(new FieldProblem(RELATIONSHIP, "nothing to change"));
        FailoverMode mode = onA.map(WinFailover::failoverMode).orElse(null);
        if (c.loadBalancePercent() != null) {
            if (mode == FailoverMode.HOT_STANDBY) {
                p.add(new FieldProblem(LOAD_BALANCE_PERCENT, "the relationship is in hot standby; only a"
                        + " load-balance relationship has a load-balance percentage"));
            } else {
                percent(LOAD_BALANCE_PERCENT, c.loadBalancePercent(), p);
            }
        }
        if (c.reservePercent() != null) {
            if (mode == FailoverMode.LOAD_BALANCE) {
                p.add(new FieldProblem(RESERVE_PERCENT, "the relationship is in load balance; only a hot-standby"
                        + " relationship has a reserve percentage"));
            } else {
                percent(RESERVE_PERCENT, c.reservePercent(), p);
            }
        }
        if (c.mcltSec() != null) mclt(c.mcltSec(), p);
        if (c.switchoverIntervalSec() != null) switchover(c.switchoverIntervalSec(), p);
        return p;
    }

    /** Why the partners' clocks, {@code skewSec} apart, stop Windows from setting up failover; null when they do not. */
    public static FieldProblem clockProblem(long skewSec) {
        long apart = Math.abs(skewSec);
        return apart <= MAX_CLOCK_SKEW_SEC ? null : new FieldProblem(PARTNER, "the servers' clocks are " + apart
                + " s apart; Windows sets up failover only within " + MAX_CLOCK_SKEW_SEC + " s");
    }

    // ---- the parts

    private static void checkName(String name, ServerView a, ServerView b, List<FieldProblem> p) {
        if (!nameForm(name, p)) return;
        for (ServerView s : List.of(a, b)) {
            s.failover(name).ifPresent(f -> p.add(new FieldProblem(NAME, "relationship " + f.name()
                    + " already exists on " + s.name())));
        }
    }

    /** False when there is no name at all. */
    private static boolean nameForm(String name, List<FieldProblem> p) {
        if (name == null || name.isBlank()) {
            p.add(new FieldProblem(NAME, "a relationship needs a name"));
            return false;
        }
        if (name.length() > MAX_NAME_LENGTH) {
            p.add(new FieldProblem(NAME, "has " + name.length() + " characters; Windows allows at most " + MAX_NAME_LENGTH));
        }
        if (TextRules.hasControlCharacter(name)) {
            p.add(new FieldProblem(NAME, "cannot contain control characters such as a line break (got "
                    + TextRules.shown(name) + ")"));
        }
        return true;
    }

    private static void checkServers(FailoverRequest r, ServerView a, ServerView b, List<FieldProblem> p) {
        if (r.serverA() == null || r.serverA().isBlank()) p.add(new FieldProblem(SERVER, "choose the server"));
        if (r.partnerB() == null || r.partnerB().isBlank()) {
            p.add(new FieldProblem(PARTNER, "choose the partner"));
        } else if (r.partnerB().strip().equalsIgnoreCase(r.serverA() == null ? "" : r.serverA().strip())
                || (a.name() != null && a.name().equalsIgnoreCase(b.name()))) {
            p.add(new FieldProblem(PARTNER, "the partner must be another server than " + r.serverA()));
        }
        if (a.failovers().size() >= MAX_RELATIONSHIPS) {
            p.add(new FieldProblem(SERVER, a.name() + " already has " + a.failovers().size()
                    + " relationships; Windows allows at most " + MAX_RELATIONSHIPS + " per server"));
        }
        if (b.failovers().size() >= MAX_RELATIONSHIPS) {
            p.add(new FieldProblem(PARTNER, b.name() + " already has " + b.failovers().size()
                    + " relationships; Windows allows at most " + MAX_RELATIONSHIPS + " per server"));
        }
    }

    /** Each scope: an address, given once, on A, of type Dhcp, in no relationship on either server, not on B. */
    /** Each scope id an address given once, at most 400 of them. */
    private static void scopeForms(String field, List<String> scopeIds, List<FieldProblem> p) {
        if (scopeIds.size() > MAX_SCOPES_PER_CALL) {
            p.add(new FieldProblem(field, scopeIds.size() + " scopes; Windows takes at most " + MAX_SCOPES_PER_CALL
                    + " at once"));
        }
        Set<String> seen = new HashSet<>();
        for (String raw : scopeIds) {
            String problem = AddressRules.ipv4Problem(raw);
            if (problem != null) p.add(new FieldProblem(field, problem));
            else if (!seen.add(raw.strip())) p.add(new FieldProblem(field, raw.strip() + " is given twice"));
        }
    }

    private static void checkScopes(String field, List<String> scopeIds, ServerView a, ServerView b,
                                    List<FieldProblem> p) {
        if (scopeIds.size() > MAX_SCOPES_PER_CALL) {
            p.add(new FieldProblem(field, scopeIds.size() + " scopes; Windows takes at most " + MAX_SCOPES_PER_CALL
                    + " at once"));
        }
        Set<String> seen = new HashSet<>();
        for (String raw : scopeIds) {
            String problem = AddressRules.ipv4Problem(raw);
            if (problem != null) {
                p.add(new FieldProblem(field, problem));
                continue;
            }
            String id = raw.strip();
            if (!seen.add(id)) {
                p.add(new FieldProblem(field, id + " is given twice"));
                continue;
            }
            if (!a.hasScope(id)) {
                p.add(new FieldProblem(field, "scope " + id + " does not exist on " + a.name()));
            } else {
                String type = a.scopeType(id);
                if (type != null && !type.isBlank() && !"Dhcp".equalsIgnoreCase(type)) {
                    p.add(new FieldProblem(field, "scope " + id + " is of type " + type
                            + "; Windows failover takes only scopes of type Dhcp"));
                }
            }
            Optional<WinFailover> taken = a.failoverOf(id);
            if (taken.isPresent()) {
                // its copy on the partner is that relationship's: saying so as well would only confuse
                p.add(new FieldProblem(field, "scope " + id + " is already in relationship " + taken.get().name()
                        + " on " + a.name()));
            } else if (b.hasScope(id)) {
                p.add(new FieldProblem(field, "scope " + id + " already exists on " + b.name()
                        + "; delete it there first (failover creates the partner's copy)"));
            } else {
                b.failoverOf(id).ifPresent(f -> p.add(new FieldProblem(field, "scope " + id
                        + " is already in relationship " + f.name() + " on " + b.name())));
            }
        }
    }

    private static Optional<WinFailover> relationshipOn(String relationship, ServerView a, List<FieldProblem> p) {
        if (relationship == null || relationship.isBlank()) {
            p.add(new FieldProblem(RELATIONSHIP, "choose the relationship"));
            return Optional.empty();
        }
        Optional<WinFailover> f = a.failover(relationship);
        if (f.isEmpty()) {
            p.add(new FieldProblem(RELATIONSHIP, a.name() + " has no relationship " + TextRules.shown(relationship)));
        }
        return f;
    }

    private static void notNormal(WinFailover f, ServerView s, List<FieldProblem> p) {
        if (!f.isNormal()) {
            p.add(new FieldProblem(RELATIONSHIP, f.name() + " is " + WindowsStates.wire(f.state()) + " on " + s.name()
                    + "; Windows adds scopes only while both servers are normal"));
        }
    }

    private static void percent(String field, int value, List<FieldProblem> p) {
        if (value < 0 || value > 100) p.add(new FieldProblem(field, "must be from 0 to 100, not " + value));
    }

    private static void mclt(long sec, List<FieldProblem> p) {
        if (sec <= 0) {
            p.add(new FieldProblem(MCLT, "must be above 0 seconds (Windows's default is " + FailoverRequest.DEFAULT_MCLT_SEC + ")"));
        } else if (sec > MAX_MCLT_SEC) {
            p.add(new FieldProblem(MCLT, sec + " s is more than Tandem allows (" + MAX_MCLT_SEC + " s, 7 days)"));
        }
    }

    private static void switchover(long sec, List<FieldProblem> p) {
        if (sec < 0) {
            p.add(new FieldProblem(SWITCHOVER_INTERVAL, "must be 0 (switch manually) or a number of seconds above 0"));
        } else if (sec > MAX_SWITCHOVER_SEC) {
            p.add(new FieldProblem(SWITCHOVER_INTERVAL, sec + " s is more than Windows can hold (" + MAX_SWITCHOVER_SEC + " s)"));
        }
    }
}
