package tandem.core.lease;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import tandem.core.ConfigCheck;
import tandem.core.Relationship;
import tandem.core.port.ConfigChecker;

/**
 * The lease consistency check: how many addresses the partners of a relationship disagree about, per subnet.
 *
 * <p>Reading every lease of every partner is far heavier than a status poll, so the console does not do it on each
 * poll: the checks of a poll answer from the last result, and start a new read in the background once that result is
 * older than {@code every}. The command line checks at once ({@link #checkNow}).
 */
public final class LeaseConsistency {
    /** The check's kind in {@code tandem status --json}. */
    public static final String KIND = "lease-consistency";
    /** How often the console reads every lease again. */
    public static final Duration DEFAULT_EVERY = Duration.ofMinutes(10);

    /** @param subnet the subnet's prefix, or "id N" */
    public record SubnetCount(long subnetId, String subnet, int disagreements) {}

    /**
     * One check of a relationship.
     *
     * @param perSubnet every subnet any partner has a lease in, with its count of disagreeing addresses
     * @param unread    the partners whose leases could not be read; with any, the counts are not a comparison
     */
    public record Result(String relationship, Instant checkedAt, List<SubnetCount> perSubnet, Map<String, String> unread,
                         boolean truncated) {
        public int total() { return perSubnet.stream().mapToInt(SubnetCount::disagreements).sum(); }
    }

    private final Function<Relationship, Optional<LeaseSource>> sources;
    private final Duration within;
    private final Duration every;
    private final Clock clock;
    private final Executor background;
    private final Map<String, Result> last = new ConcurrentHashMap<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    /**
     * @param within     how long reading one partner may take
     * @param every      how old a result may be before the console reads again
     * @param background where the console's reads run (one thread is plenty)
     */
    public LeaseConsistency(Function<Relationship, Optional<LeaseSource>> sources, Duration within, Duration every,
                            Clock clock, Executor background) {
        this.sources = sources;
        this.within = within;
        this.every = every;
        this.clock = clock;
        this.background = background;
    }

    /** Reads every partner's leases now and keeps the result; empty when the backend reads no leases. Blocks. */
    public Optional<Result> checkNow(Relationship rel) {
        Optional<LeaseSource> source = sources.apply(rel);
        if (source.isEmpty()) return Optional.empty();
        Result r = of(rel.name(), source.get().read(rel, OptionalLong.empty(), within), clock.instant());
        last.put(rel.name(), r);
        return Optional.of(r);
    }

    /** The counts of one read. */
    public static Result of(String relationship, PartnerLeases leases, Instant at) {
        List<SubnetCount> counts = new ArrayList<>();
        LeaseComparison cmp = leases.comparison();
        Map<Long, Integer> disagreeing = cmp.disagreementsPerSubnet();
        for (long id : cmp.subnets()) counts.add(new SubnetCount(id, leases.subnetName(id), disagreeing.getOrDefault(id, 0)));
        return new Result(relationship, at, List.copyOf(counts), leases.unread(), leases.truncated());
    }

    /** Keeps a result read elsewhere (the Leases tab reads the same leases). */
    public void remember(Result result) { last.put(result.relationship(), result); }

    /** The last result, however old. */
    public Optional<Result> last(String relationship) { return Optional.ofNullable(last.get(relationship)); }

    /** The last result's checks; starts a new read in the background when it is missing or older than the cadence. */
    public List<ConfigCheck> checks(Relationship rel) {
        if (sources.apply(rel).isEmpty()) return List.of();
        Result r = last.get(rel.name());
        Instant now = clock.instant();
        if ((r == null || Duration.between(r.checkedAt(), now).compareTo(every) >= 0) && running.add(rel.name())) {
            background.execute(() -> {
                try {
                    checkNow(rel);
                } finally {
                    running.remove(rel.name());
                }
            });
        }
        return r == null ? List.of() : checks(r, now);
    }

    /** One warning per subnet whose partners disagree, one when a partner could not be read. */
    public static List<ConfigCheck> checks(Result r, Instant now) {
        List<ConfigCheck> out = new ArrayList<>();
        String age = age(Duration.between(r.checkedAt(), now));
        for (SubnetCount c : r.perSubnet()) {
            if (c.disagreements() == 0) continue;
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("subnet", c.subnet());
            facts.put("subnetId", c.subnetId());
            facts.put("disagreements", c.disagreements());
            facts.put("checkedAt", r.checkedAt().toString());
            out.add(new ConfigCheck(ConfigCheck.Severity.WARNING, c.disagreements()
                    + (c.disagreements() == 1 ? " lease differs" : " leases differ") + " between the partners in "
                    + c.subnet() + (r.truncated() ? " (some leases were not read)" : "") + ": a failover would lose or"
                    + " double them. Leases tab shows which (checked " + age + ").", KIND, facts));
        }
        if (!r.unread().isEmpty()) {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("unread", String.join(", ", r.unread().keySet()));
            facts.put("checkedAt", r.checkedAt().toString());
            out.add(new ConfigCheck(ConfigCheck.Severity.WARNING, "Leases not compared: " + r.unread().entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue()).reduce((a, b) -> a + "; " + b).orElse("")
                    + " (checked " + age + ").", KIND, facts));
        }
        return out;
    }

    /** The backend's configuration checks followed by this check's last result. */
    public ConfigChecker with(ConfigChecker backendChecks) {
        return (rel, state) -> {
            List<ConfigCheck> all = new ArrayList<>(backendChecks.checks(rel, state));
            all.addAll(checks(rel));
            return all;
        };
    }

    static String age(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) return "just now";
        if (s < 3600) return (s / 60) + " min ago";
        if (s < 86400) return (s / 3600) + " h ago";
        return (s / 86400) + " days ago";
    }
}
