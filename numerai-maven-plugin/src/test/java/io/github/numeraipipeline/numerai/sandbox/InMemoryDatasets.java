package io.github.numeraipipeline.numerai.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dataset files for transport tests: given bytes under given names, and a small live universe. Tests of what the
 * files contain use the generated datasets instead.
 */
public final class InMemoryDatasets implements DatasetSource {
    private final Path directory;
    private final Map<String, Path> files = new LinkedHashMap<>();
    private final Set<String> liveIds = new LinkedHashSet<>();

    public InMemoryDatasets(Path directory) {
        this.directory = directory;
        for (int i = 0; i < 5; i++) {
            liveIds.add(String.format("n%015x", 0xabc000L + i));
        }
    }

    public InMemoryDatasets with(String name, byte[] bytes) {
        try {
            Path file = directory.resolve(name.replace('/', '_'));
            Files.write(file, bytes);
            files.put(name, file);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Set<String> liveIds() {
        return liveIds;
    }

    @Override
    public List<String> files() {
        return new ArrayList<>(files.keySet());
    }

    @Override
    public Path file(String name) {
        return files.get(name);
    }

    @Override
    public Set<String> liveIds(String version) {
        return liveIds;
    }
}
