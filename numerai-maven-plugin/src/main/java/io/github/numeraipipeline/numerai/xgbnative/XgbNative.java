package io.github.numeraipipeline.numerai.xgbnative;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ml.dmlc.xgboost4j.java.DMatrix;

/**
 * XGBoost's C API ({@link XgbCApi}) bound to the native library XGBoost4J has already loaded. XGBoost4J extracts
 * {@code libxgboost4j.so} from its jar to a temporary file and loads it privately; binding the same file again
 * with JNA gets the same library instance (the dynamic loader counts references by path), so a matrix made here
 * is an ordinary matrix to XGBoost4J. Binding a second copy would not be: two XGBoosts would share no state.
 *
 * <p>The library is found in {@code /proc/self/maps}, so this works on Linux only; elsewhere, or when the
 * library lacks one of the {@link XgbCApi#REQUIRED} functions (another XGBoost version), {@link #api()} fails
 * with the reason and the fix instead of a crash or an {@code UnsatisfiedLinkError} halfway through.
 */
public final class XgbNative {
    private static final Pattern LIBRARY = Pattern.compile("(/\\S*libxgboost4j\\S*\\.so)\\s*$");
    private static final String FIX = " Train with the float path instead (-Dnumerai.train.matrix=float).";

    private final XgbCApi api;
    private final String version;

    private XgbNative(XgbCApi api) {
        this.api = api;
        IntByReference major = new IntByReference();
        IntByReference minor = new IntByReference();
        IntByReference patch = new IntByReference();
        api.XGBoostVersion(major, minor, patch);
        this.version = major.getValue() + "." + minor.getValue() + "." + patch.getValue();
    }

    /** The binding, made once per class loader: the library and its functions do not change while it runs. */
    public static XgbNative load() throws XgbNativeException {
        Holder holder = Holder.INSTANCE;
        if (holder.failure != null) {
            throw new XgbNativeException(holder.failure.getMessage(), holder.failure.getCause());
        }
        return holder.binding;
    }

    /** Whether {@link #load()} succeeds here: the automatic choice of training path asks this. */
    public static boolean available() {
        return Holder.INSTANCE.failure == null;
    }

    public XgbCApi api() {
        return api;
    }

    /** The version the loaded library reports, such as {@code 3.4.0}. */
    public String version() {
        return version;
    }

    /** Turns a C API return code into the library's own error message. */
    void check(int returnCode, String what) throws XgbNativeException {
        if (returnCode != 0) {
            throw XgbNativeException.fault("XGBoost failed to " + what + ": " + api.XGBGetLastError(), null);
        }
    }

    /** Binds this library file; {@link #load()} binds the one XGBoost4J loaded. */
    public static XgbNative bind(Path library) throws XgbNativeException {
        NativeLibrary loaded;
        try {
            loaded = NativeLibrary.getInstance(library.toString());
        } catch (UnsatisfiedLinkError e) {
            throw new XgbNativeException("Cannot open XGBoost's native library " + library + ": " + e.getMessage()
                    + "." + FIX, e);
        }
        for (String function : XgbCApi.REQUIRED) {
            try {
                loaded.getFunction(function);
            } catch (UnsatisfiedLinkError e) {
                throw new XgbNativeException("XGBoost's native library " + library + " has no function " + function
                        + ", which the int8 training path needs (XGBoost 2.0 or newer has it; this plugin is built"
                        + " with XGBoost4J " + xgboost4jVersion() + ")." + FIX, e);
            }
        }
        return new XgbNative(Native.load(library.toString(), XgbCApi.class));
    }

    /** Makes XGBoost4J load its library (its JNI class does so when initialised), then finds the file. */
    static Path loadedLibrary() throws XgbNativeException {
        try {
            Class.forName("ml.dmlc.xgboost4j.java.XGBoostJNI", true, DMatrix.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new XgbNativeException("XGBoost4J could not load its native library: " + e + "." + FIX, e);
        }
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            throw new XgbNativeException("The int8 training path finds XGBoost's native library through /proc/self/maps,"
                    + " which only Linux has (this is " + System.getProperty("os.name") + ")." + FIX);
        }
        try (var lines = Files.lines(maps)) {
            Optional<Path> found = lines.map(LIBRARY::matcher).filter(Matcher::find).map(m -> Path.of(m.group(1)))
                    .filter(Files::isRegularFile).findFirst();
            return found.orElseThrow(() -> new XgbNativeException("XGBoost4J's native library is not among this"
                    + " process's mapped files (or its temporary file was deleted)." + FIX));
        } catch (IOException e) {
            throw new XgbNativeException("Cannot read " + maps + ": " + e + "." + FIX, e);
        }
    }

    private static String xgboost4jVersion() {
        return String.valueOf(DMatrix.class.getPackage().getImplementationVersion());
    }

    private static final class Holder {
        static final Holder INSTANCE = new Holder();

        private final XgbNative binding;
        private final XgbNativeException failure;

        private Holder() {
            XgbNative made = null;
            XgbNativeException failed = null;
            try {
                made = bind(loadedLibrary());
            } catch (XgbNativeException e) {
                failed = e;
            }
            this.binding = made;
            this.failure = failed;
        }
    }
}
