package org.dpspark.simulate.dp.kernel;

/**
 * Dense-net code shared by the kernels that evaluate DeePMD-kit nets ({@link PackedNets} layout): forward pass of
 * one row keeping every layer's output and φ′·idt, and the reverse pass done in place. Arithmetic and summation
 * order are those of {@code org.dpspark.model.eval.CompiledNet} (DeePMD-kit's {@code NativeLayer.call}):
 * <pre>  z = x·W + b;  y = φ(z)·idt;  y += x (skip 1) or y += [x, x] (skip 2)</pre>
 * so that in Java (thread-pool) mode the results are bitwise those of the reference; an OpenCL compiler may
 * contract a·b + c into fma and its tanh/exp differ by an ulp or two.
 *
 * <p>Row buffers: {@code rowOut}, {@code rowDphi} hold a row of {@code rowWidth} doubles per work item.
 * Forward input comes from {@code netIn}; the reverse pass expects ∂L/∂y of the final layer in the final
 * layer's segment of {@code rowOut} and writes ∂L/∂x to {@code netInGrad}. It overwrites the row: the segment of
 * layer l−1 in {@code rowOut} receives ∂L/∂y_{l−1}, {@code rowDphi} receives ∂L/∂z (intermediate outputs are not
 * needed by the reverse pass, so no extra scratch per work item).
 */
abstract class NetKernel extends WitnessKernel {
    double[] netW;
    double[] netB;
    double[] netIdt;
    int[] netLayer;
    int[] netIndex;
    double[] netIn;
    double[] netInGrad;
    double[] rowOut;
    double[] rowDphi;
    double geluC = Math.sqrt(2.0 / Math.PI);

    void setNets(PackedNets p) {
        netW = p.w;
        netB = p.b;
        netIdt = p.idt;
        netLayer = p.layer;
        netIndex = p.net;
    }

    /** Puts the (constant) weights to the device; call once before the first execution. */
    void putNets() {
        put(netW).put(netB).put(netIdt).put(netLayer).put(netIndex);
    }

    /** φ(z) for {@code org.dpspark.model.Activation} ordinal a. */
    double actValue(int a, double z) {
        double y = z;
        if (a == 0) {
            // tanh as the reference evaluator computes it (CompiledNet.tanh): 1 − 2/(e^{2z} + 1)
            y = 1.0 - 2.0 / (exp(2.0 * z) + 1.0);
        } else if (a == 1) {
            y = z > 0 ? z : 0.0;
        } else if (a == 2) {
            y = z < 0 ? 0.0 : (z > 6 ? 6.0 : z);
        } else if (a == 3) {
            y = log(1.0 + exp(z));
        } else if (a == 4) {
            y = 1.0 / (1.0 + exp(-z));
        } else if (a == 5) {
            y = z / (1.0 + exp(-z));
        } else if (a == 6) {
            y = 0.5 * z * (1.0 + tanh(geluC * (z + 0.044715 * z * z * z)));
        }
        return y;
    }

    /** φ′(z) given y = φ(z). */
    double actDerivative(int a, double z, double y) {
        double d = 1.0;
        if (a == 0) {
            d = 1.0 - y * y;
        } else if (a == 1) {
            d = z > 0 ? 1.0 : 0.0;
        } else if (a == 2) {
            d = (z > 0 && z < 6) ? 1.0 : 0.0;
        } else if (a == 3) {
            d = 1.0 / (1.0 + exp(-z));
        } else if (a == 4) {
            d = y * (1.0 - y);
        } else if (a == 5) {
            double s = 1.0 / (1.0 + exp(-z));
            d = s + z * s * (1.0 - s);
        } else if (a == 6) {
            double u = geluC * (z + 0.044715 * z * z * z);
            double t = tanh(u);
            double du = geluC * (1.0 + 3.0 * 0.044715 * z * z);
            d = 0.5 * (1.0 + t) + 0.5 * z * (1.0 - t * t) * du;
        }
        return d;
    }

    /** Input i of layer l: the net input for l = 0, else the previous layer's output at {@code prevOff}. */
    double layerInput(int l, int inOff, int prevOff, int i) {
        return l == 0 ? netIn[inOff + i] : rowOut[prevOff + i];
    }

    /** Forward pass of net {@code net}: input at {@code netIn[inOff]}, row at {@code rowOut/rowDphi[row]}. */
    void forwardRow(int net, int inOff, int row) {
        int first = netIndex[net * 4];
        int nl = netIndex[net * 4 + 1];
        int prevOff = 0;
        for (int l = 0; l < nl; l++) {
            int p = (first + l) * 8;
            int ni = netLayer[p];
            int no = netLayer[p + 1];
            int wo = netLayer[p + 2];
            int bo = netLayer[p + 3];
            int to = netLayer[p + 4];
            int act = netLayer[p + 5];
            int skip = netLayer[p + 6];
            int oo = row + netLayer[p + 7];
            // z_o = ((0 + x₀w₀ₒ) + x₁w₁ₒ) + …: the reference's order per output, accumulated in a register (one
            // loop per input source instead of a branch per multiply-add)
            if (l == 0) {
                for (int o = 0; o < no; o++) {
                    double acc = 0.0;
                    for (int i = 0; i < ni; i++) {
                        acc += netIn[inOff + i] * netW[wo + i * no + o];
                    }
                    rowOut[oo + o] = acc;
                }
            } else {
                for (int o = 0; o < no; o++) {
                    double acc = 0.0;
                    for (int i = 0; i < ni; i++) {
                        acc += rowOut[prevOff + i] * netW[wo + i * no + o];
                    }
                    rowOut[oo + o] = acc;
                }
            }
            for (int o = 0; o < no; o++) {
                double z = bo >= 0 ? rowOut[oo + o] + netB[bo + o] : rowOut[oo + o];
                double y = actValue(act, z);
                double d = actDerivative(act, z, y);
                if (to >= 0) {
                    double t = netIdt[to + o];
                    y = y * t;
                    d = d * t;
                }
                if (skip == 1) {
                    y = y + layerInput(l, inOff, prevOff, o);
                } else if (skip == 2) {
                    y = y + layerInput(l, inOff, prevOff, o < ni ? o : o - ni);
                }
                rowOut[oo + o] = y;
                rowDphi[oo + o] = d;
            }
            prevOff = oo;
        }
    }

    /** Reverse pass in place (see class comment); ∂L/∂x goes to {@code netInGrad[gradOff ...]}. */
    void backwardRow(int net, int row, int gradOff) {
        int first = netIndex[net * 4];
        int nl = netIndex[net * 4 + 1];
        for (int l = nl - 1; l >= 0; l--) {
            int p = (first + l) * 8;
            int ni = netLayer[p];
            int no = netLayer[p + 1];
            int wo = netLayer[p + 2];
            int skip = netLayer[p + 6];
            int oo = row + netLayer[p + 7];
            for (int o = 0; o < no; o++) {
                rowDphi[oo + o] = rowOut[oo + o] * rowDphi[oo + o];
            }
            int dst = l > 0 ? row + netLayer[p - 8 + 7] : gradOff;
            for (int i = 0; i < ni; i++) {
                double s = 0.0;
                for (int o = 0; o < no; o++) {
                    s += netW[wo + i * no + o] * rowDphi[oo + o];
                }
                if (skip == 1) {
                    s = s + rowOut[oo + i];
                } else if (skip == 2) {
                    s = s + (rowOut[oo + i] + rowOut[oo + ni + i]);
                }
                if (l > 0) {
                    rowOut[dst + i] = s;
                } else {
                    netInGrad[dst + i] = s;
                }
            }
        }
    }
}
