package org.dpspark.ingest.label;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.dpspark.core.Frame;
import org.dpspark.core.RejectReason;
import org.dpspark.ingest.cp2k.Cp2kOutputReader;

/**
 * Labels a structure with CP2K (Quickstep DFT): writes {@code cp2k.inp} ({@link Cp2kInput}) into the calculation
 * folder, runs {@code [launcher...] program -i cp2k.inp -o cp2k.out} there ({@link ProgramRun}: no shell,
 * {@code OMP_NUM_THREADS} = threads, timeout) and reads {@code cp2k.out} with the ingest CP2K reader (Hartree → eV,
 * Ha/Bohr → eV/Å, stress GPa → virial eV). The output's atoms must be the input's ({@link CommandLabeler#match}).
 * An unconverged SCF is UNCONVERGED, a non-zero exit or no output FAILED_RUN, another structure SHAPE_MISMATCH.
 */
public record Cp2kLabeler(Cp2kSettings settings) implements QmLabeler {
    public static final String INPUT = "cp2k.inp";
    public static final String OUTPUT = "cp2k.out";
    /** What a missing program's error says. */
    public static final String INSTALL = "apt-get install cp2k";

    /**
     * The labeler after the checks that must fail before any Spark job: the program is found, and every element of
     * {@code elements} has its basis set and pseudopotential in the libraries.
     */
    public static Cp2kLabeler checked(Cp2kSettings s, Collection<String> elements) {
        Programs.resolve(s.program(), INSTALL);
        if (!s.launcher().isEmpty()) Programs.resolve(s.launcher().get(0), "install it or clear loop.labeler.cp2k.launcher");
        Cp2kData.check(s, elements);
        return new Cp2kLabeler(s);
    }

    @Override
    public Frame label(Frame f, Path dir) throws LabelFailure, IOException {
        CommandLabeler.deleteTree(dir);
        Files.createDirectories(dir);
        Cp2kInput.Written w;
        try {
            w = Cp2kInput.write(f, settings);
        } catch (IllegalArgumentException e) {
            throw new LabelFailure(RejectReason.SHAPE_MISMATCH, e.getMessage());
        }
        Files.writeString(dir.resolve(INPUT), w.text(), StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(settings.launcher());
        args.addAll(List.of(settings.program(), "-i", INPUT, "-o", OUTPUT));
        int code = ProgramRun.run(args, dir, settings.threads(), settings.timeoutSeconds());
        Path out = dir.resolve(OUTPUT);
        if (ProgramRun.contains(out, "outer SCF loop FAILED to converge")) {
            throw new LabelFailure(RejectReason.UNCONVERGED, "SCF not converged (outer SCF loop FAILED to converge) in " + out);
        }
        if (code != 0) {
            String why = ProgramRun.contains(out, "SCF run NOT converged") ? "SCF run NOT converged, " : "";
            throw new LabelFailure(why.isEmpty() ? RejectReason.FAILED_RUN : RejectReason.UNCONVERGED, why + "exit code "
                    + code + " in " + dir + ": " + ProgramRun.lastLine(dir.resolve("stderr.txt")));
        }
        if (!Files.isRegularFile(out) || Files.size(out) == 0) {
            throw new LabelFailure(RejectReason.FAILED_RUN, "no output " + out + " (exit code 0)");
        }
        Frame qm = QmOutputs.last(out, Cp2kOutputReader.FORMAT, f.dataset(), Map.of());
        Frame placed = shifted(f, w.shift());
        int[] order = new int[f.natoms()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Frame labelled = CommandLabeler.match(placed, qm, order);
        return f.toBuilder().energy(labelled.energy()).forces(labelled.forces())
                .virial(w.periodic() ? labelled.virial() : null).build();
    }

    /** {@code f} translated by {@code shift} (Å), as written into the input (molecules are centred in their box). */
    static Frame shifted(Frame f, double[] shift) {
        if (shift[0] == 0 && shift[1] == 0 && shift[2] == 0) return f;
        double[] p = f.positions();
        for (int i = 0; i < p.length; i++) p[i] += shift[i % 3];
        return f.toBuilder().positions(p).build();
    }

    @Override
    public int threads() {
        return settings.threads();
    }

    @Override
    public String fingerprint() {
        return "cp2k " + settings;
    }

    @Override
    public void checkInput(Frame f) {
        Cp2kInput.write(f, settings);
    }

    @Override
    public String describe() {
        return settings.program() + " (" + (settings.template().isEmpty() ? settings.functional() + ", " + settings.basisSet()
                + ", " + settings.potential() + ", cutoff " + settings.cutoff() + " Ry" : "template") + ", "
                + settings.threads() + " thread(s))";
    }
}
