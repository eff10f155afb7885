package tandem.ui;

/** A planted violation for {@link tandem.app.LayeringTest}: the generic window must not name Kea. */
final class PlantedKeaBranch {
    boolean normal(String state) { return tandem.kea.KeaStates.VOCABULARY.isNormal(state); }
}
