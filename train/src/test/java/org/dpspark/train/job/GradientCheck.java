package org.dpspark.train.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.dpspark.train.data.TrainFrame;

/**
 * ∂L/∂θ of a {@link Trainer} against central differences (L(θ + h·e_i) − L(θ − h·e_i))/2h, h = 10⁻⁵, on the same
 * batch and prefactors. Bound: truncation h²·|L'''|/6 within 10⁻⁶·(1 + |g_i|), plus the round-off of the two loss
 * evaluations, each ≲ 16·ε·|L| (sums of a few thousand terms), divided by 2h: with DeePMD-kit's normalisation the
 * energy term is N times the per-atom one and |L| reaches ~10⁴ on random models, where ε|L|/h alone is ~10⁻⁷.
 */
final class GradientCheck {
    static final double H = 1e-5;

    private GradientCheck() {}

    /**
     * Asserts that {@code g[i]} (the trainer's gradient at {@code theta}) equals the central difference in θ_i; the
     * trainer is left at a perturbed θ (callers reload what they need).
     */
    static void assertComponent(Trainer tr, List<TrainFrame> batch, double[] pref, double[] theta, double[] g, int i,
            String what) {
        double[] tp = theta.clone(), tm = theta.clone();
        tp[i] += H;
        tm[i] -= H;
        tr.load(tp, tr.adam());
        tr.gradient(batch, pref);
        double lp = tr.lastLoss()[0];
        tr.load(tm, tr.adam());
        tr.gradient(batch, pref);
        double lm = tr.lastLoss()[0];
        double roundOff = 16 * Math.ulp(1.0) * (Math.abs(lp) + Math.abs(lm)) / (2 * H);
        assertEquals((lp - lm) / (2 * H), g[i], 1e-6 * (1 + Math.abs(g[i])) + roundOff,
                "∂L/∂θ[" + i + "] " + what + ", |L| " + Math.abs(lp));
    }
}
