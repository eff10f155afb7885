package tandem.cli.isc;

import tandem.cli.Inputs;
import tandem.cli.TandemCommand;
import tandem.core.AddressRules;
import tandem.core.TextRules;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tandem.core.change.ChangeBlocked;
import tandem.core.change.Redaction;
import tandem.isc.AddressPool;
import tandem.isc.ConfProblem;
import tandem.isc.ConfSyntaxException;
import tandem.isc.DhcpdConfig;
import tandem.isc.DhcpdSyntaxCheck;
import tandem.isc.FailoverEdits;
import tandem.isc.FailoverPeer;
import tandem.isc.FailoverPeer.Field;
import tandem.isc.FailoverPeerForm;
import tandem.isc.IscConfigTarget;
import tandem.isc.IscLocation;
import tandem.isc.IscServerSettings;
import tandem.isc.LocalShell;
import tandem.isc.PeerDeclaration;

/** {@code tandem isc ...}: check and edit ISC dhcpd configurations, in a local file or on a server over SSH. */
@Command(name = "isc", mixinStandardHelpOptions = true,
        description = "Check ISC dhcpd configurations and manage their failover peers and pools.",
        subcommands = {IscCommand.Check.class, IscCommand.Peer.class, IscCommand.Pool.class, IscCommand.PartnerDown.class,
                IscCommand.Migrate.class})
final class IscCommand {
    @ParentCommand TandemCommand root;

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = {"Finish a failover setup: write a subnet to the failover partner, with the mirrored peer"
                    + " declaration (other role, addresses and ports swapped, no mclt or split on a secondary) and the"
                    + " same pools referring to it.", "Shows the partner's diff; writes it (validated, backed up, restarted) with --apply."})
    static final class Migrate implements Callable<Integer> {
        @ParentCommand IscCommand isc;
        @Spec CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SUBNET", description = "The subnet, e.g. 10.0.0.0/24") String subnet;

        static final class From {
            @Option(names = "--from", paramLabel = "SERVER", description = "The ISC server (inventory name) that has the subnet") String server;
            @Option(names = "--from-file", paramLabel = "FILE", description = "A local dhcpd.conf that has the subnet") Path file;
        }

        static final class To {
            @Option(names = "--to", paramLabel = "SERVER", description = "The partner (inventory name)") String server;
            @Option(names = "--to-file", paramLabel = "FILE", description = "The partner's dhcpd.conf as a local file") Path file;
        }

        @ArgGroup(exclusive = true, multiplicity = "1") From from;
        @ArgGroup(exclusive = true, multiplicity = "1") To to;
        @Mixin IscEdit.Apply apply;

        @Override
        public Integer call() throws Exception {
            Inputs.of(spec).check("SUBNET", subnet.contains("/") ? AddressRules.networkProblem(subnet) : AddressRules.ipv4Problem(subnet))
                    .name("--from", from.server).name("--to", to.server);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                IscConfigTarget source = target(from.server, from.file);
                IscConfigTarget partner = target(to.server, to.file);
                DhcpdConfig sourceConfig = source.load();
                DhcpdConfig partnerConfig = partner.load();
                FailoverEdits.Edit e;
                try {
                    e = FailoverEdits.migrateToPartner(sourceConfig, subnet, partnerConfig);
                } catch (IllegalArgumentException ex) {
                    err.println("Refused: " + ex.getMessage() + " in " + source.name());
                    return TandemCommand.EXIT_REFUSED;
                }
                e.change().warnings().forEach(w -> out.println("Note: " + w));
                if (e.change().isEmpty()) {
                    out.println("The partner already has this subnet as " + source.name() + " does.");
                    return 0;
                }
                out.print(Redaction.redact(e.change().unifiedDiff()));
                if (!e.applicable()) {
                    err.println("Refused: the partner's configuration would break:");
                    e.problems().forEach(p -> err.println("  " + p));
                    return TandemCommand.EXIT_REFUSED;
                }
                if (!apply.apply) {
                    out.println("Preview only: run again with --apply to write it to " + partner.name() + ".");
                    return 0;
                }
                return IscEdit.write(spec, partner, partnerConfig, e.change());
            } catch (ConfSyntaxException ex) {
                err.println("Cannot read the configuration: " + ex.getMessage());
                return TandemCommand.EXIT_REFUSED;
            }
        }

        /** A local file, or an inventory server; either way its writes run as changes of the data folder. */
        private IscConfigTarget target(String server, Path file) {
            var services = isc.root.services();
            if (file != null) {
                return services.iscChanges().through(new LocalShell(Duration.ofSeconds(60)), IscLocation.local(
                        file.toAbsolutePath().toString(), IscServerSettings.DEFAULT_VALIDATE_COMMAND, "true"));
            }
            return services.iscConfig(server).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "no ISC server named " + server + " in the inventory"));
        }
    }

    @Command(name = "partner-down", mixinStandardHelpOptions = true,
            description = {"Tell an ISC server in the inventory that its failover partner is down: it then serves the"
                    + " whole pool.", "Only when the partner is really down: if both serve, they may give one address to two clients."})
    static final class PartnerDown implements Callable<Integer> {
        @ParentCommand IscCommand isc;
        @Spec CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SERVER", description = "The ISC server, as `tandem server list` names it") String server;

        @Parameters(index = "1", paramLabel = "PEER", description = "The failover peer (relationship) name, e.g. fo-pair") String peer;

        @Option(names = "--yes", description = "Confirm: the partner is down") boolean yes;

        @Override
        public Integer call() throws Exception {
            // the peer's name goes into omshell's input: a line break there would add a command
            Inputs.of(spec).name("SERVER", server).check("PEER", TextRules.quotedNameProblem(peer, "a failover peer name"));
            PrintWriter err = spec.commandLine().getErr();
            var record = isc.root.services().inventory().server(server).orElse(null);
            if (record == null || record.backend() != tandem.core.Backend.ISC) {
                err.println("No ISC server named " + server);
                return TandemCommand.EXIT_REFUSED;
            }
            if (!yes) {
                err.println("Warning: in partner-down, " + server + " serves every address of \"" + peer + "\"'s pools. If its"
                        + " partner is still serving, both may hand out the same address. Run again with --yes once the partner is"
                        + " really down.");
                return TandemCommand.EXIT_REFUSED;
            }
            // the same path as the console's: a journaled change, named on the server's relationships while it runs
            tandem.isc.FailoverStatus st;
            try {
                st = isc.root.services().iscConfig(server).orElseThrow().setPartnerDown(peer);
            } catch (ChangeBlocked blocked) {
                err.println("Refused: " + blocked.getMessage());
                return TandemCommand.EXIT_REFUSED;
            }
            spec.commandLine().getOut().println(server + " \"" + peer + "\": " + st.local().wire() + " (partner " + st.partner().wire() + ")");
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Check a dhcpd.conf: its syntax, Tandem's failover rules, and dhcpd -t where dhcpd is installed.",
                    "Prints each problem with its file and line; exit code 1 when there is any error."})
    static final class Check implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The dhcpd.conf to check (included files are read too)")
        Path file;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            DhcpdConfig config;
            try {
                config = DhcpdConfig.read(file);
            } catch (ConfSyntaxException e) {
                out.println(e.getMessage());
                return TandemCommand.EXIT_REFUSED;
            } catch (java.nio.file.NoSuchFileException e) {
                out.println("No such file: " + e.getMessage());
                return TandemCommand.EXIT_REFUSED;
            }
            List<ConfProblem> problems = config.check();
            problems.forEach(out::println);
            boolean errors = problems.stream().anyMatch(p -> p.severity() == ConfProblem.Severity.ERROR);
            Path dhcpd = DhcpdSyntaxCheck.findDhcpd();
            if (dhcpd == null) {
                out.println("note: dhcpd is not installed here; dhcpd -t was not run");
            } else {
                DhcpdSyntaxCheck.Result r = DhcpdSyntaxCheck.run(dhcpd, file);
                r.problems().forEach(p -> out.println((p.file() == null ? "dhcpd -t: " : "") + p));
                errors |= !r.ok();
            }
            if (!errors) out.println(file + ": OK (" + config.files().size() + " file(s), " + config.peers().size()
                    + " failover peer(s), " + config.pools().size() + " pool(s))");
            return errors ? TandemCommand.EXIT_REFUSED : 0;
        }
    }

    /** The peer fields as options (text, so that a bad value is reported at its option). */
    static final class PeerFields {
        @Option(names = "--role", paramLabel = "ROLE", description = "primary or secondary (a new peer: primary)") String role;
        @Option(names = "--address", paramLabel = "ADDR", description = "Where this server listens for its peer (IPv4 or DNS name)") String address;
        @Option(names = "--port", paramLabel = "PORT", description = "Port this server listens on (default 647)") String port;
        @Option(names = "--peer-address", paramLabel = "ADDR", description = "The peer's address") String peerAddress;
        @Option(names = "--peer-port", paramLabel = "PORT", description = "The peer's port (default 647)") String peerPort;
        @Option(names = "--max-response-delay", paramLabel = "SECONDS", description = "Seconds without a message before the connection counts as failed (suggested 60)") String maxResponseDelay;
        @Option(names = "--max-unacked-updates", paramLabel = "N", description = "Updates sent before an acknowledgement is needed (suggested 10)") String maxUnackedUpdates;
        @Option(names = "--mclt", paramLabel = "SECONDS", description = "Max client lead time (primary only; suggested 3600)") String mclt;
        @Option(names = "--split", paramLabel = "0-256", description = "Load balancing split (primary only; suggested 128)") String split;
        @Option(names = "--load-balance-max-seconds", paramLabel = "SECONDS", description = "Load balancing cut-off (suggested 3 or 5)") String loadBalanceMaxSeconds;

        void putInto(Map<Field, String> m) {
            put(m, Field.ROLE, role);
            put(m, Field.ADDRESS, address);
            put(m, Field.PORT, port);
            put(m, Field.PEER_ADDRESS, peerAddress);
            put(m, Field.PEER_PORT, peerPort);
            put(m, Field.MAX_RESPONSE_DELAY, maxResponseDelay);
            put(m, Field.MAX_UNACKED_UPDATES, maxUnackedUpdates);
            put(m, Field.MCLT, mclt);
            put(m, Field.SPLIT, split);
            put(m, Field.LOAD_BALANCE_MAX_SECONDS, loadBalanceMaxSeconds);
        }

        private static void put(Map<Field, String> m, Field f, String v) { if (v != null) m.put(f, v); }
    }

    static final Map<Field, String> OPTION = new EnumMap<>(Map.ofEntries(
            Map.entry(Field.NAME, "--name"), Map.entry(Field.ROLE, "--role"), Map.entry(Field.ADDRESS, "--address"),
            Map.entry(Field.PORT, "--port"), Map.entry(Field.PEER_ADDRESS, "--peer-address"),
            Map.entry(Field.PEER_PORT, "--peer-port"), Map.entry(Field.MAX_RESPONSE_DELAY, "--max-response-delay"),
            Map.entry(Field.MAX_UNACKED_UPDATES, "--max-unacked-updates"), Map.entry(Field.MCLT, "--mclt"),
            Map.entry(Field.SPLIT, "--split"), Map.entry(Field.LOAD_BALANCE_MAX_SECONDS, "--load-balance-max-seconds")));

    /** Reads the fields or fails with the first bad one named by its option. */
    static FailoverPeer peerFrom(CommandSpec spec, Map<Field, String> fields) { return peerFrom(spec, fields, false); }

    static FailoverPeer peerFrom(CommandSpec spec, Map<Field, String> fields, boolean hasHba) {
        FailoverPeerForm.Result r = FailoverPeerForm.read(fields, hasHba);
        List<FailoverPeer.FieldProblem> errors = r.problems().stream().filter(FailoverPeer.FieldProblem::isError).toList();
        if (!errors.isEmpty()) {
            StringBuilder b = new StringBuilder();
            for (FailoverPeer.FieldProblem p : errors) b.append(b.length() == 0 ? "" : "\n").append(OPTION.get(p.field())).append(": ").append(p.message());
            throw new ParameterException(spec.commandLine(), b.toString());
        }
        r.problems().forEach(p -> spec.commandLine().getErr().println("Note: " + OPTION.get(p.field()) + ": " + p.message()));
        return r.peer();
    }

    @Command(name = "peer", mixinStandardHelpOptions = true, description = "List, add, edit and remove failover peers.",
            subcommands = {Peer.ListPeers.class, Peer.Add.class, Peer.Edit.class, Peer.Remove.class})
    static final class Peer {
        @ParentCommand IscCommand isc;

        @Command(name = "list", mixinStandardHelpOptions = true, description = "List the failover peers and the pools using each.")
        static final class ListPeers implements Callable<Integer> {
            @ParentCommand Peer peer;
            @Spec CommandSpec spec;
            @Mixin IscEdit.Target target;

            @Override
            public Integer call() throws Exception {
                target.open(peer.isc.root);
                try {
                    DhcpdConfig c = target.read();
                    PrintWriter out = spec.commandLine().getOut();
                    if (c.peers().isEmpty()) out.println("No failover peers.");
                    for (PeerDeclaration d : c.peers()) {
                        FailoverPeer p = d.peer();
                        long pools = c.pools().stream().filter(x -> p.name().equals(x.failoverPeer())).count();
                        out.println(p.name() + "  " + (p.role() == null ? "no role" : p.role().word()) + "  " + p.address() + ":"
                                + p.effectivePort() + " <-> " + p.peerAddress() + ":" + p.effectivePeerPort() + "  pools: " + pools
                                + "  (" + d.file() + " line " + d.line() + ")");
                    }
                    return 0;
                } finally {
                    target.close();
                }
            }
        }

        @Command(name = "add", mixinStandardHelpOptions = true,
                description = {"Add a failover peer. The server's first peer is used by every pool at once.",
                        "Unset values take the suggested ones: max-response-delay 60, max-unacked-updates 10,"
                                + " load balance max seconds 3, and on a primary mclt 3600 and split 128."})
        static final class Add implements Callable<Integer> {
            @ParentCommand Peer peer;
            @Spec CommandSpec spec;
            @Mixin IscEdit.Target target;
            @Mixin PeerFields fields;
            @Mixin IscEdit.Apply apply;

            @Option(names = "--name", required = true, paramLabel = "NAME", description = "The peer's name") String name;

            @Option(names = "--for-pool", paramLabel = "N", description = "The pool (as `isc pool list` numbers it) to use the peer") Integer forPool;

            @Override
            public Integer call() throws Exception {
                Inputs.of(spec).atLeast("--for-pool", forPool, 1, "");
                Map<Field, String> m = new EnumMap<>(Field.class);
                m.put(Field.NAME, name);
                m.put(Field.ROLE, "primary");
                m.put(Field.MAX_RESPONSE_DELAY, String.valueOf(FailoverPeer.SUGGESTED_MAX_RESPONSE_DELAY));
                m.put(Field.MAX_UNACKED_UPDATES, String.valueOf(FailoverPeer.SUGGESTED_MAX_UNACKED_UPDATES));
                m.put(Field.LOAD_BALANCE_MAX_SECONDS, String.valueOf(FailoverPeer.SUGGESTED_LOAD_BALANCE_MAX_SECONDS));
                if (fields.role == null || fields.role.strip().equalsIgnoreCase("primary")) {
                    m.put(Field.MCLT, String.valueOf(FailoverPeer.SUGGESTED_MCLT));
                    m.put(Field.SPLIT, String.valueOf(FailoverPeer.SUGGESTED_SPLIT));
                }
                fields.putInto(m);
                FailoverPeer p = peerFrom(spec, m);
                return IscEdit.edit(spec, peer.isc.root, target, apply, c -> FailoverEdits.addPeer(c, p, forPool));
            }
        }

        @Command(name = "edit", mixinStandardHelpOptions = true,
                description = "Change a failover peer: only the options given change (an empty value removes a setting).")
        static final class Edit implements Callable<Integer> {
            @ParentCommand Peer peer;
            @Spec CommandSpec spec;
            @Mixin IscEdit.Target target;
            @Mixin PeerFields fields;
            @Mixin IscEdit.Apply apply;

            @Parameters(paramLabel = "NAME", description = "The peer to change") String name;

            @Option(names = "--new-name", paramLabel = "NAME", description = "Rename the peer (its pools follow)") String newName;

            @Override
            public Integer call() throws Exception {
                Inputs.of(spec).check("NAME", TextRules.quotedNameProblem(name, "a failover peer name"));
                return IscEdit.edit(spec, peer.isc.root, target, apply, c -> {
                    PeerDeclaration d = c.peer(name).orElseThrow(() -> new IllegalArgumentException(
                            "no failover peer \"" + name + "\" (peers: " + String.join(", ", c.peerNames()) + ")"));
                    Map<Field, String> m = new EnumMap<>(Field.class);
                    FailoverPeerForm.fieldsOf(d.peer()).forEach((k, v) -> { if (v != null) m.put(k, v); });
                    fields.putInto(m);
                    if (newName != null) m.put(Field.NAME, newName);
                    return FailoverEdits.editPeer(c, name, peerFrom(spec, m, d.hba() != null));
                });
            }
        }

        @Command(name = "remove", mixinStandardHelpOptions = true,
                description = {"Delete a failover peer. Its pools move to the only other peer, or lose failover when it"
                        + " was the last one; with two or more others left, say which with --move-to."})
        static final class Remove implements Callable<Integer> {
            @ParentCommand Peer peer;
            @Spec CommandSpec spec;
            @Mixin IscEdit.Target target;
            @Mixin IscEdit.Apply apply;

            @Parameters(paramLabel = "NAME", description = "The peer to delete") String name;

            @Option(names = "--move-to", paramLabel = "PEER", description = "The peer its pools refer to instead") String moveTo;

            @Override
            public Integer call() throws Exception {
                Inputs.of(spec).check("NAME", TextRules.quotedNameProblem(name, "a failover peer name"))
                        .check("--move-to", moveTo == null ? null : TextRules.quotedNameProblem(moveTo, "a failover peer name"));
                return IscEdit.edit(spec, peer.isc.root, target, apply, c -> FailoverEdits.deletePeer(c, name, moveTo));
            }
        }
    }

    @Command(name = "pool", mixinStandardHelpOptions = true, description = "List pools and choose their failover peer.",
            subcommands = {Pool.ListPools.class, Pool.SetPeer.class})
    static final class Pool {
        @ParentCommand IscCommand isc;

        @Command(name = "list", mixinStandardHelpOptions = true, description = "List the address pools, numbered.")
        static final class ListPools implements Callable<Integer> {
            @ParentCommand Pool pool;
            @Spec CommandSpec spec;
            @Mixin IscEdit.Target target;

            @Override
            public Integer call() throws Exception {
                target.open(pool.isc.root);
                try {
                    DhcpdConfig c = target.read();
                    PrintWriter out = spec.commandLine().getOut();
                    if (c.pools().isEmpty()) out.println("No pools.");
                    for (AddressPool p : c.pools()) {
                        out.println(p.index() + "  " + p.subnet() + "  " + String.join(", ", p.ranges().stream().map(Object::toString).toList())
                                + "  peer: " + (p.failoverPeer() == null ? "none" : p.failoverPeer()) + "  (" + p.file() + " line " + p.line() + ")");
                    }
                    return 0;
                } finally {
                    target.close();
                }
            }
        }

        @Command(name = "set-peer", mixinStandardHelpOptions = true,
                description = {"Choose a pool's failover peer (none: no failover).",
                        "When the pool was the last one using its old peer, that peer is deleted (confirm with --yes)."})
        static final class SetPeer implements Callable<Integer> {
            @ParentCommand Pool pool;
            @Spec CommandSpec spec;
            @Mixin IscEdit.Target target;
            @Mixin IscEdit.Apply apply;

            @Parameters(index = "0", paramLabel = "POOL", description = "The pool's number, as `isc pool list` shows it") int poolIndex;

            @Parameters(index = "1", paramLabel = "PEER", description = "The peer's name, or none") String peerName;

            @Override
            public Integer call() throws Exception {
                Inputs.of(spec).atLeast("POOL", poolIndex, 1, "")
                        .check("PEER", TextRules.quotedNameProblem(peerName, "a failover peer name"));
                String p = peerName.equals("none") ? null : peerName;
                return IscEdit.edit(spec, pool.isc.root, target, apply, c -> FailoverEdits.setPoolPeer(c, poolIndex, p));
            }
        }
    }
}
