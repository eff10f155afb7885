package tandem.ui;

import java.util.function.Supplier;
import javafx.stage.Window;

/**
 * What a backend's console contribution works with: the services, the main window's view model, background tasks,
 * the dialog service, and the window to own its dialogs.
 *
 * @param changed to call after a change was written: polls at once and shows the journal
 */
public record ConsoleContext(ConsoleServices services, MainViewModel vm, BackgroundTasks tasks, DialogService dialogs,
                             Supplier<Window> window, Runnable changed) {}
