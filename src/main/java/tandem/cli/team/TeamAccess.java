package tandem.cli.team;

import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import tandem.cli.TandemCommand;
import tandem.core.access.TeamAdministration;
import tandem.services.Services;

/**
 * What every team command checks first: a team store, and a caller who is one of its DHCP administrators (the
 * checks themselves are {@link TeamAdministration}'s, shared with the console).
 */
final class TeamAccess {
    private TeamAccess() { }

    static Services teamServices(CommandSpec spec) {
        Services services = TandemCommand.of(spec).services();
        if (!services.isTeamStore()) {
            throw new ParameterException(spec.commandLine(), spec.qualifiedName()
                    + " works on a team store: give --store postgresql://USER@HOST[:PORT]/DB");
        }
        return services;
    }

    /**
     * Runs a step of the shared administration: a refusal of its input becomes a usage error naming the argument
     * (exit 64); a caller who is not a DHCP administrator is refused like a change they may not make (exit 77).
     */
    static <T> T checked(CommandSpec spec, Supplier<T> step) {
        try {
            return step.get();
        } catch (TeamAdministration.Refused e) {
            throw new ParameterException(spec.commandLine(), argument(e.field()) + ": " + e.getMessage());
        }
    }

    private static String argument(TeamAdministration.Field field) {
        return switch (field) {
            case LOGIN -> "NAME";
            case ROLE -> "ROLE";
            case BIT -> "BIT";
            case SERVER -> "--server";
            case SCOPE -> "--scope";
        };
    }
}
