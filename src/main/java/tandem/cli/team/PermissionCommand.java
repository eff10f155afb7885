package tandem.cli.team;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tandem.core.access.Grant;
import tandem.core.access.TeamAdministration;

/** {@code tandem permission grant|revoke NAME BIT [--server S] [--scope CIDR]}. */
@Command(name = "permission", mixinStandardHelpOptions = true,
        subcommands = {PermissionCommand.GrantBit.class, PermissionCommand.RevokeBit.class},
        description = "Permission bits given one by one: dhcp-administrator, administer-dhcp-servers, add-scope"
                + " (per server), scope-options, edit-reservations, edit-pools, edit-exclusions (per scope), read.")
public final class PermissionCommand {
    abstract static class Change implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME", description = "A member's login") String login;
        @Parameters(index = "1", paramLabel = "BIT", description = "The bit") String bitName;
        @Option(names = "--server", paramLabel = "S", description = "Only on this server (default: every server)")
        String server;
        @Option(names = "--scope", paramLabel = "CIDR", description = "Only on this scope (subnet) of --server")
        String scope;

        abstract boolean held();

        @Override public Integer call() {
            Grant grant = TeamAccess.checked(spec, () -> {
                TeamAdministration.checkLogin(login);
                return TeamAdministration.grant(TeamAdministration.bit(bitName), server, scope);
            });
            TeamAdministration team = TeamAccess.teamServices(spec).teamAdministration();
            boolean changed = TeamAccess.checked(spec, () -> team.setGrant(login, grant, held()));
            spec.commandLine().getOut().println(login + (changed ? (held() ? " now has " : " no longer has ")
                    : (held() ? " already has " : " was not given ")) + grant.describe() + ".");
            return 0;
        }
    }

    @Command(name = "grant", mixinStandardHelpOptions = true, description = "Gives a member a permission bit.")
    static final class GrantBit extends Change {
        @Override boolean held() { return true; }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Takes back a bit given with the same --server and --scope.")
    static final class RevokeBit extends Change {
        @Override boolean held() { return false; }
    }
}
