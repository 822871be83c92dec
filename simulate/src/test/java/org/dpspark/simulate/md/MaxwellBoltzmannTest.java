package org.dpspark.simulate.md;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dpspark.core.Units;
import org.dpspark.simulate.lattice.WaterBox;
import org.dpspark.simulate.potential.LjSystems;
import org.dpspark.simulate.potential.Structure;
import org.junit.jupiter.api.Test;

class MaxwellBoltzmannTest {

    @Test
    void zeroMomentumAndExactTemperature() {
        Structure s = WaterBox.build(216, 1.0, 5L); // two masses (O, H)
        MdState st = new MdState(s, 9L);
        MaxwellBoltzmann.assign(st, 300, true);
        double[] p = Thermo.momentum(st);
        // |P| against the thermal momentum scale √(N m k_B T) (amu·Å/fs): rounding only, 1e-12
        double scale = Math.sqrt(s.natoms() * 18.0 * Units.BOLTZMANN_EV_PER_K * 300 / Units.AMU_A2_PER_FS2_EV);
        for (double pk : p) {
            assertEquals(0.0, pk, 1e-12 * scale);
        }
        // exact rescale over 3N − 3 dof: 1e-12 relative
        assertEquals(300.0, Thermo.temperature(Thermo.kineticEnergy(st), 3 * st.natoms() - 3), 300 * 1e-12);
    }

    @Test
    void unscaledTemperatureWithinSamplingError() {
        // 4000 atoms: T of a sample has relative std √(2/(3N)) ≈ 1.3%; bound 4σ
        Structure s = LjSystems.fcc(10, 0.8442);
        MdState st = new MdState(s, 10L);
        MaxwellBoltzmann.assign(st, 120, false);
        int n = st.natoms();
        double t = Thermo.temperature(Thermo.kineticEnergy(st), 3 * n - 3);
        assertEquals(120.0, t, 4 * 120 * Math.sqrt(2.0 / (3 * n)));
        // per-component variance k_B T/m (Å²/fs²): the mean of v² over 12,000 components has relative std
        // √(2/12000) ≈ 1.3%; bound 4σ
        double sum = 0;
        for (double v : st.velocities) {
            sum += v * v;
        }
        double expected = Units.BOLTZMANN_EV_PER_K * 120 / (st.masses[0] * Units.AMU_A2_PER_FS2_EV);
        assertEquals(expected, sum / (3 * n), 4 * expected * Math.sqrt(2.0 / (3 * n)));
    }
}
