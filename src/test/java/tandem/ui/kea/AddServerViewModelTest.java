package tandem.ui.kea;

import tandem.ui.BackgroundTasks;
import tandem.ui.Fixtures;
import tandem.ui.MessageKind;
import tandem.ui.TestConsole;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.ConnectionSettings;
import tandem.core.ImportResult;
import tandem.core.Preferences;
import tandem.core.port.ServerImporter;
import tandem.ui.kea.AddServerViewModel.Field;

class AddServerViewModelTest {
    private final TestConsole console = TestConsole.empty();
    private final AtomicInteger inventoryChanged = new AtomicInteger();

    private AddServerViewModel vm(Preferences prefs) {
        return new AddServerViewModel(console.inventory(), prefs, BackgroundTasks.direct(), inventoryChanged::incrementAndGet);
    }

    private AddServerViewModel vm() { return vm(Preferences.defaults()); }

    @Test
    void addressIsRequiredAndMustBeAnAddressOrHostName() {
        AddServerViewModel vm = vm();
        assertEquals(AddServerViewModel.ADDRESS_REQUIRED, vm.problem(Field.SERVER_ADDRESS));
        assertNull(vm.shownProblem(Field.SERVER_ADDRESS), "nothing is shown before the field is touched");

        vm.serverAddressProperty().set("300.1.1.1");
        assertEquals("300.1.1.1 is not a valid IPv4 address", vm.shownProblem(Field.SERVER_ADDRESS));
        vm.serverAddressProperty().set("dhcp 1.example");
        assertEquals("A host name cannot contain spaces", vm.shownProblem(Field.SERVER_ADDRESS));
        vm.serverAddressProperty().set("-bad-.example");
        assertEquals("-bad-.example is not a valid IP address or host name", vm.shownProblem(Field.SERVER_ADDRESS));
        vm.serverAddressProperty().set("2001:db8::1::2");
        assertEquals("2001:db8::1::2 is not a valid IPv6 address", vm.shownProblem(Field.SERVER_ADDRESS));
        vm.serverAddressProperty().set("10.0.0.1:8000");
        assertEquals("Enter the address without a port; the port has its own field", vm.shownProblem(Field.SERVER_ADDRESS));
        vm.serverAddressProperty().set("http://10.0.0.1/");
        assertTrue(vm.shownProblem(Field.SERVER_ADDRESS).contains("without http://"));
        vm.serverAddressProperty().set("");
        assertEquals(AddServerViewModel.ADDRESS_REQUIRED, vm.shownProblem(Field.SERVER_ADDRESS));

        for (String good : List.of("192.0.2.10", "2001:db8::10", "[2001:db8::10]", "::1", "dhcp1.example.net",
                "kea", "::ffff:192.0.2.1")) {
            vm.serverAddressProperty().set(good);
            assertNull(vm.shownProblem(Field.SERVER_ADDRESS), good);
        }
    }

    @Test
    void portMustBeANumberFrom1To65535() {
        AddServerViewModel vm = vm();
        for (String bad : List.of("70000", "abc", "0", "", "-1", "80a", "999999")) {
            vm.caPortProperty().set(bad);
            assertEquals("Port must be a number from 1 to 65535", vm.shownProblem(Field.CA_PORT), bad);
        }
        vm.caPortProperty().set("65535");
        assertNull(vm.shownProblem(Field.CA_PORT));
    }

    @Test
    void proxyMustBeAnHttpUrlWithAHost() {
        AddServerViewModel vm = vm();
        for (String bad : List.of("proxy.example:3128", "ftp://proxy.example", "http://", "http:///x", "not a url")) {
            vm.proxyProperty().set(bad);
            assertEquals(AddServerViewModel.PROXY_FORM, vm.shownProblem(Field.PROXY), bad);
        }
        vm.proxyProperty().set("http://proxy.example:3128/path");
        assertEquals("A proxy URL has no path: use http://host:port", vm.shownProblem(Field.PROXY));
        vm.proxyProperty().set("http://proxy.example:3128");
        assertNull(vm.shownProblem(Field.PROXY));
        vm.proxyProperty().set("");
        assertNull(vm.shownProblem(Field.PROXY), "the proxy is optional");
    }

    @Test
    void controlAgentDefaultsFollowTheServerAddressWhenPreferencesNameNoHost() {
        AddServerViewModel vm = vm(Preferences.defaults());
        assertEquals("8000", vm.caPortProperty().get());
        assertEquals("", vm.caHostProperty().get());
        vm.serverAddressProperty().set("192.0.2.1");
        assertEquals("192.0.2.1", vm.caHostProperty().get(), "the CA host shows the address as it is typed");
        vm.serverAddressProperty().set("[2001:db8::7]");
        assertEquals("2001:db8::7", vm.caHostProperty().get());
        assertTrue(vm.caHostFollowsAddress());

        vm.caHostProperty().set("127.0.0.1");
        vm.serverAddressProperty().set("192.0.2.99");
        assertEquals("127.0.0.1", vm.caHostProperty().get(), "an edited CA host stays");
        assertFalse(vm.caHostFollowsAddress());
    }

    @Test
    void controlAgentDefaultsComeFromPreferences() {
        Preferences prefs = tandem.kea.KeaSettings.preferences(Duration.ofSeconds(10), Duration.ofSeconds(2), "127.0.0.1", 8081, true);
        AddServerViewModel vm = vm(prefs);
        assertEquals("127.0.0.1", vm.caHostProperty().get());
        assertEquals("8081", vm.caPortProperty().get());
        vm.serverAddressProperty().set("192.0.2.1");
        assertEquals("127.0.0.1", vm.caHostProperty().get(), "a preferred CA host does not follow the address");
        assertEquals(URI.create("http://127.0.0.1:8081/"), vm.url());
    }

    @Test
    void buildsConnectionSettings(@TempDir Path dir) throws Exception {
        Path pem = dir.resolve("ca.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        AddServerViewModel vm = vm();
        vm.serverAddressProperty().set("2001:db8::1");
        vm.caPortProperty().set("8443");
        vm.useHttpsProperty().set(true);
        vm.trustAnchorPathProperty().set(pem.toString());
        vm.proxyProperty().set("http://proxy.example:3128");
        vm.userProperty().set("admin");
        vm.passwordProperty().set("s3cret");
        ConnectionSettings s = vm.connectionSettings();
        assertEquals(URI.create("https://[2001:db8::1]:8443/"), s.url());
        assertEquals(URI.create("http://proxy.example:3128"), s.proxy());
        assertEquals("admin", s.username());
        assertEquals("s3cret", s.password());
        assertTrue(s.trustAnchorPem().contains("BEGIN CERTIFICATE"));
    }

    @Test
    void passwordWithoutUserIsReportedAtTheUserField() {
        AddServerViewModel vm = vm();
        vm.passwordProperty().set("x");
        assertEquals("Enter the user name that goes with the password", vm.shownProblem(Field.USER));
    }

    @Test
    void invalidFormDoesNotReachTheImporterAndShowsEveryProblem() {
        AddServerViewModel vm = vm();
        vm.caPortProperty().set("abc");
        vm.add();
        assertEquals(AddServerViewModel.ADDRESS_REQUIRED, vm.shownProblem(Field.SERVER_ADDRESS));
        assertEquals(AddServerViewModel.PORT_RANGE, vm.shownProblem(Field.CA_PORT));
        assertEquals(MessageKind.ERROR, vm.messageKindProperty().get());
        assertTrue(console.importer.inspected.isEmpty());
    }

    @Test
    void testConnectionShowsTheImportersAnswer() {
        AddServerViewModel vm = vm();
        vm.serverAddressProperty().set("192.0.2.1");
        console.importer.check = new ServerImporter.ConnectionCheck(false, "Connection refused by 192.0.2.1:8000");
        vm.testConnection();
        assertEquals("Connection refused by 192.0.2.1:8000", vm.messageProperty().get());
        assertEquals(MessageKind.ERROR, vm.messageKindProperty().get());
        assertEquals(URI.create("http://192.0.2.1:8000/"), console.importer.checked.get(0).url());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void refusalIsShownAtTheFieldItNamesUntilThatFieldChanges() {
        AddServerViewModel vm = vm();
        vm.serverAddressProperty().set("192.0.2.1");
        console.importer.result = new ImportResult.Refused("Nothing listens at http://192.0.2.1:8000/", "url");
        vm.add();
        assertEquals("Nothing listens at http://192.0.2.1:8000/", vm.shownProblem(Field.CA_HOST));
        vm.caHostProperty().set("192.0.2.2");
        assertNull(vm.shownProblem(Field.CA_HOST));

        console.importer.result = new ImportResult.Refused("Wrong password", "password");
        vm.userProperty().set("admin");
        vm.passwordProperty().set("nope");
        vm.add();
        assertEquals("Wrong password", vm.shownProblem(Field.PASSWORD));

        console.importer.result = new ImportResult.Refused("The HA configuration names no primary", null);
        vm.add();
        assertEquals("The HA configuration names no primary", vm.messageProperty().get());
        assertEquals(MessageKind.ERROR, vm.messageKindProperty().get());
        assertEquals(0, inventoryChanged.get());
    }

    @Test
    void acceptedServerIsReportedAndThePollerTold() {
        AddServerViewModel vm = vm();
        vm.serverAddressProperty().set("10.1.0.11");
        vm.displayNameProperty().set("  east  ");
        var server = Fixtures.server("east", URI.create("http://10.1.0.11:8000/"));
        console.importer.result = new ImportResult.Accepted(server, List.of(Fixtures.EAST), List.of(),
                List.of("dhcp-west is skipped: this server is not its primary"));
        List<ImportResult.Accepted> added = new ArrayList<>();
        vm.setOnAdded(added::add);
        vm.add();
        assertEquals(1, added.size());
        assertEquals(1, inventoryChanged.get());
        assertEquals(1, console.inventory().servers().size());
        assertEquals(MessageKind.SUCCESS, vm.messageKindProperty().get());
    }

    @Test
    void unreadableTrustAnchorIsReportedAtItsField(@TempDir Path dir) throws Exception {
        Path notPem = dir.resolve("ca.txt");
        Files.writeString(notPem, "hello");
        AddServerViewModel vm = vm();
        vm.serverAddressProperty().set("192.0.2.1");
        vm.useHttpsProperty().set(true);
        vm.trustAnchorPathProperty().set(notPem.toString());
        vm.testConnection();
        assertTrue(vm.shownProblem(Field.TRUST_ANCHOR).contains("no PEM certificate"));
        vm.trustAnchorPathProperty().set(dir.resolve("missing.pem").toString());
        vm.testConnection();
        assertTrue(vm.shownProblem(Field.TRUST_ANCHOR).startsWith("No such file"));
        assertTrue(console.importer.checked.isEmpty());
    }
}
