package dev.hubpress.aws.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A dynalite process of a test's own, storing its tables on disk, that the test can stop in the
 * middle of a run and start again on the same port with the same data: a DynamoDB outage as a
 * deployed function would meet it (connections refused), not a client pointed elsewhere. The
 * shared emulators ({@link Emulators}) stay up for every other test.
 */
public final class Dynalite implements AutoCloseable {

    private final Path data;
    private final int port;
    private final Path log;
    private Process process;

    private Dynalite(Path data, int port, Path log) {
        this.data = data;
        this.port = port;
        this.log = log;
    }

    /** Starts dynalite on a free loopback port, keeping its tables in {@code data}. */
    public static Dynalite start(Path data) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Dynalite dynalite = new Dynalite(data, port, Emulators.logFile("dynalite-own"));
        dynalite.restart();
        return dynalite;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    /** Starts the process again, on the same port and data; returns once it accepts connections. */
    public void restart() throws IOException {
        Emulators.start(); // the region and credentials the SDK clients need
        Path cli = Emulators.nodeModules().resolve("dynalite/cli.js");
        process = new ProcessBuilder(List.of("node", cli.toString(), "--port", Integer.toString(port), "--path", data.toString(),
                "--createTableMs", "0", "--deleteTableMs", "0")).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("dynalite did not start on " + endpoint() + ": " + Files.readString(log));
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Stops the process (SIGTERM, then SIGKILL), as an outage would: its port refuses connections afterwards. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
