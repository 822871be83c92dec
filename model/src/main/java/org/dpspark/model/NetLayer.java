package org.dpspark.model;

/**
 * One dense layer of a DeePMD-kit network ({@code NativeLayer}, deepmd/dpmodel/utils/network.py, serialized
 * as {@code "@class": "Layer"}):
 * <pre>
 *   y = φ(x·W + b)                 W: nIn×nOut (row-major, as DeePMD's w[num_in][num_out]), b: nOut
 *   y = y ∘ idt                    when idt != null (use_timestep, the resnet_dt "timestep")
 *   y = y + x                      when resnet and nOut == nIn
 *   y = y + [x, x]                 when resnet and nOut == 2·nIn
 * </pre>
 * DeePMD only creates {@code idt} when the layer has a skip connection (nOut == nIn or 2·nIn) and
 * resnet_dt is set; the evaluator applies whatever the file holds.
 *
 * @param nIn input width
 * @param nOut output width
 * @param w weights, nIn×nOut row-major
 * @param b bias, nOut, or null (bias: false)
 * @param idt timestep, nOut, or null
 * @param activation DeePMD activation name (e.g. "tanh", "none")
 * @param resnet the layer's resnet flag
 * @param precision "float64" or "float32"
 */
public record NetLayer(int nIn, int nOut, double[] w, double[] b, double[] idt, String activation, boolean resnet,
        String precision) {
    public NetLayer {
        if (nIn <= 0 || nOut <= 0) throw new IllegalArgumentException("layer widths must be positive: " + nIn + "×" + nOut);
        if (w.length != nIn * nOut) throw new IllegalArgumentException("w has " + w.length + " values, need " + nIn + "×" + nOut);
        if (b != null && b.length != nOut) throw new IllegalArgumentException("b has " + b.length + " values, need " + nOut);
        if (idt != null && idt.length != nOut) {
            throw new IllegalArgumentException("idt has " + idt.length + " values, need " + nOut);
        }
        Activation.of(activation); // validates the name
    }

    /** The parsed activation. */
    public Activation act() {
        return Activation.of(activation);
    }

    /** Width of the skip connection added to the output: 0 (none), 1 (y += x) or 2 (y += [x, x]). */
    public int skip() {
        if (!resnet) return 0;
        if (nOut == nIn) return 1;
        if (nOut == 2 * nIn) return 2;
        return 0;
    }
}
