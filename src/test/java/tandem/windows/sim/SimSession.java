package tandem.windows.sim;

/**
 * Who runs a script where: the simulated server the SSH login reached, and whether the login used a password. Over a
 * key-authenticated session a Windows server cannot act on its failover partner (no delegated credentials: the
 * double hop), so partner operations are denied.
 */
public record SimSession(String server, String user, boolean passwordLogin) {}
