package tandem.ui;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Asked at start when Preferences name a team database and no password is remembered for it, or when the team store
 * could not be opened: the password, or this desktop's own store instead. Opening runs in the background (it is
 * bounded by the store's connection timeout) and its failure is said here, without the password.
 *
 * @param <T> what opening gives (the console's services)
 */
public final class TeamSignInDialog<T> {
    /** Opens the team store with the password; its exception's message says why it could not. */
    @FunctionalInterface
    public interface Opener<T> {
        T open(String password) throws Exception;
    }

    private final VBox root = new VBox(8);
    private final PasswordField password = new PasswordField();
    private final CheckBox remember = new CheckBox("Remember password (sealed with this desktop's key)");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final BackgroundTasks tasks;
    private final Opener<T> team;
    private final Callable<T> local;
    private final Consumer<String> rememberPassword;
    private final Consumer<T> opened;

    /**
     * @param where            the team store, as {@code --store} names it (no password)
     * @param problem          why the team store was not opened already (empty for none)
     * @param rememberPassword keeps the password sealed after it opened the store; runs in the background
     * @param opened           told on the FX thread with what was opened
     * @param quit             when the person would rather not open anything
     */
    public TeamSignInDialog(String where, String problem, Opener<T> team, Callable<T> local,
                            Consumer<String> rememberPassword, BackgroundTasks tasks, Consumer<T> opened, Runnable quit) {
        this.team = Objects.requireNonNull(team);
        this.local = Objects.requireNonNull(local);
        this.rememberPassword = Objects.requireNonNull(rememberPassword);
        this.tasks = tasks;
        this.opened = Objects.requireNonNull(opened);
        message.set(problem == null ? "" : problem);
        build(where, quit);
    }

    public Parent root() { return root; }

    private void build(String where, Runnable quit) {
        root.getStyleClass().add("preferences-dialog");
        root.setPadding(new Insets(18, 20, 14, 20));
        root.setPrefWidth(520);
        Label title = new Label("Sign in to the team database");
        title.getStyleClass().add("dialog-title");
        Label at = new Label(where);
        at.setId("signInWhere");
        at.setWrapText(true);
        Label said = new Label();
        said.setId("signInMessage");
        said.getStyleClass().addAll("dialog-message", MessageKind.ERROR.styleClass());
        said.setWrapText(true);
        said.textProperty().bind(message);
        said.visibleProperty().bind(message.isNotEmpty());
        said.managedProperty().bind(said.visibleProperty());
        said.setMinHeight(Region.USE_PREF_SIZE);
        // the window grows with the message, so the buttons stay in sight
        message.addListener((o, was, now) -> javafx.application.Platform.runLater(() -> {
            if (root.getScene() != null && root.getScene().getWindow() != null) root.getScene().getWindow().sizeToScene();
        }));
        password.setId("signInPassword");
        password.setPromptText("your PostgreSQL password");
        remember.setId("signInRemember");
        Label connecting = new Label("Connecting…");
        connecting.setId("signInBusy");
        connecting.visibleProperty().bind(busy);

        Button signIn = new Button("Sign in");
        signIn.setId("signIn");
        signIn.setDefaultButton(true);
        signIn.disableProperty().bind(Bindings.createBooleanBinding(() -> busy.get() || password.getText().isEmpty(),
                busy, password.textProperty()));
        signIn.setOnAction(e -> signIn());
        Button useLocal = new Button("Use this desktop's store");
        useLocal.setId("signInLocal");
        useLocal.disableProperty().bind(busy);
        useLocal.setOnAction(e -> openLocal());
        Button quitButton = new Button("Quit");
        quitButton.setId("signInQuit");
        quitButton.setCancelButton(true);
        quitButton.setOnAction(e -> quit.run());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, connecting, gap, quitButton, useLocal, signIn);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.setPadding(new Insets(12, 0, 0, 0));
        root.getChildren().addAll(title, at, said, password, remember, buttons);
    }

    private void signIn() {
        if (busy.get()) return;
        String typed = password.getText();
        boolean keep = remember.isSelected();
        busy.set(true);
        message.set("");
        tasks.run(() -> {
            T done = team.open(typed);
            if (keep) rememberPassword.accept(typed);
            return done;
        }, this::done, e -> failed(e, typed));
    }

    private void openLocal() {
        if (busy.get()) return;
        busy.set(true);
        tasks.run(local, this::done, e -> failed(e, null));
    }

    private void done(T value) {
        busy.set(false);
        password.clear();
        opened.accept(value);
    }

    private void failed(Throwable e, String typed) {
        busy.set(false);
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // the store's messages do not carry the password; this makes sure of it
        if (typed != null && typed.length() >= 4) why = why.replace(typed, "•••");
        message.set(why);
    }
}
