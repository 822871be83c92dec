package org.dpspark.model.env;

/**
 * DeePMD-kit's normalisation of the environment matrix: R̃ = (R − davg[t_i]) / dstd[t_i] with
 * davg, dstd of shape ntypes×nnei×4 (flat, row-major) indexed by the centre atom's type.
 *
 * <p>As in DeePMD-kit ({@code EnvMat.call}: {@code em -= davg[atype]; em /= dstd[atype]}), the shift is
 * applied to every slot, padding included: a padding slot becomes (−davg/dstd, 0, 0, 0) in the s column
 * (the angular davg is 0), and a model must use it like that (DeePMD-kit feeds it to the embedding net).
 * Derivatives are divided by dstd (the C++ {@code prod_env_mat_a}: {@code em_deriv /= std}).
 */
public final class EnvNormalization {
    private EnvNormalization() {}

    /**
     * Normalises {@code frame} in place.
     *
     * @param types centre type per atom (natoms)
     * @param davg ntypes×nnei×4
     * @param dstd ntypes×nnei×4
     */
    public static void apply(SeAFrame frame, int[] types, double[] davg, double[] dstd) {
        int nnei = frame.nnei;
        int per = nnei * 4;
        if (davg.length != frame.ntypes * per || dstd.length != frame.ntypes * per) {
            throw new IllegalArgumentException("davg/dstd must have ntypes×nnei×4 = " + frame.ntypes * per + " values");
        }
        for (int i = 0; i < frame.natoms; i++) {
            int base = types[i] * per;
            int e = i * per;
            for (int k = 0; k < per; k++) {
                double sd = dstd[base + k];
                frame.env[e + k] = (frame.env[e + k] - davg[base + k]) / sd;
                int d = 3 * (e + k);
                frame.deriv[d] /= sd;
                frame.deriv[d + 1] /= sd;
                frame.deriv[d + 2] /= sd;
            }
        }
    }
}
