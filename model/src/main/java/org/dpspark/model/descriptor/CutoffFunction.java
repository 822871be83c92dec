package org.dpspark.model.descriptor;

/**
 * Cutoff functions f_c(r) of the Behler–Parrinello symmetry functions (zero for r ≥ r_c), x = r/r_c:
 * <ul>
 *   <li>{@link #COS}: ½[cos(πx) + 1] (n2p2 {@code cos}); f_c and f_c′ vanish at r_c (C¹).</li>
 *   <li>{@link #POLY5}: x³(−6x² + 15x − 10) + 1 (n2p2 {@code poly2}, the same polynomial as
 *       DeePMD's switch with r_s = 0); f_c, f_c′, f_c″ vanish at r_c (C²).</li>
 * </ul>
 */
public enum CutoffFunction {
    COS, POLY5;

    /** f_c(r), dimensionless. */
    public double value(double r, double rc) {
        if (r >= rc) return 0.0;
        double x = r / rc;
        return switch (this) {
            case COS -> 0.5 * (Math.cos(Math.PI * x) + 1.0);
            case POLY5 -> x * x * x * (-6.0 * x * x + 15.0 * x - 10.0) + 1.0;
        };
    }

    /** df_c/dr, Å⁻¹. */
    public double derivative(double r, double rc) {
        if (r >= rc) return 0.0;
        double x = r / rc;
        return switch (this) {
            case COS -> -0.5 * Math.PI / rc * Math.sin(Math.PI * x);
            case POLY5 -> (3.0 * x * x * (-6.0 * x * x + 15.0 * x - 10.0) + x * x * x * (-12.0 * x + 15.0)) / rc;
        };
    }
}
