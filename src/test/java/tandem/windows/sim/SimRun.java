package tandem.windows.sim;

/** What a script run prints and how powershell.exe exits. */
public record SimRun(String stdout, String stderr, int exitCode) {}
