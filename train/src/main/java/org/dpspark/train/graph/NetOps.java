package org.dpspark.train.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.dpspark.model.Activation;
import org.dpspark.model.DenseNet;
import org.dpspark.model.NetLayer;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DeePMD-kit's dense networks as SameDiff ops, with their derivatives written as explicit forward ops
 * (SameDiff has no second-order autodiff, so ∂E/∂input must be part of the graph for force training).
 * Layer rule ({@code NativeLayer.call}, deepmd/dpmodel/utils/network.py):
 * <pre>  z = x·W + b;  a = φ(z);  y = a∘idt (if idt) + skip(x),  skip = x (nOut = nIn) or [x, x] (nOut = 2·nIn, resnet)</pre>
 * Forward-mode (embedding net, scalar input s): dy/ds = (φ′(z) ∘ (dx/ds·W)) ∘ idt + skip(dx/ds).
 * Reverse (fitting net): ∂L/∂z = ∂L/∂y ∘ φ′(z) ∘ idt;  ∂L/∂x = ∂L/∂z·Wᵀ + skip′(∂L/∂y).
 * Supported activations: tanh and linear (DeePMD's default is tanh); others are refused by name.
 */
final class NetOps {
    private NetOps() {}

    /** Variables of one layer (w: nIn×nOut, b: nOut or null, idt: nOut or null). */
    record LayerVars(NetLayer layer, SDVariable w, SDVariable b, SDVariable idt) {}

    /** Forward values of one layer kept for a reverse pass: the activation output a = φ(z) and the layer input x. */
    record LayerState(LayerVars vars, SDVariable a) {}

    /** Makes the variable named {@code name} with initial values {@code init} (a new SameDiff variable, or an existing one). */
    @FunctionalInterface
    interface VarFactory {
        SDVariable make(String name, org.nd4j.linalg.api.ndarray.INDArray init);
    }

    /** Creates the variables of {@code net}; {@code name.apply(l, "w"|"b"|"idt")} names them, {@code vars} makes them. */
    static List<LayerVars> variables(DenseNet net, BiFunction<Integer, String, String> name, VarFactory vars) {
        List<LayerVars> out = new ArrayList<>();
        for (int l = 0; l < net.layers().size(); l++) {
            NetLayer layer = net.layers().get(l);
            Activation act = layer.act();
            if (act != Activation.TANH && act != Activation.LINEAR) {
                throw new UnsupportedOperationException("the DL4J graph supports activation tanh and none/linear, not "
                        + layer.activation());
            }
            SDVariable w = vars.make(name.apply(l, "w"), Nd4j.create(layer.w(), new long[] {layer.nIn(), layer.nOut()}, 'c'));
            SDVariable b = layer.b() == null ? null
                    : vars.make(name.apply(l, "b"), Nd4j.create(layer.b(), new long[] {layer.nOut()}, 'c'));
            SDVariable idt = layer.idt() == null ? null
                    : vars.make(name.apply(l, "idt"), Nd4j.create(layer.idt(), new long[] {layer.nOut()}, 'c'));
            out.add(new LayerVars(layer, w, b, idt));
        }
        return out;
    }

    /**
     * φ(z), z = x·W + b. tanh is evaluated as 2·σ(2z) − 1 (the same function; absolute round-off ~1e-16 instead of
     * tanh's relative one), because libnd4j's tanh and tanh_bp (scalar libm, recomputed in the backward op) cost
     * several times its sigmoid and sigmoid_bp (measurements: docs/benchmarks.md#samediff-graph-path). The factor 2 of
     * σ(2z) is applied to W and b (small arrays) instead of the R×nOut product (exact: scaling by 2 is exact in
     * floating point), which saves a full-size op and its backward op per layer.
     */
    private static SDVariable layerActivation(SameDiff sd, LayerVars v, SDVariable x) {
        NetLayer layer = v.layer();
        if (layer.act() != Activation.TANH) {
            SDVariable z = x.mmul(v.w());
            return v.b() == null ? z : z.add(v.b());
        }
        SDVariable z2 = x.mmul(v.w().mul(2.0));
        if (v.b() != null) z2 = z2.add(v.b().mul(2.0));
        return sd.nn().sigmoid(z2).mul(2.0).sub(1.0);
    }

    /** φ′(z)∘idt from the activation output a. */
    private static SDVariable slope(NetLayer layer, LayerVars v, SDVariable a, SDVariable like) {
        SDVariable d = layer.act() == Activation.TANH ? a.mul(a).rsub(1.0) : like.getSameDiff().onesLike(like);
        return v.idt() == null ? d : d.mul(v.idt());
    }

    private static SDVariable skip(NetLayer layer, SDVariable y, SDVariable x) {
        return switch (layer.skip()) {
            case 1 -> y.add(x);
            case 2 -> y.add(x.getSameDiff().concat(1, x, x));
            default -> y;
        };
    }

    /**
     * Embedding net on a column of scalars and its forward-mode derivative.
     *
     * @param s input, R×1
     * @return {G, dG/ds}, both R×M
     */
    static SDVariable[] embeddingWithDerivative(SameDiff sd, List<LayerVars> net, SDVariable s) {
        SDVariable x = s;
        SDVariable dx = sd.onesLike(s);
        for (LayerVars v : net) {
            NetLayer layer = v.layer();
            SDVariable a = layerActivation(sd, v, x);
            SDVariable y = v.idt() == null ? a : a.mul(v.idt());
            SDVariable dz = dx.mmul(v.w());
            SDVariable dy = dz.mul(slope(layer, v, a, a));
            x = skip(layer, y, x);
            dx = skip(layer, dy, dx);
        }
        return new SDVariable[] {x, dx};
    }

    /** Forward pass keeping each layer's activation output; returns the states, the last element's output in {@code out[0]}. */
    static List<LayerState> forward(SameDiff sd, List<LayerVars> net, SDVariable input, SDVariable[] out) {
        List<LayerState> states = new ArrayList<>();
        SDVariable x = input;
        for (LayerVars v : net) {
            NetLayer layer = v.layer();
            SDVariable a = layerActivation(sd, v, x);
            SDVariable y = v.idt() == null ? a : a.mul(v.idt());
            states.add(new LayerState(v, a));
            x = skip(layer, y, x);
        }
        out[0] = x;
        return states;
    }

    /** Reverse pass written as forward ops: ∂L/∂input from ∂L/∂output {@code g}. */
    static SDVariable backward(SameDiff sd, List<LayerState> states, SDVariable g) {
        for (int l = states.size() - 1; l >= 0; l--) {
            LayerState st = states.get(l);
            LayerVars v = st.vars();
            NetLayer layer = v.layer();
            SDVariable dz = g.mul(slope(layer, v, st.a(), g));
            SDVariable dx = sd.mmul(dz, v.w(), false, true, false);
            int nIn = layer.nIn();
            dx = switch (layer.skip()) {
                case 1 -> dx.add(g);
                case 2 -> dx.add(g.get(SDIndex.all(), SDIndex.interval(0, nIn)))
                        .add(g.get(SDIndex.all(), SDIndex.interval(nIn, 2 * nIn)));
                default -> dx;
            };
            g = dx;
        }
        return g;
    }

    static DataType dtype() { return DataType.DOUBLE; }
}
