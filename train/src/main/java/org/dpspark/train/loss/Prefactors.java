package org.dpspark.train.loss;

import java.io.Serializable;

/**
 * Loss prefactors tied to the learning rate (docs/physics.md#loss-and-schedules, DeePMD-kit's {@code EnerStdLoss}):
 * p(t) = p_start·lr(t)/lr₀ + p_limit·(1 − lr(t)/lr₀), for energy, force and virial.
 */
public record Prefactors(double startE, double limitE, double startF, double limitF, double startV, double limitV)
        implements Serializable {

    /** {p_e, p_f, p_v} at learning rate {@code lr} of a schedule starting at {@code lr0}. */
    public double[] at(double lr, double lr0) {
        double x = lr / lr0;
        return new double[] {startE * x + limitE * (1 - x), startF * x + limitF * (1 - x), startV * x + limitV * (1 - x)};
    }
}
