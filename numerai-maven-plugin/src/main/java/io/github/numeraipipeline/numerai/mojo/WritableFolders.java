package io.github.numeraipipeline.numerai.mojo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;

/** Fails a goal before any work when a folder it writes to cannot be written, naming the parameter and the fix. */
final class WritableFolders {
    private WritableFolders() {
    }

    /** {@code directory} is the parameter's value itself. */
    static void require(Path directory, String property) throws MojoFailureException {
        require(directory, property, directory, "");
    }

    /**
     * {@code directory} is a folder inside the parameter's {@code value}; {@code why} says what the goal keeps
     * there.
     */
    static void require(Path directory, String property, Path value, String why) throws MojoFailureException {
        try {
            Files.createDirectories(directory);
            Files.deleteIfExists(Files.createTempFile(directory, ".write-check", ".tmp"));
        } catch (IOException | RuntimeException e) {
            String where = directory.equals(value) ? property + "=" + directory
                    : directory + " (in " + property + "=" + value + ")";
            throw new MojoFailureException(where + " cannot be written (" + e + ")" + why + "; point -D" + property
                    + " at a folder this user can write", e);
        }
    }
}
