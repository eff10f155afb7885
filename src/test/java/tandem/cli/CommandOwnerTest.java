package tandem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.services.Services;

/** A command names itself to the consoles on its data folder by what was run. */
class CommandOwnerTest {
    @TempDir Path data;

    private String ownerAfter(String... args) {
        List<Services> opened = new ArrayList<>();
        List<String> all = new ArrayList<>(List.of("--data", data.toString()));
        all.addAll(List.of(args));
        StringWriter err = new StringWriter();
        int code = TandemCommand.run(all.toArray(String[]::new), d -> fail("no console for a command"), dir -> {
            Services s = Services.open(dir);
            opened.add(s);
            return s;
        }, tandem.app.Launcher.backendCommands(), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        assertEquals(1, opened.size(), "the services are opened once");
        return opened.get(0).activity().owner();
    }

    @Test
    void theOwnerIsTheCommandThatRan() {
        assertEquals("tandem server list", ownerAfter("server", "list"));
        assertEquals("tandem journal", ownerAfter("journal"));
    }
}
