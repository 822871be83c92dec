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
 * @param type nve, langevin or bussi
 * @param dt time step, fs
 * @param friction Langevin friction γ, 1/fs
 * @param tau Bussi coupling time, fs
 */
public record IntegratorSpec(String type, double dt, double friction, double tau) implements Serializable {

    public IntegratorSpec {
        if (!(dt > 0)) {
            throw new IllegalArgumentException("simulate.integrator.dt must be positive: " + dt);
        }
        if (!type.equals("nve") && !type.equals("langevin") && !type.equals("bussi")) {
            throw new IllegalArgumentException("unknown integrator '" + type + "' (nve, langevin, bussi)");
        }
    }

    /** The integrator for target temperature T (K). */
    public Integrator build(double temperature) {
        return switch (type) {
            case "nve" -> new VelocityVerlet(dt);
            case "langevin" -> new LangevinBaoab(dt, temperature, friction);
            default -> new BussiThermostat(dt, temperature, tau);
        };
    }

    /** Label with the parameters that define the dynamics (part of the trajectory id). */
    public String label() {
        return switch (type) {
            case "nve" -> String.format(Locale.ROOT, "nve(dt=%s)", dt);
            case "langevin" -> String.format(Locale.ROOT, "langevin(dt=%s,friction=%s)", dt, friction);
            default -> String.format(Locale.ROOT, "bussi(dt=%s,tau=%s)", dt, tau);
        };
    }
}
