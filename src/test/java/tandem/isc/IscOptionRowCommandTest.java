package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import tandem.core.config.ConfigRow;
import tandem.core.config.ConfigTables;
import tandem.ui.UiCommand;

/**
 * The configuration table's option and host rows of a real dhcpd.conf behind a real sshd: a global option edited, a
 * subnet's option removed and a host removed, each previewed, applied (dhcpd -t on the server, journaled) and
 * found in the file; the host's removal is undone.
 */
class IscOptionRowCommandTest extends IscRowCommandLab {
    private static final String EXTRA = """

            option domain-name "old.example";
            subnet 10.50.0.0 netmask 255.255.255.0 {
              option routers 10.50.0.1;
              option domain-name-servers 10.50.0.53;
            }
            host scanner {
              hardware ethernet 02:00:00:00:0a:07;
              fixed-address 10.40.0.7;
            }
            """;

    @Start
    void start(Stage stage) { show(stage); }

    @Test
    void optionsAreEditedAndRemovedAndAHostRemovedFromTheTables(FxRobot robot) throws Exception {
        try (Console console = console(Files.readString(Corpus.file("two-peers.conf")) + EXTRA)) {
            Path conf = console.conf();
            ConfigTables tables = console.tables();
            ConfigRow.Option domain = option(tables, "global", "domain-name");
            assertEquals(List.of("iscEditOption", "iscRemoveOption"),
                    console.commands(domain).stream().map(UiCommand::id).toList());

            // a global option's value, edited
            robot.interact(() -> console.command(domain, "iscEditOption").run().run());
            waitFor(robot, "rowField-value");
            assertEquals("\"old.example\"", robot.lookup("#rowField-value").queryAs(TextField.class).getText());
            robot.interact(() -> robot.lookup("#rowField-value").queryAs(TextField.class).setText("\"new.example\""));
            robot.clickOn("#rowEditOk");
            waitFor(robot, "diffText");
            String diff = robot.lookup("#diffText").queryAs(TextArea.class).getText();
            assertTrue(diff.contains("-option domain-name \"old.example\";\n+option domain-name \"new.example\";"), diff);
            apply(robot);
            assertTrue(Files.readString(conf).contains("\noption domain-name \"new.example\";\n"), Files.readString(conf));
            assertTrue(DhcpdSyntaxCheck.run(DhcpdSyntaxCheck.findDhcpd(), conf).ok());
            closeDialogs(robot);

            // a subnet's option, removed: its other option stays
            ConfigRow.Option dns = option(console.tables(), "10.50.0.0/24", "domain-name-servers");
            robot.interact(() -> console.command(dns, "iscRemoveOption").run().run());
            waitFor(robot, "diffText");
            String removal = robot.lookup("#diffText").queryAs(TextArea.class).getText();
            assertTrue(removal.contains("-  option domain-name-servers 10.50.0.53;"), removal);
            apply(robot);
            String afterOption = Files.readString(conf);
            assertFalse(afterOption.contains("10.50.0.53"), afterOption);
            assertTrue(afterOption.contains("  option routers 10.50.0.1;\n}"), afterOption);
            assertTrue(DhcpdSyntaxCheck.run(DhcpdSyntaxCheck.findDhcpd(), conf).ok());
            closeDialogs(robot);

            // a host, removed and brought back by its undo
            ConfigRow.Reservation host = console.tables().reservations().stream()
                    .filter(h -> "scanner".equals(h.name())).findFirst().orElseThrow();
            robot.interact(() -> console.command(host, "iscRemoveHost").run().run());
            waitFor(robot, "diffText");
            String hostDiff = robot.lookup("#diffText").queryAs(TextArea.class).getText();
            assertTrue(hostDiff.contains("-host scanner {\n-  hardware ethernet 02:00:00:00:0a:07;"), hostDiff);
            apply(robot);
            assertFalse(Files.readString(conf).contains("host scanner"), Files.readString(conf));
            assertTrue(console.tables().reservations().stream().noneMatch(h -> "scanner".equals(h.name())));
            closeDialogs(robot);

            undoNewest(robot, console, afterOption);
            assertTrue(DhcpdSyntaxCheck.run(DhcpdSyntaxCheck.findDhcpd(), conf).ok());
        }
    }

    private static ConfigRow.Option option(ConfigTables tables, String level, String name) {
        return tables.options().stream().filter(o -> o.level().equals(level) && o.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no option " + name + " at " + level + " in " + tables.options()));
    }
}
