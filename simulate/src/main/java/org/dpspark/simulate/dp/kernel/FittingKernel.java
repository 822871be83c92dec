package org.dpspark.simulate.dp.kernel;

/**
 * Kernels (c) and (d), one work item per atom of a chunk: descriptor contraction, fitting net forward and
 * reverse, and ∂E/∂gr, exactly as the reference {@code DeepPotEvaluator}:
 * <pre>
 *   gr[a][k] = (1/N) Σ_s G_s[a]·R̃_s[k]                     (M×4, slots in order)
 *   D[a·M&lt; + b] = Σ_k gr[a][k]·gr[b][k],  b &lt; M&lt;
 *   E_i = fitting[t_i](D) + bias[t_i]
 *   ∂E/∂gr[a][k] = (1/N)(Σ_b ∂E/∂D[a,b]·gr[b][k] + [a &lt; M&lt;] Σ_c ∂E/∂D[c,a]·gr[c][k])
 * </pre>
 * Per-atom work (one thread runs an M·M&lt; → fitting matrix–vector chain): right for CPUs and for frames of
 * thousands of atoms on a GPU; a layer-parallel fitting kernel would use a GPU better on small frames.
 *
 * <p>Inputs: {@code env} B×N×4, {@code embOut} B×N×rowE (G at offset outE), {@code types} n, {@code bias} T.
 * Outputs: {@code atomE} B (eV), {@code netIn} = descriptor B×dimD, {@code fitLast} B×lastW, {@code gr},
 * {@code dgr} B×M×4. Scratch: {@code rowOut}, {@code rowDphi} B×rowF, {@code netInGrad} = ∂E/∂D B×dimD.
 */
final class FittingKernel extends NetKernel {
    double[] env;
    double[] embOut;
    double[] gr;
    double[] dgr;
    double[] atomE;
    double[] fitLast;
    double[] bias;
    int[] types;
    int nnei;
    int ng;
    int axis;
    int dimD;
    int rowE;
    int outE;
    int rowF;
    int outF;
    int lastOff;
    int lastW;
    int atom0;
    int count;

    @Override
    public void run() {
        writeWitness();
        int a = getGlobalId();
        if (a < count) {
            int ti = types[atom0 + a];
            int g0 = a * 4 * ng;
            contract(a, g0);
            int dOff = a * dimD;
            for (int p = 0; p < ng; p++) {
                for (int b = 0; b < axis; b++) {
                    netIn[dOff + p * axis + b] = gr[g0 + 4 * p] * gr[g0 + 4 * b] + gr[g0 + 4 * p + 1] * gr[g0 + 4 * b + 1]
                            + gr[g0 + 4 * p + 2] * gr[g0 + 4 * b + 2] + gr[g0 + 4 * p + 3] * gr[g0 + 4 * b + 3];
                }
            }
            int row = a * rowF;
            forwardRow(ti, dOff, row);
            atomE[a] = rowOut[row + outF] + bias[ti];
            for (int k = 0; k < lastW; k++) {
                fitLast[a * lastW + k] = rowOut[row + lastOff + k];
            }
            rowOut[row + outF] = 1.0;
            backwardRow(ti, row, dOff);
            descriptorGrad(g0, dOff);
        }
    }

    /** gr of atom a (chunk index) into gr[g0 ...]. */
    void contract(int a, int g0) {
        for (int q = 0; q < 4 * ng; q++) {
            gr[g0 + q] = 0.0;
        }
        for (int s = 0; s < nnei; s++) {
            int slot = a * nnei + s;
            double r0 = env[4 * slot];
            double r1 = env[4 * slot + 1];
            double r2 = env[4 * slot + 2];
            double r3 = env[4 * slot + 3];
            int row = slot * rowE + outE;
            for (int p = 0; p < ng; p++) {
                double g = embOut[row + p];
                int q = g0 + 4 * p;
                gr[q] += g * r0;
                gr[q + 1] += g * r1;
                gr[q + 2] += g * r2;
                gr[q + 3] += g * r3;
            }
        }
        for (int q = 0; q < 4 * ng; q++) {
            gr[g0 + q] = gr[g0 + q] / nnei;
        }
    }

    /** ∂E/∂gr from ∂E/∂D (in netInGrad at dOff), in the reference's accumulation order. */
    void descriptorGrad(int g0, int dOff) {
        for (int q = 0; q < 4 * ng; q++) {
            dgr[g0 + q] = 0.0;
        }
        for (int p = 0; p < ng; p++) {
            for (int b = 0; b < axis; b++) {
                double g = netInGrad[dOff + p * axis + b];
                for (int k = 0; k < 4; k++) {
                    dgr[g0 + 4 * p + k] += g * gr[g0 + 4 * b + k];
                    dgr[g0 + 4 * b + k] += g * gr[g0 + 4 * p + k];
                }
            }
        }
        for (int q = 0; q < 4 * ng; q++) {
            dgr[g0 + q] = dgr[g0 + q] / nnei;
        }
    }
}
