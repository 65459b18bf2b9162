package dev.polity.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** A gateway in its own JVM, for the tests that kill it or run two at once: args store, upstream, constitution, config, port file. */
public final class GatewayProcess {
    private GatewayProcess() {
    }

    public static void main(String[] args) throws Exception {
        Gateway g = Gateway.start(new Settings("127.0.0.1", 0, args[1], args[0], Path.of(args[2]), Path.of(args[3]), Clock.systemUTC(), n -> null));
        Path portFile = Path.of(args[4]);
        Files.writeString(portFile.resolveSibling(portFile.getFileName() + ".tmp"), String.valueOf(g.port()));
        Files.move(portFile.resolveSibling(portFile.getFileName() + ".tmp"), portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        g.awaitStop();
    }

    /** Starts one and waits until it serves; returns the process and its port. */
    static Started start(GatewayHarness h, String name) throws Exception {
        Path portFile = h.dir.resolve(name + ".port");
        Files.deleteIfExists(portFile);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"), GatewayProcess.class.getName(), h.store, h.upstream.baseUrl(),
                h.constitution.toString(), h.config.toString(), portFile.toString())
                .redirectError(h.dir.resolve(name + ".err").toFile()).redirectOutput(h.dir.resolve(name + ".out").toFile()).start();
        for (int i = 0; i < 600 && !Files.exists(portFile); i++) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the gateway process died: " + Files.readString(h.dir.resolve(name + ".err")));
            }
            Thread.sleep(100);
        }
        return new Started(p, Integer.parseInt(Files.readString(portFile).trim()));
    }

    record Started(Process process, int port) {
    }
}
