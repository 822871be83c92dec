package org.dpspark.model.env;

/**
 * DeePMD-kit's C² switching polynomial (dpmodel {@code compute_smooth_weight}, C++ {@code spline5_switch}):
 * <pre>
 *   u = (r − r_s)/(r_c − r_s)
 *   w(r) = 1                               r ≤ r_s
 *        = u³(−6u² + 15u − 10) + 1         r_s &lt; r &lt; r_c
 *        = 0                               r ≥ r_c
 * </pre>
 * w, w′ and w″ are continuous; near r_c, w ≈ 10(1−u)³. The environment-matrix weight is s(r) = w(r)/r.
 */
public final class SmoothSwitch {
    private SmoothSwitch() {}

    /** w(r), dimensionless. */
    public static double value(double r, double rs, double rc) {
        if (r <= rs) {
            return 1.0;
        }
        if (r >= rc) {
            return 0.0;
        }
        double u = (r - rs) / (rc - rs);
        return u * u * u * (-6.0 * u * u + 15.0 * u - 10.0) + 1.0;
    }

    /** dw/dr, Å⁻¹. */
    public static double derivative(double r, double rs, double rc) {
        if (r <= rs || r >= rc) {
            return 0.0;
        }
        double u = (r - rs) / (rc - rs);
        return (3.0 * u * u * (-6.0 * u * u + 15.0 * u - 10.0) + u * u * u * (-12.0 * u + 15.0)) / (rc - rs);
    }
}
