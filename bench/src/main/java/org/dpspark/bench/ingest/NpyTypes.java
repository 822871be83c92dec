package org.dpspark.bench.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The {@code type.raw} of a deepmd system as type indices (for the benchmark floor). */
final class NpyTypes {
    private NpyTypes() {}

    static long[] types(Path system) throws IOException {
        List<String> lines = Files.readAllLines(system.resolve("type.raw"));
        return lines.stream().map(String::trim).filter(l -> !l.isEmpty()).mapToLong(Long::parseLong).toArray();
    }
}
