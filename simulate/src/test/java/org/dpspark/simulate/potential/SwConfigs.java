package org.dpspark.simulate.potential;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.dpspark.core.CellMath;
import org.dpspark.simulate.lattice.Lattice;

/**
 * The silicon configurations of the Stillinger–Weber reference test, generated deterministically (a
 * SplittableRandom's sequence is specified, so the same doubles come out on every JVM), and a {@code main}
 * that writes them as LAMMPS data files (coordinates with 17 significant digits, i.e. exactly) — the way the
 * reference numbers in {@link StillingerWeberLammpsTest} were produced, see there.
 */
public final class SwConfigs {
    private SwConfigs() {}

    /** Perfect diamond Si, 2×2×2 conventional cells (64 atoms), a = 5.431 Å. */
    public static Structure perfect64() {
        return Lattice.silicon(2, 2, 2);
    }

    /** The 64-atom cell with every coordinate displaced uniformly in [−0.2, 0.2) Å (seed 20240601). */
    public static Structure perturbed64() {
        Structure s = Lattice.silicon(2, 2, 2);
        double[] x = s.positions();
        SplittableRandom rng = new SplittableRandom(20240601L);
        for (int k = 0; k < x.length; k++) {
            x[k] += 0.4 * (rng.nextDouble() - 0.5);
        }
        return s.withPositions(x);
    }

    /**
     * A small triclinic cell: the 2-atom primitive diamond cell compressed to a = 5.2 Å (edges 3.677 Å, shorter
     * than the 3.771 Å cutoff, so atoms see their own periodic images), positions perturbed (seed 7) — exercises
     * integer cell shifts and self-images. Cell in LAMMPS' form (a along x, b in the xy plane).
     */
    public static Structure smallTriclinic() {
        double a = 5.2;
        double edge = a / Math.sqrt(2.0);
        double[] h = CellMath.fromLengthsAndAngles(edge, edge, edge, 60, 60, 60);
        double[] frac = {0, 0, 0, 0.25, 0.25, 0.25};
        double[] x = CellMath.fractionalToCartesian(frac, h);
        SplittableRandom rng = new SplittableRandom(7L);
        for (int k = 0; k < x.length; k++) {
            x[k] += 0.3 * (rng.nextDouble() - 0.5);
        }
        return Structure.of(x, h, new boolean[] {true, true, true}, new int[2], new int[] {14});
    }

    /** Writes {@code s} as a LAMMPS atomic data file (box from the cell in LAMMPS' lower-triangular form). */
    public static void writeLammpsData(Structure s, Path file) throws IOException {
        double[] h = s.cell();
        StringBuilder b = new StringBuilder("dpspark SW reference configuration\n\n");
        b.append(s.natoms()).append(" atoms\n1 atom types\n\n");
        b.append(String.format(Locale.ROOT, "0 %.17g xlo xhi%n", h[0]));
        b.append(String.format(Locale.ROOT, "0 %.17g ylo yhi%n", h[4]));
        b.append(String.format(Locale.ROOT, "0 %.17g zlo zhi%n", h[8]));
        if (h[3] != 0 || h[6] != 0 || h[7] != 0) {
            b.append(String.format(Locale.ROOT, "%.17g %.17g %.17g xy xz yz%n", h[3], h[6], h[7]));
        }
        b.append("\nMasses\n\n1 28.0855\n\nAtoms # atomic\n\n");
        for (int i = 0; i < s.natoms(); i++) {
            b.append(String.format(Locale.ROOT, "%d 1 %.17g %.17g %.17g%n", i + 1, s.position(i, 0), s.position(i, 1),
                    s.position(i, 2)));
        }
        Files.writeString(file, b.toString());
    }

    /** Writes perfect64.data, perturbed64.data, triclinic2.data into the directory args[0]. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        writeLammpsData(perfect64(), dir.resolve("perfect64.data"));
        writeLammpsData(perturbed64(), dir.resolve("perturbed64.data"));
        writeLammpsData(smallTriclinic(), dir.resolve("triclinic2.data"));
    }
}
