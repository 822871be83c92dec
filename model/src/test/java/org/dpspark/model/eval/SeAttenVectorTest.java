package org.dpspark.model.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.dpspark.model.DeepPotModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The DPA-1 evaluator's fast path (the Vector API's products, {@link MatrixProducts#vector()}, and the row-block
 * embedding net) against its straightforward reference (plain loops and the one-row net) on the four DeePMD-kit golden
 * models (concat with 2 layers, dotr and smooth; rough; attn_layer 0; se_atten_v2) and their water and molecule
 * frames. The two compute the same sums in the same order, one with fused multiply–adds: they differ by round-off.
 */
class SeAttenVectorTest {
    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @ValueSource(strings = {"concat", "rough", "noattn", "v2"})
    void vectorProductsEqualThePlainLoops(String name) throws Exception {
        DeepPotModel m = SeAttenGoldenTest.model(name);
        SeAttenEvaluator fast = new SeAttenEvaluator(m), ref = SeAttenEvaluator.scalarReference(m);
        for (Map<String, Object> f : (List<Map<String, Object>>) SeAttenGoldenTest.reference(name).get("frames")) {
            double[] coord = FParamGoldenTest.doubles(f.get("coord"));
            double[] box = f.get("box") == null ? null : FParamGoldenTest.doubles(f.get("box"));
            int[] types = FParamGoldenTest.ints(f.get("atype"));
            DeepPotResult a = fast.evaluate(coord, box, types), b = ref.evaluate(coord, box, types);
            double dAE = SeRGoldenTest.maxAbsDiff(a.atomEnergy(), b.atomEnergy());
            double dF = SeRGoldenTest.maxAbsDiff(a.forces(), b.forces());
            double dV = SeRGoldenTest.maxAbsDiff(a.virial(), b.virial());
            System.out.printf("dpa1 %s vector vs plain loops, %s (%d atoms): max|Δ| atom_energy %.3e  E %.3e  force %.3e"
                    + "  virial %.3e%n", name, f.get("system"), types.length, dAE, Math.abs(a.energy() - b.energy()), dF, dV);
            // per-atom energies |E_i| ≤ 80 eV (ulp 1.4e-14) through ~10 layers of products of ≤ 3H = 96 terms, each
            // element's fused and unfused roundings differing by ≲ k·ε relative: ~1e-13 eV; forces and virials are
            // O(1) eV/Å and O(10) eV, ~1e-14 relative. Bounds 1e-10 (as the golden test's reorderings), 4 orders above.
            assertTrue(dAE < 1e-10 && Math.abs(a.energy() - b.energy()) < 1e-9, name + " energies " + dAE);
            assertTrue(dF < 1e-10 && dV < 1e-9, name + " forces " + dF + ", virial " + dV);
        }
    }
}
