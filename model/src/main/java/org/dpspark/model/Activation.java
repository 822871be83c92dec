package org.dpspark.model;

import java.util.Locale;

/**
 * The activation functions of DeePMD-kit's {@code get_activation_fn} (deepmd/dpmodel/utils/network.py)
 * that dpspark evaluates, with their first derivatives for hand-written back-propagation.
 * Names are DeePMD's (case-insensitive); {@code gelu} and {@code gelu_tf} are both the tanh approximation
 * 0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³))) as in dpmodel. {@code none}/{@code linear} is the identity.
 * Not supported: {@code silut}/{@code custom_silu} (named in the error).
 */
public enum Activation {
    TANH, RELU, RELU6, SOFTPLUS, SIGMOID, SILU, GELU, LINEAR;

    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);

    /** Parses a DeePMD-kit activation name; unknown names give an {@link UnsupportedModelException}. */
    public static Activation of(String name) {
        if (name == null) return LINEAR;
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "tanh" -> TANH;
            case "relu" -> RELU;
            case "relu6" -> RELU6;
            case "softplus" -> SOFTPLUS;
            case "sigmoid" -> SIGMOID;
            case "silu" -> SILU;
            case "gelu", "gelu_tf" -> GELU;
            case "none", "linear" -> LINEAR;
            default -> throw new UnsupportedModelException("unsupported activation_function '" + name
                    + "' (supported: tanh, relu, relu6, softplus, sigmoid, silu, gelu, gelu_tf, none, linear)");
        };
    }

    /** φ(z). */
    public double value(double z) {
        switch (this) {
            case TANH: return Math.tanh(z);
            case RELU: return z > 0 ? z : 0.0;
            case RELU6: return z < 0 ? 0.0 : (z > 6 ? 6.0 : z);
            case SOFTPLUS: return Math.log(1.0 + Math.exp(z));
            case SIGMOID: return 1.0 / (1.0 + Math.exp(-z));
            case SILU: return z / (1.0 + Math.exp(-z));
            case GELU: return 0.5 * z * (1.0 + Math.tanh(SQRT_2_OVER_PI * (z + 0.044715 * z * z * z)));
            default: return z;
        }
    }

    /** φ′(z) given z and y = φ(z) (y lets tanh/sigmoid avoid a second transcendental call). */
    public double derivative(double z, double y) {
        switch (this) {
            case TANH: return 1.0 - y * y;
            case RELU: return z > 0 ? 1.0 : 0.0;
            case RELU6: return (z > 0 && z < 6) ? 1.0 : 0.0;
            case SOFTPLUS: return 1.0 / (1.0 + Math.exp(-z));
            case SIGMOID: return y * (1.0 - y);
            case SILU: {
                double s = 1.0 / (1.0 + Math.exp(-z));
                return s + z * s * (1.0 - s);
            }
            case GELU: {
                double u = SQRT_2_OVER_PI * (z + 0.044715 * z * z * z);
                double t = Math.tanh(u);
                double du = SQRT_2_OVER_PI * (1.0 + 3.0 * 0.044715 * z * z);
                return 0.5 * (1.0 + t) + 0.5 * z * (1.0 - t * t) * du;
            }
            default: return 1.0;
        }
    }
}
