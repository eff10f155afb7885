package tandem.windows.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The process behind {@code src/test/lab/windows-lab.sh}: a {@link WindowsLab} whose simulated time follows the wall
 * clock, controlled through a port on 127.0.0.1 that only a holder of the token in {@code DIR/control} (0600) may use.
 * A request is one line, {@code TOKEN VERB ARG...} with each argument in base64; the answer is what the verb printed,
 * then {@code #stderr} and its error output, then {@code #exit N}.
 */
public final class WindowsLabMain {
    private WindowsLabMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: WindowsLabMain DIR NAME[,NAME...]");
            System.exit(64);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        List<String> names = Arrays.stream(args[1].split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        byte[] raw = new byte[24];
        new SecureRandom().nextBytes(raw);
        String token = HexFormat.of().formatHex(raw);
        try (ServerSocket control = new ServerSocket(0, 16, InetAddress.getLoopbackAddress())) {
            Path controlFile = dir.resolve("control");
            Files.deleteIfExists(controlFile);
            Files.createFile(controlFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(controlFile, control.getLocalPort() + " " + token + "\n");
            WindowsLab lab = WindowsLab.start(dir, names, Instant.now());
            Runtime.getRuntime().addShutdownHook(new Thread(lab::close));
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "lab-clock");
                t.setDaemon(true);
                return t;
            });
            // simulated time follows the wall clock, so a switchover interval elapses as it would on Windows
            long[] last = {System.nanoTime()};
            ticker.scheduleAtFixedRate(() -> {
                long now = System.nanoTime();
                lab.advance(Duration.ofNanos(now - last[0]));
                last[0] = now;
            }, 1, 1, TimeUnit.SECONDS);
            while (true) {
                try (Socket s = control.accept()) {
                    s.setSoTimeout(10_000);
                    serve(lab, token, s);
                } catch (IOException e) {
                    System.err.println("windows-lab: " + e.getMessage());
                }
            }
        }
    }

    private static void serve(WindowsLab lab, String token, Socket s) throws IOException {
        String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        OutputStream out = s.getOutputStream();
        String[] parts = line == null ? new String[0] : line.strip().split(" ");
        if (parts.length < 2 || !MessageDigest.isEqual(parts[0].getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            out.write("#stderr\nnot allowed\n#exit 77\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String[] a = new String[parts.length - 2];
        for (int i = 2; i < parts.length; i++) a[i - 2] = new String(Base64.getDecoder().decode(parts[i]), StandardCharsets.UTF_8);
        String stdout = "", stderr = "";
        int code = 0;
        try {
            switch (parts[1]) {
                case "ps" -> {
                    SimRun r = lab.ps(a[0], a[1]);
                    stdout = r.stdout();
                    stderr = r.stderr();
                    code = r.exitCode();
                }
                case "cut" -> lab.cut(a[0], a[1]);
                case "heal" -> lab.heal(a[0], a[1]);
                case "stop-service" -> lab.stopService(a[0]);
                case "start-service" -> lab.startService(a[0]);
                default -> {
                    stderr = "unknown request " + parts[1];
                    code = 64;
                }
            }
        } catch (RuntimeException e) {
            stderr = String.valueOf(e.getMessage());
            code = 1;
        }
        StringBuilder reply = new StringBuilder(stdout);
        if (!stdout.isEmpty() && !stdout.endsWith("\n")) reply.append('\n');
        reply.append("#stderr\n").append(stderr);
        if (!stderr.isEmpty() && !stderr.endsWith("\n")) reply.append('\n');
        reply.append("#exit ").append(code).append('\n');
        out.write(reply.toString().getBytes(StandardCharsets.UTF_8));
    }
}
