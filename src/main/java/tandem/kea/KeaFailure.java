package tandem.kea;

/** Why a Control Agent call did not succeed, in the categories the status rules and the console tell apart. */
public enum KeaFailure {
    /** Nothing answered: connection refused, timeout, unknown host, proxy unreachable. */
    UNREACHABLE,
    /** The TLS handshake failed (untrusted or mismatched certificate, plain HTTP on an https URL...). */
    TLS,
    /** The Control Agent answers but cannot reach the DHCPv4 server behind it. */
    DAEMON_OFFLINE,
    /** Kea result 1: the command failed; the message is Kea's text. */
    COMMAND_ERROR,
    /** Kea result 2: the command is not supported (e.g. its hook library is not loaded). */
    UNSUPPORTED,
    /** Kea result 3: nothing found; the daemon is up. */
    EMPTY,
    /** Kea result 4: the change conflicts with existing data. */
    CONFLICT,
    /** HTTP 401/403 or result 401/403: the credentials were refused. */
    AUTH_FAILED,
    /** HTTP 400 or result 400: the agent could not understand the request. */
    BAD_REQUEST,
    /** The answer is not JSON, has an unexpected shape, or an unexpected HTTP status. */
    PROTOCOL;

    /** True when something at the URL answered (everything except UNREACHABLE and TLS). */
    public boolean endpointAnswered() {
        return this != UNREACHABLE && this != TLS;
    }
}
