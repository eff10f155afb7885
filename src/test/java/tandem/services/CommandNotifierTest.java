package tandem.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.RelationshipStatus;
import tandem.core.StatusEvent;

/** The notify command, run for real through /bin/sh. */
class CommandNotifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    @Test
    void eachChangeReachesTheCommandAsJsonInOrder() throws Exception {
        Path log = tmp.resolve("changes.jsonl");
        List<String> problems = new CopyOnWriteArrayList<>();
        try (CommandNotifier n = new CommandNotifier("cat >> '" + log + "'; echo \"$TANDEM_RELATIONSHIP $TANDEM_TO\" >> '"
                + log + ".env'", Duration.ofSeconds(10), problems::add)) {
            n.accept(new StatusEvent(Instant.parse("2026-12-02T08:00:00Z"), "branch7", null, RelationshipStatus.OK, "first"));
            n.accept(new StatusEvent(Instant.parse("2026-12-02T08:00:10Z"), "branch7", RelationshipStatus.OK,
                    RelationshipStatus.IMPAIRED, "Primary a is offline; password=****"));
        }
        List<String> lines = Files.readAllLines(log);
        assertEquals(2, lines.size(), lines.toString());
        JsonNode second = JSON.readTree(lines.get(1));
        assertEquals("branch7", second.path("relationship").asText());
        assertEquals("OK", second.path("from").asText());
        assertEquals("IMPAIRED", second.path("to").asText());
        assertEquals("Impaired", second.path("toLabel").asText());
        assertEquals("2026-12-02T08:00:10Z", second.path("time").asText());
        assertTrue(JSON.readTree(lines.get(0)).path("from").isNull(), "first sight has no previous status");
        assertEquals(List.of("branch7 OK", "branch7 IMPAIRED"), Files.readAllLines(Path.of(log + ".env")));
        assertEquals(List.of(), problems);
    }

    @Test
    void aHungCommandIsStoppedAndTheNextChangeStillArrives() throws Exception {
        Path log = tmp.resolve("after.txt");
        Path pidFile = tmp.resolve("hung.pid");
        List<String> problems = new CopyOnWriteArrayList<>();
        try (CommandNotifier n = new CommandNotifier("if [ \"$TANDEM_RELATIONSHIP\" = hung ]; then echo $$ > '" + pidFile
                + "'; exec sleep 60; else echo \"$TANDEM_RELATIONSHIP\" >> '" + log + "'; exit 3; fi",
                Duration.ofSeconds(1), problems::add)) {
            n.accept(new StatusEvent(Instant.now(), "hung", null, RelationshipStatus.UNREACHABLE, "x"));
            n.accept(new StatusEvent(Instant.now(), "next", null, RelationshipStatus.OK, "y"));
        }
        assertEquals(List.of("next"), Files.readAllLines(log));
        assertTrue(problems.get(0).contains("hung ran longer than 1 s and was stopped"), problems.toString());
        assertTrue(problems.get(1).contains("next exited 3"), problems.toString());
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        assertTrue(ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true), "the hung command is gone");
    }
}
