package tandem.kea.change;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When a server is done with the HA restart a config-set causes, so that the next server may be touched. */
class HaSettledTest {
    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(nullValues = "null", value = {
            // before,          now,                    settled
            "load-balancing,    waiting,                false",
            "load-balancing,    syncing,                false",
            "load-balancing,    ready,                  false",
            "load-balancing,    load-balancing,         true",
            "hot-standby,       hot-standby,            true",
            "backup,            backup,                 true",
            "load-balancing,    communication-recovery, false",
            "load-balancing,    null,                   false",
            // the partner failed while this one restarted: it serves alone, and no normal state will come
            "load-balancing,    partner-down,           true",
            "hot-standby,       partner-in-maintenance, true",
            // it was in no normal state: leaving the restart states is enough
            "partner-down,      partner-down,           true",
            "partner-down,      waiting,                false",
            "communication-recovery, communication-recovery, true",
            "terminated,        terminated,             true"})
    void settled(String before, String now, boolean settled) {
        assertEquals(settled, KeaChangeService.haSettled(before, now));
    }
}
