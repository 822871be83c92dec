package org.dpspark.ingest.label;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dpspark.core.Elements;
import org.dpspark.core.Frame;
import org.dpspark.core.RejectReason;

/**
 * Labels a molecule or cluster with xtb (GFN2-xTB by default): writes {@code coord.xyz} (Å) into the calculation
 * folder, runs {@code xtb coord.xyz --gfn 2 --grad --chrg C --uhf U --iterations N} there ({@link ProgramRun}: no
 * shell, {@code OMP_NUM_THREADS} = threads, timeout) and reads its {@code energy} and {@code gradient} files
 * ({@link XtbOutput}, where the units are converted). Periodic frames are rejected (SHAPE_MISMATCH: xtb 6.5's GFN2
 * is molecular); an unconverged SCC is UNCONVERGED, a crash FAILED_RUN, other atoms in the output SHAPE_MISMATCH.
 */
public record XtbLabeler(XtbSettings settings) implements QmLabeler {
    public static final String INPUT = "coord.xyz";
    public static final String INSTALL = "apt-get install xtb";

    /** The labeler after the program check that must fail before any Spark job. */
    public static XtbLabeler checked(XtbSettings s) {
        Programs.resolve(s.program(), INSTALL);
        return new XtbLabeler(s);
    }

    @Override
    public Frame label(Frame f, Path dir) throws LabelFailure, IOException {
        if (Cp2kInput.periodic(f)) {
            throw new LabelFailure(RejectReason.SHAPE_MISMATCH, "xtb labels molecules and clusters; the frame is periodic"
                    + " (use labeler.type = cp2k)");
        }
        CommandLabeler.deleteTree(dir);
        Files.createDirectories(dir);
        int n = f.natoms();
        int[] z = f.atomicNumbers();
        double[] p = f.positions();
        StringBuilder xyz = new StringBuilder().append(n).append("\ndpspark ").append(f.formula()).append('\n');
        for (int i = 0; i < n; i++) {
            xyz.append(Elements.symbol(z[i])).append(' ').append(p[3 * i]).append(' ').append(p[3 * i + 1]).append(' ')
                    .append(p[3 * i + 2]).append('\n');
        }
        Files.writeString(dir.resolve(INPUT), xyz, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of(settings.program(), INPUT));
        args.addAll(settings.methodArgs());
        args.addAll(List.of("--grad", "--chrg", Integer.toString(settings.charge()), "--uhf",
                Integer.toString(settings.unpaired()), "--iterations", Integer.toString(settings.maxIterations())));
        int code = ProgramRun.run(args, dir, settings.threads(), settings.timeoutSeconds());
        if (code != 0) {
            Path err = dir.resolve("stderr.txt");
            boolean scc = ProgramRun.contains(err, "did not converge") || ProgramRun.contains(dir.resolve("stdout.txt"), "did not converge");
            throw new LabelFailure(scc ? RejectReason.UNCONVERGED : RejectReason.FAILED_RUN, (scc ? "SCC not converged, " : "")
                    + "exit code " + code + " in " + dir + ": " + firstError(err));
        }
        XtbOutput out = XtbOutput.read(dir);
        if (out.elements().length != n) {
            throw new LabelFailure(RejectReason.SHAPE_MISMATCH, "xtb output has " + out.elements().length + " atoms, input " + n);
        }
        for (int i = 0; i < n; i++) {
            double d = 0;
            for (int c = 0; c < 3; c++) d += Math.pow(out.positions()[3 * i + c] - p[3 * i + c], 2);
            // gradient file: Bohr with 14 decimals; the input Å in full precision
            if (!Elements.symbol(z[i]).equalsIgnoreCase(out.elements()[i]) || Math.sqrt(d) > CommandLabeler.POSITION_TOLERANCE) {
                throw new LabelFailure(RejectReason.SHAPE_MISMATCH, "xtb output atom " + i + " (" + out.elements()[i]
                        + ") is not the input's: the program computed another structure");
            }
        }
        return f.toBuilder().energy(out.energy()).forces(out.forces()).virial(null).build();
    }

    /** The first line of stderr naming the problem (xtb prints a backtrace after it), else its last line. */
    private static String firstError(Path err) throws IOException {
        if (Files.isRegularFile(err)) {
            for (String l : Files.readAllLines(err, StandardCharsets.ISO_8859_1)) {
                if (l.contains("-1-") || l.toLowerCase(java.util.Locale.ROOT).contains("error")) return l.strip();
            }
        }
        return ProgramRun.lastLine(err);
    }

    @Override
    public int threads() {
        return settings.threads();
    }

    @Override
    public String fingerprint() {
        return "xtb " + settings;
    }

    @Override
    public String describe() {
        return settings.program() + " (" + settings.method() + ", charge " + settings.charge() + ", unpaired "
                + settings.unpaired() + ", " + settings.threads() + " thread(s))";
    }
}
