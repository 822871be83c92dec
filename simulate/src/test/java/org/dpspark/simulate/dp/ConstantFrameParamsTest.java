package org.dpspark.simulate.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dpspark.core.testing.SharedData;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.eval.DeepPotCalculator;
import org.dpspark.model.eval.ReferenceEvaluators;
import org.dpspark.simulate.potential.Evaluation;
import org.dpspark.simulate.potential.Structure;
import org.junit.jupiter.api.Test;

/**
 * The constant fparam/aparam of a trajectory ({@code fparam}, {@code aparam} of a deep-potential entry) on the
 * beryllium model with numb_fparam 1 and numb_aparam 1 (be-fparam.yaml of the model tests; golden values from DeePMD-kit
 * in BeFParamGoldenTest) and frame 0 of DeePMD-kit's examples/fparam data: the potential MD uses gives the evaluator's
 * energy and forces with those parameters, bit for bit; every mismatch with the model is one line naming the key.
 */
class ConstantFrameParamsTest {

    private static Path resource(String name) {
        return Path.of(System.getProperty("dpspark.root"), "model/src/test/resources/org/dpspark/model/eval", name);
    }

    @SuppressWarnings("unchecked")
    private static Structure beryllium() throws Exception {
        Map<String, Object> ref = new ObjectMapper(new YAMLFactory()).readValue(resource("be-fparam-reference.yaml").toFile(), Map.class);
        Map<String, Object> f = ((List<Map<String, Object>>) ref.get("frames")).get(0);
        double[] coord = ((List<Number>) f.get("coord")).stream().mapToDouble(Number::doubleValue).toArray();
        double[] box = ((List<Number>) f.get("box")).stream().mapToDouble(Number::doubleValue).toArray();
        return Structure.of(coord, box, null, new int[coord.length / 3], new int[] {4});
    }

    private static ConstantFrameParams parse(String hocon) {
        Config c = ConfigFactory.parseString(hocon).withFallback(ConfigFactory.parseString("fparam = [], aparam = []"));
        return ConstantFrameParams.parse(c, "simulate.potentials[0]");
    }

    @Test
    void theTrajectoryPotentialUsesTheParameters() throws Exception {
        DeepPotModel m = DeepPotModel.importDeepmd(resource("be-fparam.yaml"));
        Structure s = beryllium();
        int n = s.natoms();
        for (String hocon : new String[] {"fparam = [0.6], aparam = { Be = [0.35] }", "fparam = [0.6], aparam = [0.35]"}) {
            ConstantFrameParams p = parse(hocon);
            DeepPotCalculator calc = DeepPotCalculators.create("java", m);
            p.apply(calc, s, "java", "model be-fparam.yaml");
            DeepPotPotential pot = DeepPotPotential.forStructure(calc, s);
            Evaluation out = new Evaluation();
            pot.compute(s.positions(), s.cell(), s.types(), null, Evaluation.ALL, out);
            double[] ap = new double[n];
            Arrays.fill(ap, 0.35);
            var ref = ReferenceEvaluators.of(m).evaluate(s.positions(), s.cell(), s.types(), new double[] {0.6}, ap, false);
            assertEquals(ref.energy(), out.energy, 0.0, hocon);
            assertTrue(Arrays.equals(ref.forces(), Arrays.copyOf(out.forces, 3 * n)), hocon);
            assertTrue(p.label().contains("fparam=[0.6]"), p.label());
        }
    }

    @Test
    void mismatchesAreOneLineNamingTheKey() throws Exception {
        DeepPotModel m = DeepPotModel.importDeepmd(resource("be-fparam.yaml"));
        Structure s = beryllium();
        String w = "model be-fparam.yaml";
        Map<String, String> cases = Map.of(
                "fparam = [0.6, 1], aparam = [0.3]", "fparam has 2 values; the model takes numb_fparam = 1",
                "aparam = [0.3]", "fparam has 0 values; the model takes numb_fparam = 1 and has no default_fparam",
                "fparam = [0.6]", "aparam is missing; the model takes numb_aparam = 1",
                "fparam = [0.6], aparam = [0.3, 0.1]", "aparam has 2 values; the model takes numb_aparam = 1",
                "fparam = [0.6], aparam = { O = [0.3] }", "aparam has no values for element Be",
                "fparam = [0.6], aparam = { Be = [0.3, 1] }", "aparam.Be has 2 values");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(c.getKey()).validate(m, s, w));
            assertTrue(e.getMessage().startsWith(w + ": ") && e.getMessage().contains(c.getValue())
                    && !e.getMessage().contains("\n"), c.getKey() + " -> " + e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("aparam = { Xx = [1] }"));
        assertTrue(e.getMessage().contains("'Xx' is not an element symbol"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse("aparam = 3"));
        assertTrue(e.getMessage().contains("simulate.potentials[0]: aparam"), e.getMessage());
        // a model without parameters refuses them
        DeepPotModel plain = DeepPotModel.importDeepmd(SharedData.path("deepmd-models/deeppot_sea.yaml"));
        Structure water = Structure.of(new double[] {0, 0, 0, 0.96, 0, 0}, null, null, new int[] {0, 1}, new int[] {8, 1});
        e = assertThrows(IllegalArgumentException.class, () -> parse("fparam = [0.6]").validate(plain, water, w));
        assertTrue(e.getMessage().contains("fparam has 1 values; the model takes numb_fparam = 0"), e.getMessage());
    }
}
