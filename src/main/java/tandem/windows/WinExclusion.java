package tandem.windows;

import com.fasterxml.jackson.databind.JsonNode;

/** An exclusion range of a scope, through {@link WindowsProjections#EXCLUSION}. */
public record WinExclusion(String scopeId, String startRange, String endRange) {
    public static WinExclusion from(JsonNode row) {
        return read(new ProjectionReader(row));
    }

    static WinExclusion read(ProjectionReader r) {
        return new WinExclusion(r.required("scopeId"), r.required("startRange"), r.required("endRange"));
    }

    /** "10.1.0.1-10.1.0.9": what identifies the range within its scope. */
    public String range() { return startRange + "-" + endRange; }
}
