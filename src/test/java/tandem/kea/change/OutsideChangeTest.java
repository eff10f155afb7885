package tandem.kea.change;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class OutsideChangeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void namesWhatChangedByPath() throws Exception {
        var before = JSON.readTree("{\"Dhcp4\":{\"valid-lifetime\":3600,\"option-data\":[],\"subnet4\":[{\"id\":1}]}}");
        var after = JSON.readTree("{\"Dhcp4\":{\"valid-lifetime\":600,\"option-data\":[{\"name\":\"domain-name\",\"data\":\"x.example\"}],\"subnet4\":[]}}");
        String s = OutsideChange.summary(before, after);
        assertTrue(s.contains("Dhcp4.option-data[0] added: {\"name\":\"domain-name\",\"data\":\"x.example\"}"), s);
        assertTrue(s.contains("Dhcp4.subnet4[0] removed"), s);
        assertTrue(s.contains("Dhcp4.valid-lifetime: 3600 -> 600"), s);
        assertEquals("no difference in content", OutsideChange.summary(before, before));
    }
}
