package tandem.core.backend;

/**
 * One action a backend offers on a relationship: an HA command, partner-down, a failover switch. The console and the
 * command line show it and ask for what it takes, without knowing the backend.
 *
 * @param id             the command line's name for it, e.g. "maintenance-start"
 * @param label          a menu or button label without the ellipsis, e.g. "Start maintenance"
 * @param command        what is sent, as the backend names it, e.g. "ha-maintenance-start"
 * @param targetLabel    what the server it goes to is called in a form, e.g. "Server that stays in service"
 * @param targetRequired whether the server must be named (no sensible default)
 * @param takesScopes    whether it takes a list of scopes
 * @param takesMaxPeriod whether it takes a longest pause in seconds
 * @param endsGroup      whether a menu separates it from the next one
 */
public record ActionKind(String id, String label, String command, String targetLabel, boolean targetRequired,
                         boolean takesScopes, boolean takesMaxPeriod, boolean endsGroup) {}
