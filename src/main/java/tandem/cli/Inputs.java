package tandem.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import tandem.core.AddressRules;
import tandem.core.TextRules;

/**
 * The checks a command makes on its arguments before it opens the data folder or contacts any server. Each failure
 * is a usage error (exit 64) whose message starts with the option at fault, e.g. "--ip: ...".
 */
public final class Inputs {
    private final CommandSpec spec;

    private Inputs(CommandSpec spec) { this.spec = spec; }

    public static Inputs of(CommandSpec spec) { return new Inputs(spec); }

    /** Fails with "{@code option}: {@code problem}" when the problem is not null. */
    public Inputs check(String option, String problem) {
        if (problem != null) throw new ParameterException(spec.commandLine(), option + ": " + problem);
        return this;
    }

    /** An IPv4 network without host bits, e.g. 10.0.0.0/24 (null: the option was not given). */
    public Inputs network(String option, String cidr) {
        return cidr == null ? this : check(option, AddressRules.networkProblem(cidr));
    }

    public Inputs address(String option, String ip) {
        return ip == null ? this : check(option, AddressRules.ipv4Problem(ip));
    }

    public Inputs mac(String option, String mac) {
        return mac == null ? this : check(option, AddressRules.macProblem(mac));
    }

    public Inputs hostname(String option, String name) {
        return name == null ? this : check(option, AddressRules.hostnameProblem(name));
    }

    /** A name the inventory or a server knows something by: not empty, no control characters. */
    public Inputs name(String option, String name) {
        if (name == null) return this;
        if (name.isBlank()) return check(option, "cannot be empty");
        return check(option, TextRules.hasControlCharacter(name)
                ? "cannot contain control characters such as a line break (got " + TextRules.shown(name) + ")" : null);
    }

    /** The name of a server in the inventory, as {@code --name} gives it. */
    public Inputs serverName(String option, String name) {
        return name == null ? this : check(option, TextRules.nameProblem(name, "a server name"));
    }

    /** Where a server stands, as {@link tandem.core.ServerRecord#normalSite} takes it (blank: none). */
    public Inputs site(String option, String site) {
        if (site == null) return this;
        try {
            tandem.core.ServerRecord.normalSite(site);
            return this;
        } catch (IllegalArgumentException e) {
            return check(option, e.getMessage());
        }
    }

    /** A whole number from {@code min}; {@code unit} says what it counts, e.g. "seconds". */
    public Inputs atLeast(String option, Integer value, int min, String unit) {
        if (value == null || value >= min) return this;
        return check(option, "must be at least " + min + (unit.isEmpty() ? "" : " " + unit) + " (got " + value + ")");
    }

    public Inputs port(String option, Integer port) {
        if (port == null || (port >= 1 && port <= 65535)) return this;
        return check(option, AddressRules.PORT_RANGE + " (got " + port + ")");
    }

    /** The first line of a file named by an option (a password file), or a usage error naming the option. */
    public static String firstLine(CommandSpec spec, String option, java.nio.file.Path file) {
        return read(spec, option, file).lines().findFirst().orElse("");
    }

    /** Largest file an option may name (a password, a key passphrase, a CA certificate). */
    static final int MAX_FILE_BYTES = 1 << 20;

    /** A file named by an option, or a usage error naming the option when it cannot be read. */
    public static String read(CommandSpec spec, String option, java.nio.file.Path file) {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new ParameterException(spec.commandLine(), option + ": " + file + " is larger than 1 MiB");
            }
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + file + " is not UTF-8 text");
        } catch (java.io.IOException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage();
            throw new ParameterException(spec.commandLine(), option + ": cannot read " + file + " (" + why + ")");
        }
    }
}
