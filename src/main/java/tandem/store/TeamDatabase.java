package tandem.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A team's shared store on PostgreSQL: the same tables as the embedded store, in schema {@value #SCHEMA} of the
 * team's database, reached with each administrator's own login. The local data folder still holds what is
 * personal: the key to this desktop's secrets and the SSH hosts it trusts.
 */
public final class TeamDatabase {
    public static final String SCHEMA = "tandem";
    private static final String MIGRATIONS = "classpath:db/postgresql";
    private static final Logger log = LoggerFactory.getLogger(TeamDatabase.class);
    private static final int MAX_CONNECTIONS = 8;
    private static final long CONNECT_TIMEOUT_MS = 10_000;

    private TeamDatabase() { }

    /** Connects, and brings the schema up to date (PostgreSQL's advisory lock keeps two first opens apart). */
    public static Database open(Path dataDir, TeamStoreLocation location, String password) {
        return open(dataDir, location, password, List.of(MIGRATIONS));
    }

    /**
     * The same with the migrations from {@code locations} (tests add a later migration of their own). When the
     * schema's owner connects, as it must to run migrations, every member is then given the tables and sequences
     * they lack, so that a table a later migration creates is usable by members added before it.
     */
    static Database open(Path dataDir, TeamStoreLocation location, String password, List<String> locations) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            OwnerOnlyFiles.createDirectory(dir);
            OwnerOnlyFiles.secure(dir);
        } catch (IOException e) {
            throw new StoreException("Cannot create the data folder " + dir, e);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(location.jdbcUrl());
        config.setUsername(location.user());
        config.setPassword(password);
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECT_TIMEOUT_MS);
        config.setPoolName("tandem-team-store");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StoreException("Cannot connect to the team store " + location + ": " + cause.getMessage(), e);
        }
        Database db = new Database(dir, pool, pool::close, SqlDialect.POSTGRESQL);
        try {
            Flyway flyway = Flyway.configure(TeamDatabase.class.getClassLoader())
                    .dataSource(pool)
                    .schemas(SCHEMA)
                    .locations(locations.toArray(String[]::new))
                    .failOnMissingLocations(true)
                    .load();
            Database.migrateWithRetries(flyway, SqlDialect.POSTGRESQL);
        } catch (RuntimeException e) {
            pool.close();
            if (permissionDenied(e)) {
                throw new StoreException("The login " + location.user() + " may not use Tandem's tables in "
                        + location + " yet: a DHCP administrator of the team adds it with tandem user add "
                        + location.user() + " (or, for a new team store, the database's owner runs tandem team init)", e);
            }
            throw e;
        }
        try {
            List<String> given = new JdbcTeamStore(db).grantMissingPrivileges();
            if (!given.isEmpty()) log.info("Gave {} the privileges on Tandem's newer tables", String.join(", ", given));
        } catch (StoreException e) {
            // the owner's own work goes on; the members concerned see a permission error until the next try
            log.warn("Could not give the members the privileges on Tandem's newer tables: {}", e.getMessage());
        }
        return db;
    }

    /** PostgreSQL's insufficient_privilege, anywhere in the chain. */
    private static boolean permissionDenied(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException s && "42501".equals(s.getSQLState())) return true;
            if (t.getMessage() != null && t.getMessage().contains("SQL State  : 42501")) return true;
        }
        return false;
    }
}
