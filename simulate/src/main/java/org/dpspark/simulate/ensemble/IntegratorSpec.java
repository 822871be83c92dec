package org.dpspark.simulate.ensemble;

import java.io.Serializable;
import java.util.Locale;
import org.dpspark.simulate.md.BussiThermostat;
import org.dpspark.simulate.md.Integrator;
import org.dpspark.simulate.md.LangevinBaoab;
import org.dpspark.simulate.md.VelocityVerlet;

/**
 * An integrator of the ensemble.
 *
 * @param type the equations of motion
 * @param dt time step, fs
 * @param friction Langevin friction γ, 1/fs
 * @param tau Bussi coupling time, fs
 */
public record IntegratorSpec(IntegratorType type, double dt, double friction, double tau) implements Serializable {

    public IntegratorSpec {
        if (!(dt > 0)) {
            throw new IllegalArgumentException("simulate.integrator.dt must be positive: " + dt);
        }
    }

    /** The integrator for target temperature T (K). */
    public Integrator build(double temperature) {
        return switch (type) {
            case NVE -> new VelocityVerlet(dt);
            case LANGEVIN -> new LangevinBaoab(dt, temperature, friction);
            case BUSSI -> new BussiThermostat(dt, temperature, tau);
        };
    }

    /** Label with the parameters that define the dynamics (part of the trajectory id). */
    public String label() {
        return switch (type) {
            case NVE -> String.format(Locale.ROOT, "nve(dt=%s)", dt);
            case LANGEVIN -> String.format(Locale.ROOT, "langevin(dt=%s,friction=%s)", dt, friction);
            case BUSSI -> String.format(Locale.ROOT, "bussi(dt=%s,tau=%s)", dt, tau);
        };
    }
}
