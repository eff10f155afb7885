package tandem.isc;

/** Where a node sits: its file, its parent, and the subnet and shared-network around it (null when none). */
record ConfSite(ConfDocument doc, ConfNode node, ConfNode parent, ConfNode subnet, ConfNode sharedNetwork) {}
