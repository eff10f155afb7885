package tandem.windows.sim;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's {@code powershell.exe -NoProfile -NonInteractive}: parses a script in the subset Tandem sends, runs
 * it against the modelled cmdlets, and answers as Windows PowerShell 5.1 does without a console: formatted output on
 * stdout (OEM code page until {@code [Console]::OutputEncoding} is set to UTF-8), error records as CLIXML on stderr,
 * exit code 0 when the last statement succeeded, else 1, or the code of {@code exit N}.
 */
public final class SimPowerShell {
    private static final Charset OEM = Charset.isSupported("IBM437") ? Charset.forName("IBM437") : StandardCharsets.US_ASCII;
    private final SimBinder binder;
    private final Clock clock;

    public SimPowerShell() { this(Clock.systemUTC()); }

    /** {@code clock}: the server's clock ({@code [DateTimeOffset]::UtcNow}). */
    public SimPowerShell(Clock clock) { this(SimBinder.standard(), clock); }

    public SimPowerShell(SimBinder binder, Clock clock) {
        this.binder = binder;
        this.clock = clock;
    }

    public SimRun run(SimSession session, String script, byte[] stdin, SimCmdlets cmdlets) {
        List<SimAst.Stmt> program;
        try {
            program = SimParser.parse(script);
        } catch (SimError e) {
            return new SimRun("", SimOutput.clixml(List.of(e)), 1);
        }
        SimEvaluator ev = new SimEvaluator(session, cmdlets, binder, clock, stdin);
        List<Object> output = new ArrayList<>();
        int exit;
        try {
            ev.block(program, new SimEvaluator.Scope(null), output);
            exit = ev.lastOk ? 0 : 1;
        } catch (SimEvaluator.ExitSignal x) {
            exit = x.code;
        } catch (SimError e) {
            ev.reported.add(e);
            exit = 1;
        }
        String stdout = SimOutput.format(output);
        if (!ev.utf8Output()) stdout = new String(stdout.getBytes(OEM), StandardCharsets.UTF_8); // as a UTF-8 reader sees OEM bytes
        return new SimRun(stdout, ev.reported.isEmpty() ? "" : SimOutput.clixml(ev.reported), exit);
    }
}
