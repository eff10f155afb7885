package tandem.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The password of the database user, in {@code db.password} of the data folder (owner-only): every process on the
 * folder reads it there, and the H2 server the first process starts on 127.0.0.1 refuses anyone without it.
 */
final class DatabasePassword {
    private static final Logger log = LoggerFactory.getLogger(DatabasePassword.class);

    /** H2: wrong user name or password. */
    static final int WRONG_PASSWORD = 28000;
    private static final int BYTES = 32;
    /** What this class writes: base64url, so it can stand in an SQL literal as it is. */
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{20,}");

    private DatabasePassword() {}

    /** The folder's password, made on first use; several processes starting together agree on one. */
    static String readOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) create(file);
        String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (!FORM.matcher(password).matches()) {
            throw new IOException("the file is damaged; if the database was made without a password, delete the file"
                    + " and open the folder again");
        }
        return password;
    }

    private static void create(Path file) throws IOException {
        byte[] raw = new byte[BYTES];
        new SecureRandom().nextBytes(raw);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        OwnerOnlyFiles.createOnce(file, (password + "\n").getBytes(StandardCharsets.US_ASCII), ".db-password-");
    }

    static boolean isWrongPassword(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() == WRONG_PASSWORD) return true;
        }
        return false;
    }

    /**
     * The database refused the folder's password: an earlier version made it with an empty one. With that, the
     * password is set now; a database that refuses the empty password too has another one, and is refused.
     */
    static void setOnUnprotected(String url, String user, String password, Path dir) {
        try (Connection c = DriverManager.getConnection(url, user, "");
             Statement st = c.createStatement()) {
            st.execute("ALTER USER " + user + " SET PASSWORD '" + password + "'");
            log.info("The database in {} now requires the password kept in {}", dir, Database.PASSWORD_FILE);
        } catch (SQLException e) {
            if (isWrongPassword(e)) {
                throw new StoreException("The database in " + dir + " refuses the password in " + Database.PASSWORD_FILE
                        + ": it was made with another one", e);
            }
            throw new StoreException("Cannot set the database password: " + e.getMessage(), e);
        }
    }
}
