package tandem.windows.ps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import tandem.core.change.Redaction;

/**
 * What a script answered: its exit code and the envelope it printed on stdout ({@code ok} with {@code data}, or the
 * error). Stderr is kept only to be logged: PowerShell writes it as CLIXML without a terminal, in the console's
 * language, and nothing is decided from it.
 */
public final class PsReply {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN = 300;

    private final int exitCode;
    private final JsonNode data;
    private final PsError error;
    private final String stderr;

    private PsReply(int exitCode, JsonNode data, PsError error, String stderr) {
        this.exitCode = exitCode;
        this.data = data;
        this.error = error;
        this.stderr = stderr;
    }

    /**
     * Reads a reply; {@code secrets} are masked in every text kept. A stdout without the envelope (PowerShell missing,
     * a script PowerShell could not start) is an {@link IOException} saying what came back instead.
     */
    public static PsReply parse(int exitCode, byte[] stdout, byte[] stderr, Set<String> secrets, String where)
            throws IOException {
        String err = mask(Clixml.readable(stderr), secrets);
        String out = new String(stdout, StandardCharsets.UTF_8);
        if (out.startsWith("\uFEFF")) out = out.substring(1);
        JsonNode envelope = envelope(out);
        if (envelope == null) {
            String said = firstLine(err).isEmpty() ? firstLine(mask(out, secrets)) : firstLine(err);
            throw new IOException("PowerShell on " + where + " gave no reply (exit code " + exitCode + "): "
                    + (said.isEmpty() ? "no output" : said));
        }
        if (envelope.get("ok").booleanValue()) {
            return new PsReply(exitCode, envelope.path("data"), null, err);
        }
        PsError e = new PsError(mask(text(envelope, "message"), secrets), text(envelope, "fqid"),
                text(envelope, "category"), text(envelope, "type"), text(envelope, "step"));
        return new PsReply(exitCode, MissingNode.getInstance(), e, err);
    }

    /** The last line that is a JSON object with a boolean {@code ok}: anything a command printed before is ignored. */
    private static JsonNode envelope(String stdout) {
        List<String> lines = stdout.lines().map(String::strip).filter(l -> l.startsWith("{")).toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            try {
                JsonNode n = JSON.readTree(lines.get(i));
                if (n != null && n.isObject() && n.path("ok").isBoolean()) return n;
            } catch (IOException notJson) {
                // a line that merely starts like JSON
            }
        }
        return null;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? "" : v.asText();
    }

    private static String firstLine(String text) {
        String line = text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        return line.length() > SHOWN ? line.substring(0, SHOWN) + "…" : line;
    }

    static String mask(String text, Set<String> secrets) {
        String out = text;
        for (String s : secrets) if (!s.isEmpty()) out = out.replace(s, Redaction.MASK);
        return out;
    }

    public int exitCode() { return exitCode; }

    public boolean ok() { return error == null; }

    /** The script's {@code $data} (a missing node when it failed; JSON null when it set none). */
    public JsonNode data() { return data; }

    /** The error when the script failed, else null. */
    public PsError error() { return error; }

    /** The data, or the error as a {@link PsFailure}. */
    public JsonNode dataOrThrow() throws PsFailure {
        if (error != null) throw new PsFailure(error);
        return data;
    }

    /** Stderr as readable text (CLIXML decoded, secrets masked), for the log only. */
    public String stderr() { return stderr; }

    @Override public String toString() {
        return "PsReply[exit=" + exitCode + (ok() ? ", ok" : ", " + error.describe()) + "]";
    }
}
