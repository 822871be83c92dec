package org.dpspark.ingest.label;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finding a QM program before any Spark job starts, with the line that tells the user how to get it. */
public final class Programs {
    private Programs() {}

    /**
     * The absolute path of {@code program}: itself when it contains a path separator, else the first executable of
     * that name on {@code PATH}.
     *
     * @param hint how to install it, e.g. {@code apt-get install cp2k}
     * @throws IllegalArgumentException "{@code cp2k.psmp not found: apt-get install cp2k}"
     */
    public static String resolve(String program, String hint) {
        if (program.isBlank()) throw new IllegalArgumentException("the QM program name is empty: " + hint);
        if (program.contains(File.separator)) {
            Path p = Path.of(program).toAbsolutePath().normalize();
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return p.toString();
            throw new IllegalArgumentException(program + " not found: " + hint);
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                if (d.isEmpty()) continue;
                Path p = Path.of(d, program);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) return p.toAbsolutePath().toString();
            }
        }
        throw new IllegalArgumentException(program + " not found: " + hint);
    }
}
