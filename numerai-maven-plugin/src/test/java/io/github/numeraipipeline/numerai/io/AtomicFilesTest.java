package io.github.numeraipipeline.numerai.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    /** Records what was forced and what the target held at that moment, then forces for real. */
    private final class RecordingDisk implements AtomicFiles.Disk {
        final List<String> calls = new ArrayList<>();

        @Override
        public void forceFile(Path file) throws IOException {
            calls.add("file " + Files.readString(file) + " while target holds " + targetText());
            AtomicFiles.Disk.SYSTEM.forceFile(file);
        }

        @Override
        public void forceDirectory(Path directory) throws IOException {
            calls.add("directory " + dir.relativize(directory) + " after target holds " + targetText());
            AtomicFiles.Disk.SYSTEM.forceDirectory(directory);
        }
    }

    private Path target() {
        return dir.resolve("reports/run.json");
    }

    private String targetText() throws IOException {
        return Files.exists(target()) ? Files.readString(target()) : "nothing";
    }

    private static AtomicFiles.FileContent text(String text) {
        return temporary -> Files.writeString(temporary, text);
    }

    @Test
    void forcesTheContentBeforeTheRenameAndTheDirectoryAfterIt() throws IOException {
        RecordingDisk disk = new RecordingDisk();

        AtomicFiles.write(target(), text("old"), disk);
        AtomicFiles.write(target(), text("new"), disk);

        assertEquals(List.of(
                "file old while target holds nothing", "directory reports after target holds old",
                "file new while target holds old", "directory reports after target holds new"), disk.calls);
    }

    @Test
    void aDownloadsPartFileIsForcedBeforeItTakesTheCachedName() throws IOException {
        RecordingDisk disk = new RecordingDisk();
        Path part = dir.resolve("reports/run.json.part");
        Files.createDirectories(part.getParent());
        Files.writeString(part, "downloaded");

        AtomicFiles.moveIntoPlace(part, target(), disk);

        assertEquals(List.of("file downloaded while target holds nothing",
                "directory reports after target holds downloaded"), disk.calls);
        assertFalse(Files.exists(part));
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndLeavesNoTemporary() throws IOException {
        AtomicFiles.write(target(), "whole".getBytes(StandardCharsets.UTF_8));

        assertThrows(IOException.class, () -> AtomicFiles.write(target(), (AtomicFiles.StreamContent) out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));

        assertEquals("whole", Files.readString(target()));
        try (Stream<Path> files = Files.list(target().getParent())) {
            assertEquals(List.of(target()), files.toList(), "no .tmp left behind");
        }
    }

    @Test
    void newFilesFollowTheUmaskLikeAnyOtherFileNotOwnerOnly() throws IOException {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "POSIX file modes");
        Path plain = Files.createFile(dir.resolve("made-the-usual-way"));
        Set<PosixFilePermission> usual = Files.getPosixFilePermissions(plain);
        assumeTrue(usual.contains(PosixFilePermission.GROUP_READ) || usual.contains(PosixFilePermission.OTHERS_READ),
                "under umask 077 every file is owner-only, and this test could not tell");

        AtomicFiles.write(target(), "{}".getBytes(StandardCharsets.UTF_8));

        assertEquals(usual, Files.getPosixFilePermissions(target()));
    }
}
