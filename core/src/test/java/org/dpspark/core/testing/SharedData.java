package org.dpspark.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the real QM data in {@code ../shared/data} (see its MANIFEST.md). Maven passes the folder
 * as the system property {@code dpspark.shared}; tests run from an IDE fall back to walking up from
 * the working directory.
 */
public final class SharedData {
    private SharedData() {}

    /** The {@code shared/data} folder. */
    public static Path root() {
        String prop = System.getProperty("dpspark.shared");
        if (prop != null && Files.isDirectory(Path.of(prop, "data"))) {
            return Path.of(prop, "data").toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolveSibling("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return candidate.normalize();
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find ../shared/data; set -Ddpspark.shared=<path to shared>");
    }

    /** A path under {@code shared/data}, which must exist. */
    public static Path path(String relative) {
        Path p = root().resolve(relative);
        assumeTrue(Files.exists(p), "shared data file missing: " + p);
        return p;
    }
}
