package org.dpspark.core;

/**
 * Cell (lattice) arithmetic on 3×3 row-major matrices whose rows are the cell vectors (Å).
 * Fractional coordinates s relate to Cartesian r by r = s·h.
 */
public final class CellMath {
    private CellMath() {}

    /** det h; positive for a right-handed cell. */
    public static double determinant(double[] h) {
        return h[0] * (h[4] * h[8] - h[5] * h[7])
                - h[1] * (h[3] * h[8] - h[5] * h[6])
                + h[2] * (h[3] * h[7] - h[4] * h[6]);
    }

    /** Inverse of h (row-major); throws if the cell is singular. */
    public static double[] inverse(double[] h) {
        return inverseInto(h, new double[9]);
    }

    /** The inverse of the 3×3 cell {@code h} (row-major) written into {@code out} (9 doubles), which is returned. */
    public static double[] inverseInto(double[] h, double[] out) {
        double det = determinant(h);
        if (Math.abs(det) < 1e-12) {
            throw new IllegalArgumentException("singular cell (volume " + det + " Å³)");
        }
        double inv = 1.0 / det;
        double a0 = (h[4] * h[8] - h[5] * h[7]) * inv, a1 = (h[2] * h[7] - h[1] * h[8]) * inv;
        double a2 = (h[1] * h[5] - h[2] * h[4]) * inv, a3 = (h[5] * h[6] - h[3] * h[8]) * inv;
        double a4 = (h[0] * h[8] - h[2] * h[6]) * inv, a5 = (h[2] * h[3] - h[0] * h[5]) * inv;
        double a6 = (h[3] * h[7] - h[4] * h[6]) * inv, a7 = (h[1] * h[6] - h[0] * h[7]) * inv;
        double a8 = (h[0] * h[4] - h[1] * h[3]) * inv;
        out[0] = a0; out[1] = a1; out[2] = a2; out[3] = a3; out[4] = a4; out[5] = a5; out[6] = a6; out[7] = a7; out[8] = a8;
        return out;
    }

    /** Cartesian positions (n×3) from fractional ones (n×3): r = s·h. */
    public static double[] fractionalToCartesian(double[] frac, double[] h) {
        double[] r = new double[frac.length];
        for (int i = 0; i < frac.length; i += 3) {
            for (int b = 0; b < 3; b++) {
                r[i + b] = frac[i] * h[b] + frac[i + 1] * h[3 + b] + frac[i + 2] * h[6 + b];
            }
        }
        return r;
    }

    /** Fractional positions (n×3) from Cartesian ones (n×3): s = r·h⁻¹. */
    public static double[] cartesianToFractional(double[] cart, double[] h) {
        return fractionalToCartesian(cart, inverse(h));
    }

    /** Cell from lengths a, b, c (Å) and angles α, β, γ (degrees), a along x, b in the xy plane. */
    public static double[] fromLengthsAndAngles(double a, double b, double c, double alpha, double beta, double gamma) {
        double ca = Math.cos(Math.toRadians(alpha));
        double cb = Math.cos(Math.toRadians(beta));
        double cg = Math.cos(Math.toRadians(gamma));
        double sg = Math.sin(Math.toRadians(gamma));
        double cx = c * cb;
        double cy = c * (ca - cb * cg) / sg;
        double cz = Math.sqrt(Math.max(0.0, c * c - cx * cx - cy * cy));
        return new double[] {a, 0, 0, b * cg, b * sg, 0, cx, cy, cz};
    }
}
