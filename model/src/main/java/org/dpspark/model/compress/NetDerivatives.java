package org.dpspark.model.compress;

import org.dpspark.model.Activation;
import org.dpspark.model.DenseNet;
import org.dpspark.model.NetLayer;
import org.dpspark.model.UnsupportedModelException;

/**
 * Value, first and second derivative of a scalar-input net (a DeePMD-kit embedding net, inDim 1) with respect to its
 * input, by forward-mode differentiation through every layer of {@link NetLayer}'s rule
 * y = φ(x·W + b)∘idt + skip(x):
 * <pre>
 *   z = x·W + b,  z′ = x′·W,  z″ = x″·W
 *   y = φ(z)·t + s(x),  y′ = φ′(z)·z′·t + s(x′),  y″ = (φ″(z)·z′² + φ′(z)·z″)·t + s(x″)
 * </pre>
 * with x′ = 1, x″ = 0 at the input (DeePMD-kit's {@code unaggregated_dy_dx_s} / {@code unaggregated_dy2_dx_s},
 * deepmd/utils/tabulate_math.py, compute the same for tanh nets). φ″ is known for tanh (−2y·(1−y²)),
 * linear, relu, relu6 (0 almost everywhere), sigmoid (σ′(1−2σ)) and softplus (σ′); other activations are refused
 * by name.
 */
public final class NetDerivatives {
    private final NetLayer[] layers;
    private final Activation[] act;
    private final int outDim;
    private final int maxWidth;
    private final double[] v0, d0, s0, v1, d1, s1;

    /** @param net a net with input width 1 */
    public NetDerivatives(DenseNet net) {
        if (net.inDim() != 1) throw new IllegalArgumentException("tabulation needs a scalar-input net, got inDim " + net.inDim());
        layers = net.layers().toArray(new NetLayer[0]);
        act = new Activation[layers.length];
        int w = 1;
        for (int l = 0; l < layers.length; l++) {
            act[l] = layers[l].act();
            if (!supported(act[l])) {
                throw new UnsupportedModelException("model compression needs the second derivative of activation "
                        + layers[l].activation() + " (supported: tanh, none/linear, relu, relu6, sigmoid, softplus)");
            }
            w = Math.max(w, layers[l].nOut());
        }
        outDim = net.outDim();
        maxWidth = w;
        v0 = new double[w]; d0 = new double[w]; s0 = new double[w];
        v1 = new double[w]; d1 = new double[w]; s1 = new double[w];
    }

    private static boolean supported(Activation a) {
        return switch (a) {
            case TANH, LINEAR, RELU, RELU6, SIGMOID, SOFTPLUS -> true;
            default -> false;
        };
    }

    /** Output width M. */
    public int outDim() { return outDim; }

    /**
     * y(x), y′(x), y″(x) into {@code value}, {@code first}, {@code second} at {@code off} (M each).
     *
     * @param x the net's input (normalised s̃, dimensionless)
     */
    public void at(double x, double[] value, double[] first, double[] second, int off) {
        double[] xv = v0, xd = d0, xs = s0, yv = v1, yd = d1, ys = s1;
        xv[0] = x;
        xd[0] = 1.0;
        xs[0] = 0.0;
        int nIn = 1;
        for (int l = 0; l < layers.length; l++) {
            NetLayer layer = layers[l];
            int nOut = layer.nOut(), skip = layer.skip();
            double[] w = layer.w(), b = layer.b(), idt = layer.idt();
            for (int o = 0; o < nOut; o++) {
                double z = b == null ? 0.0 : b[o], zd = 0.0, zs = 0.0;
                for (int i = 0; i < nIn; i++) {
                    double wio = w[i * nOut + o];
                    z += xv[i] * wio;
                    zd += xd[i] * wio;
                    zs += xs[i] * wio;
                }
                double y = act[l].value(z), p1 = act[l].derivative(z, y), p2 = second(act[l], z, y, p1);
                double t = idt == null ? 1.0 : idt[o];
                yv[o] = y * t;
                yd[o] = p1 * zd * t;
                ys[o] = (p2 * zd * zd + p1 * zs) * t;
                if (skip > 0) {
                    int src = skip == 1 ? o : o % nIn;
                    yv[o] += xv[src];
                    yd[o] += xd[src];
                    ys[o] += xs[src];
                }
            }
            double[] t0 = xv; xv = yv; yv = t0;
            double[] t1 = xd; xd = yd; yd = t1;
            double[] t2 = xs; xs = ys; ys = t2;
            nIn = nOut;
        }
        System.arraycopy(xv, 0, value, off, outDim);
        System.arraycopy(xd, 0, first, off, outDim);
        System.arraycopy(xs, 0, second, off, outDim);
    }

    private static double second(Activation a, double z, double y, double p1) {
        return switch (a) {
            case TANH -> -2.0 * y * p1;
            case SIGMOID -> p1 * (1.0 - 2.0 * y);
            case SOFTPLUS -> {
                double s = 1.0 / (1.0 + Math.exp(-z));
                yield s * (1.0 - s);
            }
            default -> 0.0;
        };
    }

    /** Largest layer width (scratch size). */
    int maxWidth() { return maxWidth; }
}
