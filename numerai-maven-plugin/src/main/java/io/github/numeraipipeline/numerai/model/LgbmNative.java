package io.github.numeraipipeline.numerai.model;

import com.microsoft.ml.lightgbm.lightgbmlib;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * LightGBM's native library from lightgbm4j's jar, loaded once per JVM from a folder of its own, and its C API's
 * error codes as exceptions.
 *
 * <p>Why not lightgbm4j's own loader ({@code LGBMBooster.loadNative}, run by its classes' static initializers): it
 * extracts to a fixed path, {@code <java.io.tmpdir>/lib_lightgbm.so}, so a second JVM rewrites the library a first
 * one has mapped, and the first crashes (seen here: SIGSEGV in the first call after another JVM started). The desk
 * runs models side by side in several JVMs on one agent, so the desk never touches {@code LGBMBooster} or
 * {@code LGBMDataset} and calls the SWIG layer ({@code lightgbmlib}) only.
 */
final class LgbmNative {
    private static final String[] LIBRARIES = {"lib_lightgbm", "lib_lightgbm_swig"};
    private static boolean loaded;

    private LgbmNative() {
    }

    /** Loads the native library, or says why it cannot (a platform lightgbm4j has no library for). */
    static synchronized void load(String model) throws ModelException {
        if (loaded) {
            return;
        }
        String folder = folder();
        try {
            Path dir = Files.createTempDirectory("numerai-lightgbm-");
            dir.toFile().deleteOnExit();
            for (String library : LIBRARIES) {
                String name = library + (folder.startsWith("osx") ? ".dylib" : folder.startsWith("windows") ? ".dll"
                        : ".so");
                Path file = dir.resolve(name);
                try (InputStream in = LgbmNative.class.getClassLoader()
                        .getResourceAsStream("lightgbm4j/" + folder + "/" + name)) {
                    if (in == null) {
                        throw new IOException("lightgbm4j has no lightgbm4j/" + folder + "/" + name);
                    }
                    Files.copy(in, file);
                }
                file.toFile().deleteOnExit();
                System.load(file.toString());
            }
            loaded = true;
        } catch (IOException | UnsatisfiedLinkError e) {
            throw ModelException.fault("Model " + model + ": cannot load LightGBM's native library (lightgbm4j has"
                    + " it for Linux and macOS on x86_64 and aarch64, and Windows on x86_64; this is "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "): " + e, e);
        }
    }

    private static String folder() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String system = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "osx"
                : os.startsWith("windows") ? "windows" : os;
        String cpu = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : arch;
        return system + "/" + cpu;
    }

    /** A non-zero return code as LightGBM's own message. */
    static void check(int code, String model, String what) throws ModelException {
        if (code != 0) {
            throw new ModelException("Model " + model + ": LightGBM failed to " + what + ": "
                    + lightgbmlib.LGBM_GetLastError());
        }
    }
}
