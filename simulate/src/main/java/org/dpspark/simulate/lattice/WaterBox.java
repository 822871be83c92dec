package org.dpspark.simulate.lattice;

import java.util.SplittableRandom;
import org.dpspark.core.Elements;
import org.dpspark.simulate.potential.Structure;

/**
 * A cubic periodic box of rigid-geometry water molecules at a given mass density: molecules on a simple
 * cubic grid (m = ⌈N^⅓⌉ points per side, the first N used), each with a uniformly random orientation
 * (Shoemake's random unit quaternion) drawn from a {@link SplittableRandom} with the given seed.
 * Geometry: O–H 0.9572 Å, H–O–H 104.52° (TIP3P/TIP4P experimental geometry). Atom order O, H, H per molecule;
 * species 0 = O, 1 = H.
 */
public final class WaterBox {
    private WaterBox() {}

    /** O–H bond length, Å. */
    public static final double OH = 0.9572;
    /** H–O–H angle, degrees. */
    public static final double HOH_DEG = 104.52;
    /** 1 g/cm³ in amu/Å³: N_A·10⁻²⁴ with N_A = 6.02214076e23 (exact, SI 2019). */
    public static final double G_PER_CM3_IN_AMU_PER_A3 = 0.602214076;

    /**
     * @param molecules number of molecules N (&gt; 0)
     * @param density mass density, g/cm³ (liquid water ~1.0)
     * @param seed orientation seed
     * @return 3N atoms in a cubic box of edge L = (N·m_H2O / ρ)^⅓
     */
    public static Structure build(int molecules, double density, long seed) {
        if (molecules < 1 || !(density > 0)) {
            throw new IllegalArgumentException("need molecules > 0 and density > 0");
        }
        double mO = Elements.mass(8), mH = Elements.mass(1);
        double mass = mO + 2 * mH;
        double edge = Math.cbrt(molecules * mass / (density * G_PER_CM3_IN_AMU_PER_A3));
        int m = (int) Math.ceil(Math.cbrt(molecules) - 1e-9);
        while ((long) m * m * m < molecules) {
            m++;
        }
        double spacing = edge / m;
        double half = Math.toRadians(HOH_DEG) / 2;
        // molecule frame: O at the origin, bisector along +y, H in the xy plane
        double[][] local = {
            {0, 0, 0},
            {OH * Math.sin(half), OH * Math.cos(half), 0},
            {-OH * Math.sin(half), OH * Math.cos(half), 0}};
        // centre of mass offset, so molecules rotate about their centre of mass
        double comY = 2 * mH * OH * Math.cos(half) / mass;
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 3 * molecules;
        double[] pos = new double[3 * n];
        int[] types = new int[n];
        double[] rot = new double[9];
        for (int w = 0; w < molecules; w++) {
            int gx = w % m, gy = (w / m) % m, gz = w / (m * m);
            double cx = (gx + 0.5) * spacing, cy = (gy + 0.5) * spacing, cz = (gz + 0.5) * spacing;
            randomRotation(rng, rot);
            for (int a = 0; a < 3; a++) {
                double lx = local[a][0], ly = local[a][1] - comY, lz = local[a][2];
                int at = 3 * w + a;
                pos[3 * at] = cx + rot[0] * lx + rot[1] * ly + rot[2] * lz;
                pos[3 * at + 1] = cy + rot[3] * lx + rot[4] * ly + rot[5] * lz;
                pos[3 * at + 2] = cz + rot[6] * lx + rot[7] * ly + rot[8] * lz;
                types[at] = a == 0 ? 0 : 1;
            }
        }
        double[] cell = {edge, 0, 0, 0, edge, 0, 0, 0, edge};
        return Structure.of(pos, cell, new boolean[] {true, true, true}, types, new int[] {8, 1});
    }

    /** Uniform random rotation matrix (row-major) from a random unit quaternion (Shoemake 1992). */
    static void randomRotation(SplittableRandom rng, double[] r) {
        double u1 = rng.nextDouble(), u2 = rng.nextDouble(), u3 = rng.nextDouble();
        double a = StrictMath.sqrt(1 - u1), b = StrictMath.sqrt(u1);
        double t2 = 2 * Math.PI * u2, t3 = 2 * Math.PI * u3;
        double qx = a * StrictMath.sin(t2), qy = a * StrictMath.cos(t2);
        double qz = b * StrictMath.sin(t3), qw = b * StrictMath.cos(t3);
        r[0] = 1 - 2 * (qy * qy + qz * qz);
        r[1] = 2 * (qx * qy - qz * qw);
        r[2] = 2 * (qx * qz + qy * qw);
        r[3] = 2 * (qx * qy + qz * qw);
        r[4] = 1 - 2 * (qx * qx + qz * qz);
        r[5] = 2 * (qy * qz - qx * qw);
        r[6] = 2 * (qx * qz - qy * qw);
        r[7] = 2 * (qy * qz + qx * qw);
        r[8] = 1 - 2 * (qx * qx + qy * qy);
    }
}
