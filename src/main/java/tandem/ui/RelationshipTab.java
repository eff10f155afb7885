package tandem.ui;

import javafx.scene.Node;

/**
 * One tab beside a relationship's details (its configuration, its leases, its activity). The window tells the tab
 * that is showing which relationship is selected; a tab reads what it needs in the background, never on the FX
 * thread.
 */
interface RelationshipTab {
    /** The tab's title, e.g. "Configuration". */
    String title();

    /** The tab's id, e.g. "configurationTab". */
    String id();

    Node node();

    /** Shows the relationship, or nothing when {@code relationship} is null. */
    void show(String relationship);
}
