package tandem.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.ListView;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tandem.core.Backend;
import tandem.core.HaMode;
import tandem.core.Inventory;
import tandem.core.PeerDefinition;
import tandem.core.PeerRole;
import tandem.core.Preferences;
import tandem.core.Relationship;
import tandem.core.port.PreferenceStore;
import tandem.core.port.StateStore;
import tandem.isc.IscConfigTarget;
import tandem.isc.LocalShell;
import tandem.poll.StatusPoller;

/** The tree's menu on an ISC relationship opens the ISC dialogs on that server's configuration. */
@ExtendWith(ApplicationExtension.class)
class IscTreeMenuTest {
    private static final Relationship ISC = new Relationship("dhcp1/two", "dhcp1", Backend.ISC, HaMode.LOAD_BALANCING,
            List.of(new PeerDefinition("dhcp1", PeerRole.PRIMARY, java.net.URI.create("ssh://root@10.0.0.1:22/etc/dhcp/dhcpd.conf#peer=north"), true),
                    new PeerDefinition("10.20.0.2", PeerRole.SECONDARY, java.net.URI.create("ssh://root@10.0.0.1:22/etc/dhcp/dhcpd.conf#partner=north"), true)),
            false, null);
    private TestConsole console;
    private Path partnerConf;
    private BackgroundTasks tasks;
    private MainView view;

    @Start
    void start(Stage stage) throws Exception {
        console = new TestConsole(List.of(ISC, Fixtures.EAST), List.of(), List.of(), Preferences.defaults(),
                Clock.fixed(Fixtures.T0, ZoneOffset.UTC));
        Path conf = Files.createTempDirectory("tandem-tree").resolve("dhcpd.conf");
        Files.copy(Path.of(getClass().getResource("/isc/corpus/two-peers.conf").toURI()), conf);
        IscConfigTarget target = IscConfigTarget.of(new LocalShell(Duration.ofSeconds(30)), conf.toString(),
                "dhcpd -t -4 -cf FILE", "true", Clock.systemUTC());
        partnerConf = conf.resolveSibling("partner.conf");
        Files.writeString(partnerConf, "# dhcp2\nauthoritative;\n");
        IscConfigTarget partner = IscConfigTarget.of(new LocalShell(Duration.ofSeconds(30)), partnerConf.toString(),
                "dhcpd -t -4 -cf FILE", "true", Clock.systemUTC());
        console.inventoryStore.saveServer(new tandem.core.ServerRecord("dhcp2", Backend.ISC,
                tandem.core.ConnectionSettings.of(java.net.URI.create("ssh://root@10.0.0.2:22/etc/dhcp/dhcpd.conf")), Fixtures.T0), List.of());
        ConsoleServices services = new ConsoleServices() {
            @Override public Inventory inventory() { return console.inventory(); }
            @Override public StatusPoller poller() { return console.poller(); }
            @Override public StateStore stateStore() { return console.stateStore(); }
            @Override public PreferenceStore preferenceStore() { return console.preferenceStore(); }
            @Override public Preferences preferences() { return console.preferences(); }
            @Override public void updatePreferences(Preferences updated) { console.updatePreferences(updated); }
            @Override public tandem.core.port.ReplicationStore replicationStore() { return console.replicationStore(); }
            @Override public tandem.core.backend.FailoverActions haActions() { return console.haActions(); }
            @Override public tandem.core.port.ConfigChecker configChecks() { return console.configChecks(); }
            @Override public tandem.core.port.AuditStore auditStore() { return console.auditStore(); }
            @Override public void close() { console.close(); }
        };
        tasks = BackgroundTasks.forFx();
        view = new MainView(services, tasks, ZoneOffset.UTC, List.of(new tandem.ui.kea.KeaUi(console.changes()),
                new tandem.ui.isc.IscUi(server -> server.equals("dhcp1") ? Optional.of(target)
                        : server.equals("dhcp2") ? Optional.of(partner) : Optional.<IscConfigTarget>empty(), null)));
        stage.setScene(view.scene(1000, 700));
        stage.show();
        view.viewModel().start(false);
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        view.dispose();
        tasks.close();
        console.close();
    }

    private void select(FxRobot robot, String name) {
        robot.interact(() -> {
            for (TreeItem<ConsoleNode> item : view.tree().getRoot().getChildren()) {
                if (item.getValue() instanceof ConsoleNode.RelationshipItem r && r.name().equals(name)) {
                    view.tree().getSelectionModel().select(item);
                }
            }
        });
    }

    @Test
    void manageFailoverPeersFromTheTree(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> view.tree().getRoot().getChildren().size() >= 2);
        select(robot, Fixtures.EAST.name());
        String selected = ((ConsoleNode.RelationshipItem) view.tree().getSelectionModel().getSelectedItem().getValue()).name();
        assertEquals(Fixtures.EAST.name(), selected, view.tree().getRoot().getChildren().toString());
        ContextMenu[] kea = new ContextMenu[1];
        robot.interact(() -> kea[0] = view.relationshipMenu(Fixtures.EAST.name()));
        assertTrue(kea[0].getItems().stream().noneMatch(i -> "iscAddPool".equals(i.getId())),
                "a Kea relationship's menu has no ISC entries");
        select(robot, "dhcp1/two");
        ContextMenu[] menu = new ContextMenu[1];
        robot.interact(() -> menu[0] = view.relationshipMenu("dhcp1/two"));
        assertNotNull(menu[0]);
        assertEquals(List.of("Add address pool…", "Manage failover peers…", "Migrate subnet to partner…", "Set partner down…",
                "", "Site…", "Mute notifications"), menu[0].getItems().stream().map(i -> i.getText() == null ? "" : i.getText()).toList());
        robot.interact(() -> menu[0].getItems().get(1).fire());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#peerList").tryQuery().isPresent());
        assertEquals(List.of("north", "south"), robot.lookup("#peerList").queryAs(ListView.class).getItems());
    }

    @Test
    void migrateASubnetToThePartnerFromTheTree(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> view.tree().getRoot().getChildren().size() >= 2);
        select(robot, "dhcp1/two");
        ContextMenu[] menu = new ContextMenu[1];
        robot.interact(() -> menu[0] = view.relationshipMenu("dhcp1/two"));
        robot.interact(() -> menu[0].getItems().get(2).fire());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#migrateSubnet").tryQuery().isPresent());
        assertEquals("dhcp2", robot.lookup("#migratePartner").queryAs(javafx.scene.control.ComboBox.class).getValue());
        robot.interact(() -> robot.lookup("#migrateSubnet").queryAs(javafx.scene.control.ComboBox.class).setValue("10.30.0.0/24"));
        robot.clickOn("#migrateOk");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#diffText").tryQuery().isPresent());
        String diff = robot.lookup("#diffText").queryAs(javafx.scene.control.TextArea.class).getText();
        org.junit.jupiter.api.Assertions.assertTrue(diff.contains("+failover peer \"south\" {\n+  primary;\n+  address 10.30.0.2;\n"), diff);
        robot.clickOn("#applyChange");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#applyResult").queryAs(javafx.scene.control.Label.class)
                .getText().startsWith("Applied"));
        tandem.isc.DhcpdConfig written = tandem.isc.DhcpdConfig.read(partnerConf);
        assertEquals("south", written.pools().get(0).failoverPeer());
        org.junit.jupiter.api.Assertions.assertTrue(tandem.isc.DhcpdSyntaxCheck.run(tandem.isc.DhcpdSyntaxCheck.findDhcpd(), partnerConf).ok());
    }
}
