package org.dpspark.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dpspark.model.DeepPotModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DPA-1 with frame and atomic parameters (numb_fparam 2, numb_aparam 1; the fitting input [D, τ_i, fparam, aparam]
 * normalised with non-trivial statistics) against DeePMD-kit's own NumPy backend: dpa1-fparam0.yaml (attn_layer 0: the
 * block fitting) and dpa1-fparam1.yaml (one attention layer: the fitting atom by atom), made and evaluated by
 * dpa1-fparam-make.py in the test resources on water (192 atoms) and C1H4O2 with fparam [0.7, −0.4] and per-atom aparam.
 * Both the vector-product evaluator and the plain-loop reference: per-atom energies to round-off, forces against
 * DeePMD-kit's central differences.
 */
class SeAttenFParamGoldenTest {
    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void reproducesDeepmdNumpyBackendWithParameters(int layers) throws Exception {
        DeepPotModel m = DeepPotModel.importDeepmd(FParamGoldenTest.resource("dpa1-fparam" + layers + ".yaml"));
        assertEquals(2, m.fitting().numbFparam());
        assertEquals(1, m.fitting().numbAparam());
        Map<String, Object> ref = new ObjectMapper(new YAMLFactory()).readValue(
                FParamGoldenTest.resource("dpa1-fparam" + layers + "-reference.yaml").toFile(), Map.class);
        for (SeAttenEvaluator ev : List.of(new SeAttenEvaluator(m), SeAttenEvaluator.scalarReference(m))) {
            for (Map<String, Object> f : (List<Map<String, Object>>) ref.get("frames")) {
                double[] coord = FParamGoldenTest.doubles(f.get("coord"));
                double[] box = f.get("box") == null ? null : FParamGoldenTest.doubles(f.get("box"));
                int[] types = FParamGoldenTest.ints(f.get("atype"));
                double[] fp = FParamGoldenTest.doubles(f.get("fparam")), ap = FParamGoldenTest.doubles(f.get("aparam"));
                DeepPotResult r = ev.evaluate(coord, box, types, fp, ap, false);
                double dAE = SeRGoldenTest.maxAbsDiff(r.atomEnergy(), FParamGoldenTest.doubles(f.get("atomic_energy")));
                double[] ffd = FParamGoldenTest.doubles(f.get("force_fd"));
                double dF = SeRGoldenTest.maxAbsDiff(Arrays.copyOf(r.forces(), ffd.length), ffd);
                System.out.printf("dpa1 fparam attn_layer %d (%s), %s: max|Δ| atom_energy %.3e  force vs FD %.3e%n", layers,
                        ev.mode(), f.get("system"), dAE, dF);
                // bounds and reasons as SeAttenGoldenTest: per-atom energies 1e-10; forces vs central differences 1e-6
                // (water, |E| ~ 6.5e3 eV: round-off ε|E|/h) and 1e-7 (the molecule)
                assertTrue(dAE < 1e-10, "atomic energy " + dAE);
                assertTrue(dF < (box != null ? 1e-6 : 1e-7), "force " + dF);
                // the parameters matter: at their averages the energy moves by far more than round-off
                double[] apAvg = new double[types.length];
                Arrays.fill(apAvg, 0.1);
                double e0 = ev.evaluate(coord, box, types, new double[] {0.3, -1.2}, apAvg, false).energy();
                assertTrue(Math.abs(e0 - r.energy()) > 1e-3, "parameters change E by " + Math.abs(e0 - r.energy()));
            }
        }
    }
}
