package org.dpspark.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.SeAttenDescriptor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DPA-1 (se_atten, se_atten_v2) against DeePMD-kit's own NumPy backend (deepmd/dpmodel): four seeded models made and
 * evaluated by dpa1-make.py in the test resources (see the README there), each on three real frames (water, 192
 * atoms, periodic; the nopbc CHO molecules C1H4O2 and C3H3O4, types mapped into the 4-element type map C H O N):
 * <ul>
 *   <li>concat: concat type embedding, two-side, 2 attention layers, attn_dotr, normalize, smooth, concat_output_tebd;</li>
 *   <li>rough: type_one_side, 2 layers without smooth, normalize or dotr, temperature 0.5, gelu, type-embedding bias,
 *       no concat_output_tebd;</li>
 *   <li>noattn: attn_layer 0, type_one_side;</li>
 *   <li>v2: se_atten_v2 (stripped type embedding, two-side), 1 layer.</li>
 * </ul>
 * All with non-zero davg (so padding slots, which DeePMD-kit feeds with atom 0's type, count) and random layer-norm
 * weights. Per-atom and total energies to round-off; forces against DeePMD-kit's central differences.
 */
class SeAttenGoldenTest {

    @SuppressWarnings("unchecked")
    static Map<String, Object> reference(String name) throws Exception {
        return new ObjectMapper(new YAMLFactory()).readValue(FParamGoldenTest.resource("dpa1-" + name + "-reference.yaml").toFile(), Map.class);
    }

    static DeepPotModel model(String name) throws Exception {
        return DeepPotModel.importDeepmd(FParamGoldenTest.resource("dpa1-" + name + ".yaml"));
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @ValueSource(strings = {"concat", "rough", "noattn", "v2"})
    void reproducesDeepmdNumpyBackend(String name) throws Exception {
        DeepPotModel m = model(name);
        assertTrue(m.descriptor() instanceof SeAttenDescriptor);
        DeepPotCalculator ev = ReferenceEvaluators.of(m);
        assertTrue(ev instanceof SeAttenEvaluator);
        for (Map<String, Object> f : (List<Map<String, Object>>) reference(name).get("frames")) {
            double[] coord = FParamGoldenTest.doubles(f.get("coord"));
            double[] box = f.get("box") == null ? null : FParamGoldenTest.doubles(f.get("box"));
            int[] types = FParamGoldenTest.ints(f.get("atype"));
            DeepPotResult r = ev.evaluate(coord, box, types);
            double[] ae = FParamGoldenTest.doubles(f.get("atomic_energy"));
            double[] ffd = FParamGoldenTest.doubles(f.get("force_fd"));
            double e = ((Number) f.get("energy")).doubleValue();
            double dAE = SeRGoldenTest.maxAbsDiff(r.atomEnergy(), ae);
            double dE = Math.abs(r.energy() - e);
            double[] fa = Arrays.copyOf(r.forces(), ffd.length); // FD of the first atoms (all of a molecule)
            double dF = SeRGoldenTest.maxAbsDiff(fa, ffd);
            System.out.printf("dpa1 %s golden, %s (%d atoms): max|Δ| atom_energy %.3e  E %.3e  force vs DeePMD-kit's FD %.3e"
                    + " (max|F| %.2e, %d components)%n", name, f.get("system"), types.length, dAE, dE, dF,
                    SeRGoldenTest.maxAbs(ffd), ffd.length);
            assertEquals(0, r.neighboursDropped(), "sel 40 holds every neighbour within 4 Å");
            // per-atom energies (|E_i| ≤ 80 eV, ulp 1.4e-14): the two evaluations sum the same terms in other orders
            // (NumPy's pairwise sums and BLAS against Java loops) through ~10 layers; 1e-10 leaves 4 orders of margin
            // over the ~1e-13 such reorderings give and is 6 orders below any change of the model.
            assertTrue(dAE < 1e-10, name + " atomic energy max|Δ| " + dAE);
            // the total (|E| ≤ 6.6e3 eV for water, ulp 9e-13) adds n such terms
            assertTrue(dE < 1e-9, name + " energy |Δ| " + dE);
            // forces: central differences with h = 1e-5 Å carry truncation h²/6·|∂³E| ≲ 1e-10 and round-off
            // ε·|E|/h·(a few) ≈ 2.2e-16·6.6e3/1e-5·3 ≈ 4e-7 eV/Å for water (3e-8 for the molecules, |E| ≤ 460 eV)
            double bound = box != null ? 1e-6 : 1e-7;
            assertTrue(dF < bound, name + " force vs FD max|Δ| " + dF);
        }
    }
}
