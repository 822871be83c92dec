package org.dpspark.model.eval;

import org.dpspark.model.DenseNet;

/** Test access to the evaluators' plain forward pass of one net ({@link CompiledNet}). */
public final class CompiledNetAccess {
    private CompiledNetAccess() {}

    /** The net's output (outDim values) for the scalar input x. */
    public static double[] forward(DenseNet net, double x) {
        CompiledNet c = new CompiledNet(net);
        double[] row = new double[c.rowWidth()];
        c.forward(new double[] {x}, 0, row, null, 0);
        double[] out = new double[net.outDim()];
        System.arraycopy(row, c.outOffset(), out, 0, out.length);
        return out;
    }
}
