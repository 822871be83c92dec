package org.dpspark.train.kernel;

import org.dpspark.model.Activation;
import org.dpspark.model.NetLayer;

/**
 * One dense layer as the kernel sees it: widths, activation (tanh or linear), skip width, and where its w (nIn×nOut,
 * row-major), b (nOut) and idt (nOut) sit in the flat parameter vector ({@code -1} when the layer has none).
 * Layer rule (DeePMD-kit {@code NativeLayer.call}): {@code y = φ(x·W + b)∘idt + skip(x)}, skip = x (1) or [x, x] (2).
 */
record KernelLayer(int nIn, int nOut, boolean tanh, int skip, int offW, int offB, int offIdt) {

    /** Builds the layer record and checks the activation (tanh and none/linear are supported, as in the graph). */
    static KernelLayer of(NetLayer l, int offW, int offB, int offIdt) {
        Activation a = l.act();
        if (a != Activation.TANH && a != Activation.LINEAR) {
            throw new UnsupportedOperationException("the training kernel supports activation tanh and none/linear, not "
                    + l.activation());
        }
        return new KernelLayer(l.nIn(), l.nOut(), a == Activation.TANH, l.skip(), offW, offB, offIdt);
    }

    boolean hasBias() { return offB >= 0; }

    boolean hasIdt() { return offIdt >= 0; }
}
