package armsgraph.testserver;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;

import java.time.Duration;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * Throwaway Neo4j 5.26 test server for armsgraph (started by scripts/neo4j-test-server).
 *
 * <p>Usage: {@code Main --workdir DIR --uri-file FILE [--pid-file FILE] [--port N] [--pagecache BYTES]}
 *
 * <p>Runs an in-process harness with Bolt on 127.0.0.1:N (N=0: an ephemeral port chosen by the OS),
 * no HTTP, authentication off. The JVM's PID is written to the pid file (if given) before the server
 * starts; once the server is up, its Bolt URI is written to the URI file (atomically) and printed. Runs
 * until the JVM is told to stop (SIGTERM/SIGINT); a shutdown hook then removes the URI file and closes
 * the database, which deletes its files under DIR.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        Path workdir = null;
        Path uriFile = null;
        Path pidFile = null;
        int port = 0;
        long pagecache = 256L * 1024 * 1024;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                usage("missing value for " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--workdir" -> workdir = Path.of(v);
                case "--uri-file" -> uriFile = Path.of(v);
                case "--pid-file" -> pidFile = Path.of(v);
                case "--port" -> port = Integer.parseInt(v);
                case "--pagecache" -> pagecache = Long.parseLong(v);
                default -> usage("unknown argument " + a);
            }
        }
        if (workdir == null || uriFile == null) {
            usage("--workdir and --uri-file are required");
        }
        Files.createDirectories(workdir);
        if (pidFile != null) {
            writeAtomically(pidFile, Long.toString(ProcessHandle.current().pid()));
        }

        Neo4j neo4j = Neo4jBuilders.newInProcessBuilder(workdir)
                .withDisabledServer() // no HTTP/HTTPS
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .withConfig(GraphDatabaseSettings.auth_enabled, false)
                .withConfig(GraphDatabaseSettings.pagecache_memory, pagecache)
                // No "anonymous usage data" reporting (this is a test server; no internet anyway).
                .withConfig(GraphDatabaseSettings.udc_enabled, false)
                // Netty's graceful shutdown would otherwise idle for seconds on every stop.
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        final Path uriFileFinal = uriFile;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("neo4j-test-server: shutting down");
            try {
                Files.deleteIfExists(uriFileFinal);
            } catch (IOException ignored) {
                // best effort
            }
            try {
                neo4j.close();
            } catch (RuntimeException e) {
                e.printStackTrace();
            }
            stopped.countDown();
            System.out.println("neo4j-test-server: stopped");
        }, "neo4j-test-server-shutdown"));

        URI bolt = neo4j.boltURI();
        // The harness reports "localhost"; tests use the explicit loopback address.
        String uri = "bolt://127.0.0.1:" + bolt.getPort();
        writeAtomically(uriFile, uri);
        System.out.println("neo4j-test-server: " + uri);
        System.out.flush();

        stopped.await();
    }

    private static void writeAtomically(Path file, String line) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, line + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void usage(String msg) {
        System.err.println("neo4j-test-server: " + msg);
        System.err.println("usage: Main --workdir DIR --uri-file FILE [--pid-file FILE] [--port N] [--pagecache BYTES]");
        System.exit(2);
    }
}
