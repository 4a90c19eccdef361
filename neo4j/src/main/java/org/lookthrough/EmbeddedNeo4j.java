package org.lookthrough;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Lookthrough's embedded default Neo4j: Neo4j Community 5.26 in this JVM, with Bolt on the loopback interface.
 *
 * <p>Started by src/db/embedded.ts as
 * {@code java -Xmx1g -cp <classes>:<deps> org.lookthrough.EmbeddedNeo4j --home=.neo4j --port=7687 --pagecache=512m}
 * with the password of the {@code neo4j} user in the environment variable LOOKTHROUGH_NEO4J_PASSWORD (kept out
 * of argv, which every local user can read). Without that variable authentication is disabled: acceptable only
 * because Bolt listens on 127.0.0.1 and nothing else, so only this machine can connect.
 *
 * <p>Prints {@code LOOKTHROUGH_NEO4J_READY version=<v> bolt=bolt://127.0.0.1:<port>} once the default database is
 * available, and shuts the database down cleanly on SIGTERM / SIGINT (shutdown hook) or, with
 * {@code --exit-on-stdin-close}, when the parent process goes away and its end of standard input closes. A
 * {@code neo4j.conf} in the home folder, if present, is loaded first; the settings below override it.
 */
public final class EmbeddedNeo4j {
    private static final String READY_MARKER = "LOOKTHROUGH_NEO4J_READY";

    private EmbeddedNeo4j() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(".neo4j");
        int port = envInt("NEO4J_BOLT_PORT", 7687);
        String host = "127.0.0.1";
        long pageCache = parseBytes("512m");
        boolean exitOnStdinClose = false;
        for (String arg : args) {
            if (arg.startsWith("--home=")) {
                home = Path.of(value(arg));
            } else if (arg.startsWith("--port=")) {
                port = Integer.parseInt(value(arg));
            } else if (arg.startsWith("--pagecache=")) {
                pageCache = parseBytes(value(arg));
            } else if (arg.equals("--exit-on-stdin-close")) {
                exitOnStdinClose = true;
            } else {
                System.err.println("Unknown argument " + arg
                        + " (expected --home=DIR --port=N --pagecache=SIZE --exit-on-stdin-close)");
                System.exit(2);
            }
        }
        home = home.toAbsolutePath().normalize();
        Files.createDirectories(home);

        String password = System.getenv("LOOKTHROUGH_NEO4J_PASSWORD");
        boolean auth = password != null && !password.isEmpty();

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
        Path conf = home.resolve("neo4j.conf");
        if (Files.isRegularFile(conf)) {
            builder.loadPropertiesFromFile(conf);
        }
        builder.setConfig(BoltConnector.enabled, true)
                // Loopback only: the embedded default is for this machine. Use NEO4J_URI for a shared server.
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.auth_enabled, auth)
                // Bounded so that Neo4j, the server and a browser fit a 2-core, 24 GiB machine (heap: -Xmx).
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // A local explorer re-imports often: keep transaction logs small and bounded on disk (by default
                // each database preallocates a 256 MiB log file, half a gigabyte for an empty .neo4j/).
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, 64L << 20)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "256M size")
                // The databases are checkpointed and closed before Bolt stops; Netty's default graceful quiet
                // period would then add ~10 s to every stop (and to each test run's teardown) for nothing.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(2))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(2));

        long started = System.nanoTime();
        DatabaseManagementService service = builder.build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Neo4j...");
            service.shutdown();
            System.out.println("Neo4j stopped.");
            System.out.flush();
            stopped.countDown();
        }, "lookthrough-neo4j-shutdown"));

        GraphDatabaseService db = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(TimeUnit.MINUTES.toMillis(2))) {
            System.err.println("The default database did not become available within 2 minutes: see "
                    + home.resolve("logs/debug.log"));
            System.exit(1);
        }
        if (auth) {
            setPassword(service, password);
        }
        String version = db.executeTransactionally(
                "CALL dbms.components() YIELD versions RETURN versions[0] AS version",
                Map.of(),
                result -> String.valueOf(result.next().get("version")));

        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.println(READY_MARKER + " version=" + version + " bolt=bolt://" + host + ":" + port + " auth="
                + (auth ? "on" : "off") + " home=" + home + " startMillis=" + millis);
        System.out.flush();

        if (exitOnStdinClose) {
            Thread watcher = new Thread(() -> {
                waitForEndOfInput(System.in);
                System.out.println("Parent process went away: shutting down.");
                System.exit(0); // runs the shutdown hook
            }, "lookthrough-neo4j-stdin-watch");
            watcher.setDaemon(true);
            watcher.start();
        }
        stopped.await();
    }

    /**
     * Sets the password of the built-in neo4j user to the one the project generated (.neo4j/password), and clears
     * the "change on first login" flag. Runs at every start, so the file is the single source of truth.
     */
    private static void setPassword(DatabaseManagementService service, String password) {
        GraphDatabaseService system = service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        } catch (RuntimeException e) {
            // Neo4j refuses to "change" a password to the one it already has: that is the state we want.
            String message = String.valueOf(e.getMessage());
            if (!message.contains("Old password and new password cannot be the same")) {
                throw e;
            }
        }
    }

    private static void waitForEndOfInput(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // Ignore anything the parent writes; only the end of the stream matters.
            }
        } catch (IOException e) {
            // A broken pipe also means the parent is gone.
        }
    }

    private static String value(String arg) {
        return arg.substring(arg.indexOf('=') + 1);
    }

    private static int envInt(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    /** Parses 512m, 2g, 1048576 into bytes. */
    private static long parseBytes(String text) {
        String value = text.trim().toLowerCase();
        long unit = 1;
        char last = value.charAt(value.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g') {
            unit = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
            value = value.substring(0, value.length() - 1);
        }
        return Long.parseLong(value) * unit;
    }
}
