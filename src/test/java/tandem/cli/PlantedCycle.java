package tandem.cli;

/** A planted violation for {@link tandem.app.LayeringTest}: the command line must not call the launcher that runs it. */
final class PlantedCycle {
    Object backends() { return tandem.app.Launcher.backendCommands(); }
}
