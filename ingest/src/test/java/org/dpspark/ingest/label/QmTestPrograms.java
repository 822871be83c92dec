package org.dpspark.ingest.label;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.dpspark.core.Frame;

/** Test structures and a counting wrapper around a real program (the invocation count proves what ran). */
final class QmTestPrograms {
    private QmTestPrograms() {}

    /** Whether a program is on PATH (the CI installs cp2k and xtb from Debian). */
    static boolean installed(String program) {
        try {
            Programs.resolve(program, "");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A water molecule (Å), O–H 0.96 Å, H–O–H 104.5°, displaced by {@code dx} along x on atom {@code atom}. */
    static Frame water(int atom, double dx) {
        double a = Math.toRadians(104.5 / 2), r = 0.96;
        double[] p = {0, 0, 0, r * Math.sin(a), 0, r * Math.cos(a), -r * Math.sin(a), 0, r * Math.cos(a)};
        p[3 * atom] += dx;
        return Frame.builder().dataset("test").sourceFile("water").sourceIndex(0).atomicNumbers(new int[] {8, 1, 1})
                .positions(p).build();
    }

    /**
     * A script that appends a line to {@code count} and then runs {@code program} with its arguments (exec, so a
     * timeout kills the program itself).
     */
    static Path counting(Path dir, String program, Path count) throws Exception {
        Path s = dir.resolve("counting-" + program);
        Files.writeString(s, "#!/bin/sh\necho run >> '" + count + "'\nexec " + Programs.resolve(program, "") + " \"$@\"\n");
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxr-xr-x"));
        return s;
    }

    static long lines(Path count) throws Exception {
        return Files.exists(count) ? Files.readAllLines(count).size() : 0;
    }
}
