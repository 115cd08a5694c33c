package policygraph;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.server.CommunityBootstrapper;

/**
 * A local Neo4j Community server for development and tests: Neo4j's own
 * server bootstrapper (the one {@code neo4j console} runs) with Bolt, an HTTP
 * connector and the Neo4j Browser, authentication on.
 *
 * <pre>
 * java -cp CLASSPATH policygraph.Neo4jLocal --home DIR [--host 127.0.0.1] [--port 7687]
 *      [--http-port 7474] [--password PW] [--post-connect CMDS] [--unrestricted apoc.*]
 * </pre>
 *
 * The Browser is served at {@code http://HOST:HTTP_PORT/browser/} from the
 * classpath folder {@code browser/} (the neo4j-browser jar, unpacked into
 * target/classes by the build, with policygraph's guide and style next to it
 * under {@code browser/policygraph/}). {@code --http-port 0} turns HTTP off.
 *
 * The password of user {@code neo4j} is taken from {@code --password}, else
 * from the environment variable {@code NEO4J_LOCAL_PASSWORD}, else from
 * {@code NEO4J_PASSWORD}; it is (re)set on every start, so the one given wins.
 * When the server accepts connections a line {@code READY bolt://HOST:PORT}
 * (and {@code BROWSER http://HOST:PORT/browser/} when HTTP is on) is printed.
 * SIGTERM (or Ctrl-C) shuts the server down cleanly.
 */
public final class Neo4jLocal {

    private Neo4jLocal() {}

    private static void usage(String message) {
        System.err.println("neo4j-local: " + message);
        System.err.println("usage: Neo4jLocal --home DIR [--host 127.0.0.1] [--port 7687] [--http-port 7474]"
                + " [--password PW] [--post-connect CMDS] [--unrestricted PROCS]");
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
        int httpPort = 7474;
        String password = null;
        String postConnect = null;
        String unrestricted = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                usage("missing value for " + a);
            }
            switch (a) {
                case "--home" -> home = args[++i];
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--http-port" -> httpPort = Integer.parseInt(args[++i]);
                case "--password" -> password = args[++i];
                case "--post-connect" -> postConnect = args[++i];
                case "--unrestricted" -> unrestricted = args[++i];
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
        Files.createDirectories(homeDir.resolve("conf"));
        Files.createDirectories(homeDir.resolve("plugins"));
        String shownHost = host.contains(":") ? "[" + host + "]" : host;

        Map<String, String> conf = new HashMap<>();
        conf.put("server.default_listen_address", host);
        conf.put("server.default_advertised_address", host);
        conf.put("server.bolt.enabled", "true");
        conf.put("server.bolt.listen_address", shownHost + ":" + port);
        conf.put("server.bolt.advertised_address", shownHost + ":" + port);
        conf.put("server.bolt.tls_level", "DISABLED");
        conf.put("server.http.enabled", httpPort > 0 ? "true" : "false");
        if (httpPort > 0) {
            conf.put("server.http.listen_address", shownHost + ":" + httpPort);
            conf.put("server.http.advertised_address", shownHost + ":" + httpPort);
        }
        conf.put("server.https.enabled", "false");
        conf.put("dbms.security.auth_enabled", "true");
        conf.put("server.memory.pagecache.size", "256m");
        conf.put("dbms.usage_report.enabled", "false");
        conf.put("client.allow_telemetry", "false");
        conf.put("browser.remote_content_hostname_whitelist", "localhost,127.0.0.1," + host);
        if (postConnect != null && !postConnect.isEmpty()) {
            conf.put("browser.post_connect_cmd", postConnect);
        }
        if (unrestricted != null && !unrestricted.isEmpty()) {
            conf.put("dbms.security.procedures.unrestricted", unrestricted);
        }
        // Bolt waits 5 s + 5 s for its threads on shutdown by default, after
        // the databases are already closed; 1 s each is plenty.
        conf.put("internal.server.bolt.connection_shutdown_wait_time", "1s");
        conf.put("internal.server.bolt.thread_pool_shutdown_wait_time", "1s");

        long t0 = System.nanoTime();
        CommunityBootstrapper boot = new CommunityBootstrapper();
        int status = boot.start(homeDir, conf);
        if (status != 0) {
            System.err.println("neo4j-local: could not start (status " + status + "); see " + homeDir.resolve("logs"));
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("neo4j-local: shutting down");
            try {
                boot.stop();
            } catch (RuntimeException e) {
                System.err.println("neo4j-local: shutdown failed: " + e);
            }
            System.out.println("neo4j-local: stopped");
            System.out.flush();
            stopped.countDown();
        }, "neo4j-local-shutdown"));

        try {
            setPassword(boot.getDatabaseManagementService(), password);
        } catch (RuntimeException e) {
            System.err.println("neo4j-local: could not set the password: " + e.getMessage());
            System.exit(1); // runs the shutdown hook
        }

        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("neo4j-local: started in " + ms + " ms, data in " + homeDir);
        if (httpPort > 0) {
            System.out.println("BROWSER http://" + shownHost + ":" + httpPort + "/browser/");
        }
        System.out.println("READY bolt://" + shownHost + ":" + port);
        System.out.flush();
        stopped.await();
    }
}
