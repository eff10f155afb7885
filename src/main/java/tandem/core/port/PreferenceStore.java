package tandem.core.port;

import tandem.core.Preferences;

public interface PreferenceStore {
    Preferences load();

    void save(Preferences preferences);
}
