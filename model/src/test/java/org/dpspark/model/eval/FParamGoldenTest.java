package org.dpspark.model.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.EnerFitting;
import org.dpspark.model.UnsupportedModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frame and atomic parameters (DeePMD-kit's fparam/aparam) in the ener fitting, against DeePMD-kit's own NumPy backend:
 * deeppot-fparam.yaml (se_e2_a, numb_fparam 2, numb_aparam 1, non-trivial fparam/aparam statistics; made and evaluated
 * by deeppot-fparam-make.py in the test resources) on DeePMD-kit's test frame with fparam [0.7, −0.4] and per-atom
 * aparam: per-atom energies to round-off, forces against DeePMD-kit's central differences.
 */
class FParamGoldenTest {
    static Path resource(String name) throws Exception {
        return Path.of(FParamGoldenTest.class.getResource(name).toURI());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> reference() throws Exception {
        return new ObjectMapper(new YAMLFactory()).readValue(resource("deeppot-fparam-reference.yaml").toFile(), Map.class);
    }

    static double[] doubles(Object o) {
        List<?> l = (List<?>) o;
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) out[i] = ((Number) l.get(i)).doubleValue();
        return out;
    }

    static int[] ints(Object o) {
        double[] d = doubles(o);
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) out[i] = (int) d[i];
        return out;
    }

    @Test
    void reproducesDeepmdNumpyBackend() throws Exception {
        DeepPotModel m = DeepPotModel.importDeepmd(resource("deeppot-fparam.yaml"));
        EnerFitting f = m.fitting();
        assertEquals(2, f.numbFparam());
        assertEquals(1, f.numbAparam());
        assertArrayEquals(new double[] {0.3, -1.2}, f.fparamAvg(), 0.0);
        assertArrayEquals(new double[] {2.0, 0.5}, f.fparamInvStd(), 0.0);
        assertEquals(16, f.dimDescrpt());
        assertEquals(19, f.nets().get(0).inDim(), "D (16) + fparam (2) + aparam (1)");
        Map<String, Object> ref = reference();
        double[] coord = doubles(ref.get("coord")), box = doubles(ref.get("box"));
        double[] fp = doubles(ref.get("fparam")), ap = doubles(ref.get("aparam"));
        int[] types = ints(ref.get("atype"));
        DeepPotCalculator ev = ReferenceEvaluators.of(m);
        DeepPotResult r = ev.evaluate(coord, box, types, fp, ap, false);
        double[] ae = doubles(ref.get("atomic_energy")), ffd = doubles(ref.get("force_fd"));
        double dE = SeRGoldenTest.maxAbsDiff(r.atomEnergy(), ae);
        double dF = SeRGoldenTest.maxAbsDiff(r.forces(), ffd);
        System.out.printf("fparam/aparam golden: max|Δ| atom_energy %.3e  E %.3e  force vs DeePMD-kit's FD %.3e (max|F| %.2e)%n",
                dE, Math.abs(r.energy() - ((Number) ref.get("energy")).doubleValue()), dF, SeRGoldenTest.maxAbs(ffd));
        // energies: round-off as in the se_e2_a golden test (values ~190 eV, ulp 2.8e-14); 1e-10.
        assertTrue(dE < 1e-10, "atomic energy max|Δ| " + dE);
        assertEquals(((Number) ref.get("energy")).doubleValue(), r.energy(), 1e-10);
        // forces: DeePMD-kit's central differences (h = 1e-5 Å) carry truncation h²/6·|∂³E| ≲ 1e-9 and round-off
        // ≈ √6·3e-14/2h ≈ 4e-9 eV/Å; 5e-8 is still 5 orders below the forces (~1e-2 eV/Å).
        assertTrue(dF < 5e-8, "force max|Δ| " + dF);

        // at fparam = fparam_avg and aparam = aparam_avg the normalised inputs are 0: DeePMD-kit gives −940.1680149755416 eV
        // (printed by deeppot-fparam-make.py); a normalisation applied the wrong way round moves it by ≳ 0.1 eV
        double[] apAvg = {0.1, 0.1, 0.1, 0.1, 0.1, 0.1};
        assertEquals(-940.1680149755416, ev.evaluate(coord, box, types, new double[] {0.3, -1.2}, apAvg, false).energy(), 1e-10);
    }

    @Test
    void missingParametersAreNamedAndOnlyTheReferenceTakesThem() throws Exception {
        DeepPotModel m = DeepPotModel.importDeepmd(resource("deeppot-fparam.yaml"));
        Map<String, Object> ref = reference();
        double[] coord = doubles(ref.get("coord")), box = doubles(ref.get("box"));
        int[] types = ints(ref.get("atype"));
        DeepPotCalculator ev = ReferenceEvaluators.fastest(m);
        assertTrue(ev instanceof DeepPotEvaluator, "the batched evaluator takes no fparam: the reference is the fastest");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ev.evaluate(coord, box, types));
        assertTrue(e.getMessage().contains("numb_fparam = 2") && e.getMessage().contains("default_fparam"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ev.evaluate(coord, box, types, new double[] {0.7, -0.4}, null, false));
        assertTrue(e.getMessage().contains("numb_aparam = 1"), e.getMessage());
        UnsupportedModelException u = assertThrows(UnsupportedModelException.class, m::seA);
        assertTrue(u.getMessage().contains("numb_fparam = 2"), u.getMessage());
        // MD's path: parameters set once, then every evaluation in place uses them
        DeepPotEvaluator ref0 = new DeepPotEvaluator(m);
        double[] fp = doubles(ref.get("fparam")), ap = doubles(ref.get("aparam"));
        ref0.setFrameParams(fp, ap);
        double[] forces = new double[coord.length];
        double e0 = ref0.evaluateInto(coord, box, types, forces, null, null, null);
        assertEquals(ev.evaluate(coord, box, types, fp, ap, false).energy(), e0, 0.0);
    }

    @Test
    void exportImportKeepsParametersAndPredictions(@TempDir Path tmp) throws Exception {
        DeepPotModel m = DeepPotModel.importDeepmd(resource("deeppot-fparam.yaml"));
        Map<String, Object> ref = reference();
        double[] coord = doubles(ref.get("coord")), box = doubles(ref.get("box"));
        double[] fp = doubles(ref.get("fparam")), ap = doubles(ref.get("aparam"));
        int[] types = ints(ref.get("atype"));
        DeepPotResult a = ReferenceEvaluators.of(m).evaluate(coord, box, types, fp, ap, false);
        for (String name : new String[] {"m.yaml", "m.dp"}) {
            m.exportDeepmd(tmp.resolve(name));
            DeepPotModel b = DeepPotModel.importDeepmd(tmp.resolve(name));
            assertArrayEquals(m.fitting().aparamInvStd(), b.fitting().aparamInvStd(), 0.0, name);
            assertArrayEquals(m.fitting().fparamAvg(), b.fitting().fparamAvg(), 0.0, name);
            DeepPotResult rb = ReferenceEvaluators.of(b).evaluate(coord, box, types, fp, ap, false);
            assertEquals(a.energy(), rb.energy(), 0.0, name);
            assertArrayEquals(a.forces(), rb.forces(), 0.0, name);
        }
    }
}
