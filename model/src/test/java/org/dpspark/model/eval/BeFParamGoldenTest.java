package org.dpspark.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import java.util.Map;
import org.dpspark.model.DeepPotModel;
import org.junit.jupiter.api.Test;

/**
 * A model with a frame parameter and an atomic parameter (numb_fparam 1, numb_aparam 1) on DeePMD-kit's own
 * examples/fparam data (../shared/data/deepmd/Be-multiset: 54 Be atoms, fparam = aparam = 0.2585, an electronic
 * temperature), against DeePMD-kit's NumPy backend: be-fparam.yaml and be-fparam-reference.yaml, made by
 * be-fparam-make.py in the test resources. Frame 0 of each of the three sets with the data's parameters and once with
 * other parameters (fparam 0.6, aparam varying per atom): per-atom energies to round-off, forces against DeePMD-kit's
 * central differences. The ITs of {@code dpspark test} and {@code simulate} use the same model.
 */
class BeFParamGoldenTest {

    @SuppressWarnings("unchecked")
    static Map<String, Object> reference() throws Exception {
        return new ObjectMapper(new YAMLFactory()).readValue(
                FParamGoldenTest.resource("be-fparam-reference.yaml").toFile(), Map.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void reproducesDeepmdNumpyBackendOnTheBerylliumData() throws Exception {
        DeepPotModel m = DeepPotModel.importDeepmd(FParamGoldenTest.resource("be-fparam.yaml"));
        assertEquals(1, m.fitting().numbFparam());
        assertEquals(1, m.fitting().numbAparam());
        Map<String, Object> ref = reference();
        int[] types = FParamGoldenTest.ints(ref.get("atype"));
        DeepPotCalculator ev = ReferenceEvaluators.of(m);
        List<Map<String, Object>> frames = (List<Map<String, Object>>) ref.get("frames");
        assertEquals(4, frames.size());
        double[] energies = new double[frames.size()];
        for (int k = 0; k < frames.size(); k++) {
            Map<String, Object> f = frames.get(k);
            double[] coord = FParamGoldenTest.doubles(f.get("coord")), box = FParamGoldenTest.doubles(f.get("box"));
            DeepPotResult r = ev.evaluate(coord, box, types, FParamGoldenTest.doubles(f.get("fparam")),
                    FParamGoldenTest.doubles(f.get("aparam")), false);
            double dE = SeRGoldenTest.maxAbsDiff(r.atomEnergy(), FParamGoldenTest.doubles(f.get("atomic_energy")));
            double e = ((Number) f.get("energy")).doubleValue();
            energies[k] = e;
            System.out.printf("Be fparam golden %s: max|Δ| atom_energy %.3e  E %.3e%n", f.get("source"), dE,
                    Math.abs(r.energy() - e));
            // per-atom energies ~ −2.3 eV (ulp 4.4e-16), sums over 40 slots and a few hundred products: 1e-12 is
            // still ~1e3 ulp; the total over 54 atoms (~ −124 eV, ulp 1.4e-14) within 1e-10
            assertTrue(dE < 1e-12, f.get("source") + ": atomic energy max|Δ| " + dE);
            assertEquals(e, r.energy(), 1e-10, String.valueOf(f.get("source")));
            if (f.containsKey("force_fd")) {
                double[] ffd = FParamGoldenTest.doubles(f.get("force_fd"));
                double dF = SeRGoldenTest.maxAbsDiff(r.forces(), ffd);
                System.out.printf("Be fparam golden: force vs DeePMD-kit's FD max|Δ| %.3e (max|F| %.2e)%n", dF,
                        SeRGoldenTest.maxAbs(ffd));
                // DeePMD-kit's central differences of a −124 eV total (h = 1e-5 Å): round-off ≈ 2·1.4e-14/2h ≈
                // 1.4e-9 eV/Å, truncation h²/6·|∂³E| ≲ 1e-9; 5e-8 is still 5 orders below the forces (max 2.4e-2 eV/Å)
                assertTrue(dF < 5e-8, "force max|Δ| " + dF);
            }
        }
        // the other parameters move the energy by ~10 eV: the frame parameter really enters
        assertTrue(Math.abs(energies[3] - energies[0]) > 1.0, "fparam 0.6 vs the data's 0.2585");
    }
}
