package tandem.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --site NAME} of every {@code tandem server add}: where the server stands, stored with it. */
public final class SiteOption {
    @Spec(Spec.Target.MIXEE) CommandSpec spec;

    @Option(names = "--site", paramLabel = "NAME",
            description = "Where the server stands (a branch, a campus), to find and filter servers by")
    String site;

    /** The site given, checked before any server is contacted (a usage error naming --site); null when none. */
    public String site() {
        Inputs.of(spec).site("--site", site);
        return site;
    }
}
