package org.dpspark.ingest.label;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dpspark.core.RejectReason;

/**
 * One run of an external program in a calculation folder: an argument list (no shell), the folder as working
 * directory, stdout and stderr to {@code stdout.txt} / {@code stderr.txt} there, {@code OMP_NUM_THREADS} set to the
 * threads the task declared, and a wall-time limit after which the program and its children are killed.
 */
public final class ProgramRun {
    private ProgramRun() {}

    /**
     * Runs {@code args} in {@code dir}.
     *
     * @param threads OpenMP threads of the program ({@code OMP_NUM_THREADS}), ≥ 1
     * @param timeoutSeconds wall-time limit (s)
     * @return the exit code
     * @throws LabelFailure FAILED_RUN when the program cannot start or runs past the limit
     */
    public static int run(List<String> args, Path dir, int threads, long timeoutSeconds) throws LabelFailure, IOException {
        ProcessBuilder pb = new ProcessBuilder(args).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile());
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new LabelFailure(RejectReason.FAILED_RUN, "cannot start " + args.get(0) + ": " + e.getMessage());
        }
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new LabelFailure(RejectReason.FAILED_RUN, "timed out after " + timeoutSeconds + " s in " + dir);
            }
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while labelling in " + dir, e);
        }
        return p.exitValue();
    }

    /** The last non-blank line of a text file, or {@code ""} when it is missing or blank. */
    public static String lastLine(Path p) throws IOException {
        if (!Files.isRegularFile(p)) return "";
        List<String> lines = Files.readAllLines(p, StandardCharsets.ISO_8859_1).stream().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1).trim();
    }

    /** Whether a text file contains {@code needle}. */
    public static boolean contains(Path p, String needle) throws IOException {
        return Files.isRegularFile(p) && Files.readString(p, StandardCharsets.ISO_8859_1).contains(needle);
    }
}
