package org.dpspark.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DeepPotYaml;
import org.dpspark.model.HybridDescriptor;
import org.dpspark.model.SeADescriptor;
import org.dpspark.model.SeAttenDescriptor;
import org.dpspark.model.SeRDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DeePMD-kit's {@code hybrid} descriptor against DeePMD-kit's own NumPy backend: hybrid.yaml (se_e2_a at r_c 5 Å with
 * two-side nets + se_e2_r at r_c 4 Å, type_one_side, resnet_dt) and hybrid-dpa1.yaml (DPA-1 with one attention layer
 * + the same se_e2_r; the fitting mixed_types) and their reference outputs were made by hybrid-make.py in the test
 * resources (water frame 0, 192 atoms, periodic; the C1H4O2 molecule). Then what needs no reference:
 * forces and virials as energy derivatives, invariances, and the export/import round trip.
 */
class HybridGoldenTest {
    static DeepPotModel model() throws Exception {
        return DeepPotModel.importDeepmd(FParamGoldenTest.resource("hybrid.yaml"));
    }

    @Test
    void importsTheMembers() throws Exception {
        DeepPotModel m = model();
        HybridDescriptor h = assertInstanceOf(HybridDescriptor.class, m.descriptor());
        assertEquals(2, h.list().size());
        SeADescriptor a = assertInstanceOf(SeADescriptor.class, h.list().get(0));
        SeRDescriptor r = assertInstanceOf(SeRDescriptor.class, h.list().get(1));
        assertEquals(5.0, m.rcut(), "the largest member r_c");
        assertEquals(0.5, h.rcutSmth(), "the smallest member r_s");
        assertEquals(List.of(2, 56, 28), Arrays.stream(h.sel()).boxed().toList(), "per type the largest member sel");
        assertEquals(16 * 4 + 12, h.dimOut(), "se_e2_a M·M< + se_e2_r M");
        assertEquals(h.dimOut(), m.fitting().dimDescrpt());
        assertEquals(4.0, r.rcut());
        assertEquals(9, a.embeddings().size(), "two-side se_e2_a: T² nets");
        assertEquals(3, r.embeddings().size(), "type_one_side se_e2_r: T nets");
        assertInstanceOf(HybridEvaluator.class, ReferenceEvaluators.of(m));
        assertInstanceOf(HybridEvaluator.class, ReferenceEvaluators.fastest(m));
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @ValueSource(strings = {"hybrid", "hybrid-dpa1"})
    void reproducesDeepmdNumpyBackend(String name) throws Exception {
        DeepPotModel m = DeepPotModel.importDeepmd(FParamGoldenTest.resource(name + ".yaml"));
        Map<String, Object> ref = new ObjectMapper(new YAMLFactory()).readValue(
                FParamGoldenTest.resource(name + "-reference.yaml").toFile(), Map.class);
        HybridEvaluator ev = new HybridEvaluator(m);
        for (Map<String, Object> f : (List<Map<String, Object>>) ref.get("frames")) {
            double[] coord = FParamGoldenTest.doubles(f.get("coord"));
            double[] box = f.get("box") == null ? null : FParamGoldenTest.doubles(f.get("box"));
            int[] types = FParamGoldenTest.ints(f.get("atype"));
            DeepPotResult r = ev.evaluate(coord, box, types);
            assertEquals(0, r.neighboursDropped(), "the members' sel hold every neighbour");
            double dAE = SeRGoldenTest.maxAbsDiff(r.atomEnergy(), FParamGoldenTest.doubles(f.get("atomic_energy")));
            double[] ffd = FParamGoldenTest.doubles(f.get("force_fd"));
            double dF = SeRGoldenTest.maxAbsDiff(Arrays.copyOf(r.forces(), ffd.length), ffd);
            System.out.printf("%s, %s: max|Δ| atom_energy %.3e  force vs FD %.3e (max|F| %.3e)%n", name, f.get("system"), dAE,
                    dF, SeRPhysicsTest.maxAbs(ffd));
            // as SeAttenGoldenTest: per-atom energies (|E_i| ≲ 80 eV) equal to 1e-10; forces against DeePMD-kit's central
            // differences (h = 1e-5 Å) to their round-off, ε|E|/h: 1e-6 eV/Å for water (|E| ~ 6.7e3 eV), 1e-7 for the molecule
            assertTrue(dAE < 1e-10, "atomic energy " + dAE);
            assertTrue(dF < (box != null ? 1e-6 : 1e-7), "force " + dF);
            assertTrue(SeRPhysicsTest.maxAbs(ffd) > 1e3 * (box != null ? 1e-6 : 1e-7), "non-trivial forces");
        }
    }

    /** The DPA-1 member: one sel total for the hybrid, its descriptor columns equal to SeAttenEvaluator's alone. */
    @Test
    void dpa1MemberAsAlone() throws Exception {
        DeepPotModel m = DeepPotModel.importDeepmd(FParamGoldenTest.resource("hybrid-dpa1.yaml"));
        HybridDescriptor h = assertInstanceOf(HybridDescriptor.class, m.descriptor());
        SeAttenDescriptor a = assertInstanceOf(SeAttenDescriptor.class, h.list().get(0));
        assertEquals(List.of(60), Arrays.stream(h.sel()).boxed().toList(), "a DPA-1 member makes the hybrid's sel one total");
        assertEquals(a.dimOut() + 12, h.dimOut());
        assertEquals(Boolean.TRUE, m.deepmdOptions().get("fitting.mixed_types"), "DeePMD-kit's fitting of a mixed-type hybrid");
        SeRPhysicsTest.Frame w = SeRPhysicsTest.Frame.water(2);
        int[] types = w.types().clone();
        for (int i = 0; i < types.length; i++) types[i] = types[i] == 0 ? 2 : 1;
        double[] dh = new HybridEvaluator(m).evaluate(w.coord(), w.box(), types, true).descriptor();
        SeAttenAtoms alone = new SeAttenAtoms(a, MatrixProducts.scalar());
        alone.update(w.coord(), w.box(), types, null);
        double[] x = new double[a.dimOut()];
        double worst = 0;
        for (int i = 0; i < types.length; i++) {
            alone.forward(i, types[i], x, 0);
            for (int k = 0; k < x.length; k++) worst = Math.max(worst, Math.abs(x[k] - dh[i * h.dimOut() + k]));
        }
        // vector products against plain loops: round-off of sums of ~10² terms (SeAttenVectorTest's 1e-13 relative)
        assertTrue(worst < 1e-12, "DPA-1 columns vs the member alone: " + worst);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hybrid", "hybrid-dpa1"})
    void forcesVirialsAndInvariances(String name) throws Exception {
        DeepPotModel m = DeepPotModel.importDeepmd(FParamGoldenTest.resource(name + ".yaml"));
        SeRPhysicsTest.Frame w = SeRPhysicsTest.Frame.water(5);
        int[] types = w.types().clone();
        for (int i = 0; i < types.length; i++) types[i] = types[i] == 0 ? 2 : 1; // water's O = 0, H = 1 → the model's O, H
        SeRPhysicsTest.checkForcesAndVirial(new HybridEvaluator(m), w.coord(), w.box(), types, new int[] {0, 9, 70, 191},
                name + ", water frame");
        double[] pos = Arrays.copyOf(w.coord(), 3 * 24);
        SeRPhysicsTest.checkInvariance(new HybridEvaluator(m), pos, Arrays.copyOf(types, 24));
    }

    /** Each member's own reach: moving an atom between the members' cutoffs changes only the se_e2_a columns. */
    @Test
    void eachMemberSeesItsOwnCutoff() throws Exception {
        DeepPotModel m = model();
        HybridEvaluator ev = new HybridEvaluator(m);
        int[] types = {2, 1};
        DeepPotResult a = ev.evaluate(new double[] {0, 0, 0, 4.3, 0, 0}, null, types, true);
        DeepPotResult b = ev.evaluate(new double[] {0, 0, 0, 4.6, 0, 0}, null, types, true);
        DeepPotResult far = ev.evaluate(new double[] {0, 0, 0, 5.5, 0, 0}, null, types, true);
        int wa = 16 * 4, dim = m.descriptor().dimOut();
        for (int i = 0; i < 2; i++) {
            for (int k = wa; k < dim; k++) {
                assertEquals(far.descriptor()[i * dim + k], a.descriptor()[i * dim + k], 0.0, "se_e2_r column beyond 4 Å");
                assertEquals(far.descriptor()[i * dim + k], b.descriptor()[i * dim + k], 0.0, "se_e2_r column beyond 4 Å");
            }
        }
        double moved = 0;
        for (int k = 0; k < wa; k++) moved = Math.max(moved, Math.abs(a.descriptor()[k] - b.descriptor()[k]));
        assertTrue(moved > 1e-6, "se_e2_a columns see the neighbour within 5 Å: " + moved);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hybrid.yaml", "hybrid.dp", "hybrid-dpa1.yaml", "hybrid-dpa1.dp"})
    void exportImportRoundTripIsExact(String name, @TempDir Path dir) throws Exception {
        DeepPotModel m = DeepPotModel.importDeepmd(FParamGoldenTest.resource(name.replaceAll("\\.dp$", ".yaml")));
        Path out = dir.resolve(name);
        m.exportDeepmd(out);
        DeepPotModel back = DeepPotModel.importDeepmd(out);
        HybridDescriptor h = assertInstanceOf(HybridDescriptor.class, back.descriptor());
        assertEquals(((HybridDescriptor) m.descriptor()).list().stream().map(d -> d.type()).toList(),
                h.list().stream().map(d -> d.type()).toList());
        if (name.endsWith(".yaml")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> desc = (Map<String, Object>) ((Map<String, Object>) DeepPotYaml.read(out).get("model"))
                    .get("descriptor");
            assertEquals("hybrid", desc.get("type"));
            assertEquals(1, desc.get("@version"));
        }
        SeRPhysicsTest.Frame w = SeRPhysicsTest.Frame.water(1);
        int[] types = w.types().clone();
        for (int i = 0; i < types.length; i++) types[i] = types[i] == 0 ? 2 : 1;
        DeepPotResult r0 = new HybridEvaluator(m).evaluate(w.coord(), w.box(), types);
        DeepPotResult r1 = new HybridEvaluator(back).evaluate(w.coord(), w.box(), types);
        assertEquals(r0.energy(), r1.energy(), 0.0);
        for (int k = 0; k < r0.forces().length; k++) assertEquals(r0.forces()[k], r1.forces()[k], 0.0);
    }

    /** The model directory dpspark's jobs read (import-model's output): saved and loaded unchanged. */
    @Test
    void modelDirectoryRoundTrip(@TempDir Path dir) throws Exception {
        DeepPotModel m = model();
        m.save(dir.resolve("model"));
        DeepPotModel back = DeepPotModel.load(dir.resolve("model"));
        assertInstanceOf(HybridDescriptor.class, back.descriptor());
        double[] pos = {0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0, 3.1, 0.2, 0.1};
        int[] types = {2, 1, 1, 0};
        assertEquals(new HybridEvaluator(m).evaluate(pos, null, types).energy(),
                new HybridEvaluator(back).evaluate(pos, null, types).energy(), 0.0);
    }

}
