package org.dpspark.model.eval;

import org.dpspark.model.EnerFitting;

/**
 * The frame and atomic parameters of the fitting net's input, as DeePMD-kit's {@code GeneralFitting._call_common}
 * appends them to the descriptor: x_i = [D_i, (fparam − fparam_avg)·fparam_inv_std, (aparam_i − aparam_avg)·
 * aparam_inv_std] (F = numb_fparam, A = numb_aparam values). A frame without fparam uses the model's
 * {@code default_fparam}; a model that needs parameters the caller did not give fails with a message naming them.
 * The parameters are constants of the frame: forces take nothing from them. Not thread-safe.
 */
final class FittingInputs {
    private final EnerFitting fitting;
    final int nfp;
    final int nap;
    private final double[] fpNorm;
    private double[] aparam;

    FittingInputs(EnerFitting fitting) {
        this.fitting = fitting;
        nfp = fitting.numbFparam();
        nap = fitting.numbAparam();
        fpNorm = new double[nfp];
    }

    /** Extra input width, F + A. */
    int width() { return nfp + nap; }

    /**
     * Takes one frame's parameters.
     *
     * @param fparam F frame parameters, or null for the model's default_fparam
     * @param aparam n×A atomic parameters (row-major), or null when A = 0
     * @param natoms n
     */
    void prepare(double[] fparam, double[] aparam, int natoms) {
        if (nfp > 0) {
            double[] fp = fparam != null ? fparam : fitting.defaultFparam();
            if (fp == null) {
                throw new IllegalArgumentException("the model takes numb_fparam = " + nfp + " frame parameters (fparam):"
                        + " none given, and the model has no default_fparam");
            }
            if (fp.length != nfp) throw new IllegalArgumentException("fparam has " + fp.length + " values, the model takes " + nfp);
            for (int k = 0; k < nfp; k++) fpNorm[k] = (fp[k] - fitting.fparamAvg()[k]) * fitting.fparamInvStd()[k];
        } else if (fparam != null && fparam.length > 0) {
            throw new IllegalArgumentException("fparam given (" + fparam.length + " values) to a model without frame parameters");
        }
        if (nap > 0) {
            if (aparam == null) {
                throw new IllegalArgumentException("the model takes numb_aparam = " + nap + " atomic parameters (aparam) per atom: none given");
            }
            if (aparam.length != natoms * nap) {
                throw new IllegalArgumentException("aparam has " + aparam.length + " values for " + natoms + " atoms × " + nap);
            }
        } else if (aparam != null && aparam.length > 0) {
            throw new IllegalArgumentException("aparam given (" + aparam.length + " values) to a model without atomic parameters");
        }
        this.aparam = aparam;
    }

    /** Writes atom i's parameters into x[dimD, dimD + F + A). */
    void fill(double[] x, int dimD, int i) {
        for (int k = 0; k < nfp; k++) x[dimD + k] = fpNorm[k];
        for (int k = 0; k < nap; k++) {
            x[dimD + nfp + k] = (aparam[i * nap + k] - fitting.aparamAvg()[k]) * fitting.aparamInvStd()[k];
        }
    }
}
