package policygraph;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * A local Neo4j Community server for development and tests: an embedded
 * DatabaseManagementService with the Bolt connector enabled and authentication
 * on. No HTTP connector and no Browser (those live in the server distribution).
 *
 * <pre>
 * java -cp CLASSPATH policygraph.Neo4jLocal --home DIR [--host 127.0.0.1] [--port 7687] [--password PW]
 * </pre>
 *
 * The password of user {@code neo4j} is taken from {@code --password}, else
 * from the environment variable {@code NEO4J_LOCAL_PASSWORD}, else from
 * {@code NEO4J_PASSWORD}; it is (re)set on every start, so the one given wins.
 * When Bolt accepts connections a line {@code READY bolt://HOST:PORT} is
 * printed. SIGTERM (or Ctrl-C) shuts the databases down cleanly.
 */
public final class Neo4jLocal {

    private Neo4jLocal() {}

    private static void usage(String message) {
        System.err.println("neo4j-local: " + message);
        System.err.println(
                "usage: Neo4jLocal --home DIR [--host 127.0.0.1] [--port 7687] [--password PW]");
        System.exit(2);
    }

    /**
     * The system database holds the users. The embedded API runs with full
     * privileges, so this sets the password the way {@code neo4j-admin dbms
     * set-initial-password} would, and clears the change-required flag.
     */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        try {
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException e) {
            // a restart with the same password: Neo4j refuses to "change" it, but
            // the change-required flag may still be set from an interrupted run
            if (!String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) {
                throw e;
            }
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD CHANGE NOT REQUIRED");
        }
    }

    public static void main(String[] args) throws Exception {
        String home = null;
        String host = "127.0.0.1";
        int port = 7687;
        String password = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                usage("missing value for " + a);
            }
            switch (a) {
                case "--home" -> home = args[++i];
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--password" -> password = args[++i];
                default -> usage("unknown option " + a);
            }
        }
        if (home == null) {
            usage("--home is required");
        }
        if (password == null || password.isEmpty()) {
            password = System.getenv("NEO4J_LOCAL_PASSWORD");
        }
        if (password == null || password.isEmpty()) {
            password = System.getenv("NEO4J_PASSWORD");
        }
        if (password == null || password.isEmpty()) {
            usage("no password: pass --password or set NEO4J_LOCAL_PASSWORD");
        }

        Path homeDir = Paths.get(home).toAbsolutePath();
        Files.createDirectories(homeDir);

        long t0 = System.nanoTime();
        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(homeDir)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, 256L * 1024 * 1024)
                // Bolt waits 5 s + 5 s for its threads on shutdown by default,
                // after the databases are already closed; 1 s each is plenty.
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .build();
        } catch (RuntimeException e) {
            System.err.println("neo4j-local: could not start: " + e);
            e.printStackTrace();
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("neo4j-local: shutting down");
            try {
                dbms.shutdown();
            } catch (RuntimeException e) {
                System.err.println("neo4j-local: shutdown failed: " + e);
            }
            System.out.println("neo4j-local: stopped");
            System.out.flush();
            stopped.countDown();
        }, "neo4j-local-shutdown"));

        try {
            setPassword(dbms, password);
        } catch (RuntimeException e) {
            System.err.println("neo4j-local: could not set the password: " + e.getMessage());
            System.exit(1); // runs the shutdown hook
        }

        long ms = (System.nanoTime() - t0) / 1_000_000;
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        System.out.println("neo4j-local: started in " + ms + " ms, data in " + homeDir);
        System.out.println("READY bolt://" + shownHost + ":" + port);
        System.out.flush();
        stopped.await();
    }
}
