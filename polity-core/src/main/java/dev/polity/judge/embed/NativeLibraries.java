package dev.polity.judge.embed;

import dev.polity.input.AtomicFile;
import dev.polity.input.CacheFolder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Extracts ONNX Runtime's native libraries once into Polity's cache folder and points ONNX Runtime at
 * them ({@code onnxruntime.native.path}), because ONNX Runtime otherwise unpacks its 16 MB library into
 * a new {@code /tmp/onnxruntime-java*} folder in every JVM and leaves the folder behind. When the
 * libraries for this platform are not on the class path, or the cache cannot be written, ONNX Runtime
 * keeps its own loading (a slower start, nothing lost).
 */
final class NativeLibraries {
    private static final String PROPERTY = "onnxruntime.native.path";
    private static final List<String> LIBRARIES = List.of("onnxruntime", "onnxruntime4j_jni");
    private static volatile boolean done;

    private NativeLibraries() {
    }

    static synchronized void prepareOnnxRuntime() {
        if (done || System.getProperty(PROPERTY) != null) {
            return;
        }
        done = true;
        String platform = platform();
        String version = onnxVersion(platform);
        Path folder = CacheFolder.of("native").resolve("onnxruntime-" + platform + "-" + version);
        try {
            for (String name : LIBRARIES) {
                String file = System.mapLibraryName(name);
                Path target = folder.resolve(file);
                if (Files.isRegularFile(target)) {
                    continue;
                }
                try (InputStream in = NativeLibraries.class.getResourceAsStream("/ai/onnxruntime/native/" + platform + "/" + file)) {
                    if (in == null) {
                        return;
                    }
                    Files.createDirectories(folder);
                    AtomicFile.write(target, in::transferTo);
                }
            }
            System.setProperty(PROPERTY, folder.toString());
        } catch (IOException e) {
            System.err.println("warning: cannot keep ONNX Runtime's native library in " + folder + " (" + e.getMessage()
                    + "); it will be unpacked into the temporary folder instead");
        }
    }

    /** ONNX Runtime's folder name for this machine, e.g. {@code linux-x64}. */
    private static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.contains("win") ? "win" : os.contains("mac") || os.contains("darwin") ? "osx" : "linux";
        String a = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : arch;
        return o + "-" + a;
    }

    /**
     * The ONNX Runtime version on the class path and the size of its library, so that another version
     * never loads an old library (a shaded jar loses the version, the size still tells them apart).
     */
    private static String onnxVersion(String platform) {
        Package p = ai.onnxruntime.OrtEnvironment.class.getPackage();
        String v = p == null || p.getImplementationVersion() == null ? "v" : p.getImplementationVersion();
        java.net.URL url = NativeLibraries.class.getResource("/ai/onnxruntime/native/" + platform + "/" + System.mapLibraryName("onnxruntime"));
        long size = -1;
        if (url != null) {
            try {
                size = url.openConnection().getContentLengthLong();
            } catch (IOException e) {
                size = -1; // the version alone then names the folder; a mismatch fails loudly when ONNX Runtime loads
            }
        }
        return v + "-" + size;
    }
}
