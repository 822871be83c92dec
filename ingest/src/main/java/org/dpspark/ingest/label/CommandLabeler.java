package org.dpspark.ingest.label;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dpspark.core.CellMath;
import org.dpspark.core.Frame;
import org.dpspark.core.RejectReason;
import org.dpspark.ingest.read.ReaderRegistry;

/**
 * Labels a structure with an external QM program: writes the code's input from a template ({@link QmInput}) into a
 * fresh task folder, copies the extra files (pseudopotentials, KPOINTS, POTCAR), runs the command as an argument
 * list (no shell; the only substitutions are the task's own paths {@code {input}}, {@code {output}} and
 * {@code {dir}}), with stdout and stderr to {@code stdout.txt} / {@code stderr.txt} there, and reads the output
 * with the ingest reader of {@code format} (for {@code qe/pw} with the written input as its {@code qe_input}). The last frame of the output is the label; it must have the input's
 * atoms (same elements, positions equal up to lattice translations within {@link #POSITION_TOLERANCE}).
 * Failures (exit code, timeout, missing output, unconverged or unreadable output, other atoms) throw
 * {@link LabelFailure} with the reason and a message.
 *
 * @param code QM code ({@link QmInput#CODES})
 * @param template template text
 * @param files extra files copied into each task folder (absolute paths)
 * @param command program and arguments
 * @param output file the program writes, relative to the task folder (e.g. {@code stdout.txt}, {@code OUTCAR})
 * @param format ingest reader format of the output (e.g. {@code qe/pw}, {@code vasp/outcar})
 * @param timeoutSeconds wall-time limit of one run
 * @param keep keep task folders of successful runs (failed ones are always kept for inspection)
 */
public record CommandLabeler(String code, String template, List<String> files, List<String> command, String output,
        String format, long timeoutSeconds, boolean keep) implements Serializable {

    /** Å: QM outputs print positions with ~5–10 digits (QE: alat units, 7 decimals). */
    public static final double POSITION_TOLERANCE = 1e-3;

    public CommandLabeler {
        files = List.copyOf(files);
        command = List.copyOf(command);
        if (command.isEmpty()) throw new IllegalArgumentException("the labeler command is empty");
        if (output.isBlank()) throw new IllegalArgumentException("the labeler needs the output file name");
        ReaderRegistry.get(format); // unknown formats fail here, naming the known ones
        new QmInput(code, template);
    }

    /**
     * Writes the input of {@code f} into a temporary folder (removed again) without running the program.
     *
     * @throws IllegalArgumentException when no input can be written for this structure
     */
    public void checkInput(Frame f) throws IOException {
        Path tmp = Files.createTempDirectory("dpspark-labeler-check");
        try {
            new QmInput(code, template).write(f, tmp);
        } finally {
            deleteTree(tmp);
        }
    }

    /**
     * Labels {@code f} in {@code dir} (created; an earlier content is removed first).
     *
     * @return the frame with the QM energy, forces and virial (positions, cell and labels of {@code f})
     */
    public Frame label(Frame f, Path dir) throws LabelFailure, IOException {
        deleteTree(dir);
        Files.createDirectories(dir);
        QmInput.Written w;
        try {
            w = new QmInput(code, template).write(f, dir);
        } catch (IllegalArgumentException e) {
            throw new LabelFailure(RejectReason.SHAPE_MISMATCH, "cannot write the " + code + " input: " + e.getMessage());
        }
        for (String file : files) {
            Path src = Path.of(file);
            Files.copy(src, dir.resolve(src.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        Path out = dir.resolve(output);
        List<String> args = new ArrayList<>();
        for (String a : command) {
            args.add(a.replace("{input}", w.input().toString()).replace("{output}", out.toString())
                    .replace("{dir}", dir.toString()));
        }
        ProcessBuilder pb = new ProcessBuilder(args).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile());
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
                throw new LabelFailure(RejectReason.FAILED_RUN, "timed out after " + timeoutSeconds + " s in " + dir);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while labelling in " + dir, e);
        }
        if (p.exitValue() != 0) {
            throw new LabelFailure(RejectReason.FAILED_RUN, "exit code " + p.exitValue() + " in " + dir + ": "
                    + lastLine(dir.resolve("stderr.txt")));
        }
        if (!Files.isRegularFile(out) || Files.size(out) == 0) {
            throw new LabelFailure(RejectReason.FAILED_RUN, "no output " + out + " (exit code 0)");
        }
        Frame qm = read(out, f.dataset(), w.input());
        Frame labelled = match(f, qm, w.order());
        if (!keep) deleteTree(dir);
        return labelled;
    }

    private Frame read(Path out, String dataset, Path input) throws LabelFailure, IOException {
        return QmOutputs.last(out, format, dataset, java.util.Map.of("qe_input", input.toString()));
    }

    /** The QM labels on the input frame's atoms (file atom k = frame atom order[k]). */
    static Frame match(Frame f, Frame qm, int[] order) throws LabelFailure {
        int n = f.natoms();
        if (qm.natoms() != n) {
            throw new LabelFailure(RejectReason.SHAPE_MISMATCH, "output has " + qm.natoms() + " atoms, input " + n);
        }
        int[] z = f.atomicNumbers(), zq = qm.atomicNumbers();
        double[] p = f.positions(), pq = qm.positions(), fq = qm.forces();
        double[] cell = f.cell();
        double[] inv = cell == null ? null : CellMath.inverse(cell);
        double[] forces = new double[3 * n];
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (zq[k] != z[i]) {
                throw new LabelFailure(RejectReason.SHAPE_MISMATCH, "output atom " + k + " is Z=" + zq[k] + ", input Z=" + z[i]);
            }
            double[] d = {pq[3 * k] - p[3 * i], pq[3 * k + 1] - p[3 * i + 1], pq[3 * k + 2] - p[3 * i + 2]};
            if (inv != null) { // up to lattice translations (codes may wrap atoms into the cell)
                double[] s = new double[3];
                for (int c = 0; c < 3; c++) {
                    for (int r = 0; r < 3; r++) s[c] += d[r] * inv[3 * r + c];
                    s[c] -= Math.rint(s[c]);
                }
                for (int c = 0; c < 3; c++) {
                    d[c] = 0;
                    for (int r = 0; r < 3; r++) d[c] += s[r] * cell[3 * r + c];
                }
            }
            double dist = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
            if (dist > POSITION_TOLERANCE) {
                throw new LabelFailure(RejectReason.SHAPE_MISMATCH, "output atom " + k + " is " + dist
                        + " Å from the input position: the program computed another structure");
            }
            System.arraycopy(fq, 3 * k, forces, 3 * i, 3);
        }
        return f.toBuilder().energy(qm.energy()).forces(forces).virial(qm.virial()).build();
    }

    private static String lastLine(Path p) throws IOException {
        if (!Files.isRegularFile(p)) return "";
        List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "(no stderr)" : lines.get(lines.size() - 1);
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }
}
