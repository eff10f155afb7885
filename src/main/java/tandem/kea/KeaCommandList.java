package tandem.kea;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** The arguments of {@code list-commands}: the commands a daemon (with its loaded hooks) accepts. */
public record KeaCommandList(List<String> commands) {

    public KeaCommandList {
        commands = List.copyOf(commands);
    }

    public static KeaCommandList from(JsonNode arguments) {
        return new KeaCommandList(KeaJson.strings(arguments));
    }

    public boolean supports(String command) {
        return commands.contains(command);
    }

    /** Whether the HA hook library is loaded (it adds the ha-* commands). */
    public boolean hasHaHook() {
        return supports("ha-heartbeat");
    }
}
