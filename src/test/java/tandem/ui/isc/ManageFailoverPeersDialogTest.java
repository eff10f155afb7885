package tandem.ui.isc;

import tandem.ui.Theme;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tandem.isc.DhcpdConfig;
import tandem.isc.FailoverEdits;

/** Manage Failover Peers: edit in the peer dialog, delete by the rules; each gives a change to preview. */
@ExtendWith(ApplicationExtension.class)
class ManageFailoverPeersDialogTest {
    private final List<FailoverEdits.Edit> previews = new ArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        DhcpdConfig config = DhcpdConfig.read(Path.of(getClass().getResource("/isc/corpus/two-peers.conf").toURI()));
        ManageFailoverPeersDialog dialog = new ManageFailoverPeersDialog(new ManageFailoverPeersViewModel(config, "dhcp1", previews::add));
        Scene scene = new Scene(dialog.root());
        Theme.apply(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception { FxToolkit.cleanupStages(); }

    @Test
    void listsThePeersWithTheirPools(FxRobot robot) {
        ListView<?> list = robot.lookup("#peerList").queryAs(ListView.class);
        assertEquals(List.of("north", "south"), list.getItems());
        assertTrue(robot.lookup("north  (primary, 10.20.0.2, 2 pools)").tryQuery().isPresent());
    }

    @Test
    void deletingWithOneOtherPeerLeftMovesItsPoolsThere(FxRobot robot) {
        robot.clickOn("south  (secondary, 10.30.0.2, 1 pool)");
        robot.clickOn("#deletePeer");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, previews.size());
        FailoverEdits.Edit e = previews.get(0);
        assertEquals(List.of("north"), e.after().peerNames());
        assertTrue(e.change().warnings().get(0).contains("will refer to \"north\""), e.change().warnings().toString());
    }

    @Test
    void editingOpensThePeerDialogFilledIn(FxRobot robot) throws Exception {
        robot.clickOn("north  (primary, 10.20.0.2, 2 pools)");
        robot.clickOn("#editPeer");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#split").tryQuery().isPresent());
        assertEquals("north", robot.lookup("#peerName").queryAs(TextField.class).getText());
        TextField split = robot.lookup("#split").queryAs(TextField.class);
        robot.interact(() -> split.setText("200"));
        robot.clickOn("#peerOk");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, previews.size());
        String diff = previews.get(0).change().unifiedDiff();
        assertTrue(diff.contains("-  split 128;\n+  split 200;\n"), diff);
    }
}
