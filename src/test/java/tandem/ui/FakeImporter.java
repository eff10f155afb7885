package tandem.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.ImportResult;
import tandem.core.port.ServerImporter;

/** An importer whose answers the test decides; it records what it was asked. */
public final class FakeImporter implements ServerImporter {
    public volatile ConnectionCheck check = new ConnectionCheck(true, "Kea DHCPv4 2.6.1 answers");
    public volatile ImportResult result = new ImportResult.Refused("not scripted", null);
    public final List<ConnectionSettings> checked = new ArrayList<>();
    public final List<ConnectionSettings> inspected = new ArrayList<>();
    /** When set, inspect waits for it: lets a test see the dialog while work runs. */
    public volatile CountDownLatch gate;

    @Override public Backend backend() { return Backend.KEA; }

    @Override public synchronized ConnectionCheck check(ConnectionSettings connection) {
        checked.add(connection);
        return check;
    }

    @Override public ImportResult inspect(String proposedName, ConnectionSettings connection) {
        synchronized (this) {
            inspected.add(connection);
        }
        CountDownLatch g = gate;
        if (g != null) {
            try {
                g.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return result;
    }
}
