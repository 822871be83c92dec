package org.dpspark.simulate.dp;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dpspark.core.Elements;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.EnerFitting;
import org.dpspark.model.eval.DeepPotCalculator;
import org.dpspark.model.eval.ReferenceEvaluator;
import org.dpspark.simulate.potential.Structure;

/**
 * The frame and atomic parameters of a Deep Potential trajectory (DeePMD-kit's fparam/aparam, e.g. an electronic
 * temperature), constant over the trajectory: keys {@code fparam} and {@code aparam} of a {@code deep-potential} entry
 * of {@code simulate.potentials}.
 *
 * @param fparam numb_fparam values, or empty (the model's default_fparam, or a model without frame parameters)
 * @param aparam numb_aparam values given to every atom, or empty
 * @param aparamPerElement numb_aparam values per element symbol (every element of the structure), or empty
 */
public record ConstantFrameParams(List<Double> fparam, List<Double> aparam, Map<String, List<Double>> aparamPerElement)
        implements Serializable {

    /** No parameters. */
    public static final ConstantFrameParams NONE = new ConstantFrameParams(List.of(), List.of(), Map.of());

    public ConstantFrameParams {
        fparam = List.copyOf(fparam);
        aparam = List.copyOf(aparam);
        Map<String, List<Double>> m = new LinkedHashMap<>();
        aparamPerElement.forEach((k, v) -> m.put(k, List.copyOf(v)));
        aparamPerElement = java.util.Collections.unmodifiableMap(m);
    }

    /**
     * Reads {@code fparam} (a list of numbers) and {@code aparam} (a list of numbers for every atom, or an object of
     * element symbol → list) of a completed entry.
     *
     * @param where what the messages start with, e.g. "simulate.potentials[0]"
     */
    public static ConstantFrameParams parse(Config c, String where) {
        List<Double> fp = c.getDoubleList("fparam");
        ConfigValueType t = c.getValue("aparam").valueType();
        if (t == ConfigValueType.LIST) return new ConstantFrameParams(fp, c.getDoubleList("aparam"), Map.of());
        if (t != ConfigValueType.OBJECT) {
            throw new IllegalArgumentException(where + ": aparam: expected a list of numbers (every atom) or an object"
                    + " element → list of numbers, got " + t.name().toLowerCase(Locale.ROOT));
        }
        Config per = c.getConfig("aparam");
        Map<String, List<Double>> m = new LinkedHashMap<>();
        for (String key : per.root().keySet()) {
            if (!Elements.isSymbol(key)) {
                throw new IllegalArgumentException(where + ": aparam: '" + key + "' is not an element symbol");
            }
            m.put(Elements.symbol(Elements.atomicNumber(key)), per.getDoubleList("\"" + key + "\""));
        }
        return new ConstantFrameParams(fp, List.of(), m);
    }

    /** Whether nothing is given. */
    public boolean isEmpty() { return fparam.isEmpty() && aparam.isEmpty() && aparamPerElement.isEmpty(); }

    /** Part of the potential's label ("" when empty): fparam=[…],aparam=[…] or aparam={Be=[…]}. */
    public String label() {
        List<String> parts = new ArrayList<>();
        if (!fparam.isEmpty()) parts.add("fparam=" + fparam);
        if (!aparam.isEmpty()) parts.add("aparam=" + aparam);
        if (!aparamPerElement.isEmpty()) parts.add("aparam=" + aparamPerElement);
        return String.join(",", parts);
    }

    /**
     * Checks these parameters against the model's numb_fparam / numb_aparam and the structure's elements.
     *
     * @param where what the messages start with, e.g. "model m.yaml"
     * @throws IllegalArgumentException naming the key at fault
     */
    public void validate(DeepPotModel model, Structure s, String where) {
        EnerFitting f = model.fitting();
        int nfp = f.numbFparam(), nap = f.numbAparam();
        if (fparam.size() != nfp && !(fparam.isEmpty() && f.defaultFparam() != null)) {
            throw new IllegalArgumentException(where + ": fparam has " + fparam.size() + " values; the model takes numb_fparam = "
                    + nfp + (nfp > 0 && f.defaultFparam() == null ? " and has no default_fparam" : ""));
        }
        if (nap == 0) {
            if (!aparam.isEmpty() || !aparamPerElement.isEmpty()) {
                throw new IllegalArgumentException(where + ": aparam is given; the model takes numb_aparam = 0");
            }
            return;
        }
        if (aparam.isEmpty() && aparamPerElement.isEmpty()) {
            throw new IllegalArgumentException(where + ": aparam is missing; the model takes numb_aparam = " + nap
                    + " values per atom (a list for every atom, or {element = [...]})");
        }
        if (!aparam.isEmpty() && aparam.size() != nap) {
            throw new IllegalArgumentException(where + ": aparam has " + aparam.size() + " values; the model takes numb_aparam = " + nap);
        }
        for (Map.Entry<String, List<Double>> e : aparamPerElement.entrySet()) {
            if (e.getValue().size() != nap) {
                throw new IllegalArgumentException(where + ": aparam." + e.getKey() + " has " + e.getValue().size()
                        + " values; the model takes numb_aparam = " + nap);
            }
        }
        if (!aparamPerElement.isEmpty()) {
            for (int z : s.typeAtomicNumbers()) {
                if (!aparamPerElement.containsKey(Elements.symbol(z))) {
                    throw new IllegalArgumentException(where + ": aparam has no values for element " + Elements.symbol(z)
                            + " of the structure (given: " + aparamPerElement.keySet() + ")");
                }
            }
        }
    }

    /** fparam as an array, or null when empty (the model's default_fparam or none). */
    public double[] fparamArray() {
        return fparam.isEmpty() ? null : fparam.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** aparam of every atom of {@code s}, natoms × numb_aparam row-major, or null when none is given. */
    public double[] aparamArray(Structure s) {
        if (aparam.isEmpty() && aparamPerElement.isEmpty()) return null;
        int[] z = s.typeAtomicNumbers();
        int nap = aparam.isEmpty() ? aparamPerElement.values().iterator().next().size() : aparam.size();
        double[] out = new double[s.natoms() * nap];
        for (int i = 0; i < s.natoms(); i++) {
            List<Double> v = aparam.isEmpty() ? aparamPerElement.get(Elements.symbol(z[s.type(i)])) : aparam;
            for (int k = 0; k < nap; k++) out[i * nap + k] = v.get(k);
        }
        return out;
    }

    /**
     * Validates and gives the parameters to a calculator for the rest of the trajectory. Only the plain-Java
     * reference evaluators take frame or atomic parameters: any other calculator of a model with numb_fparam or
     * numb_aparam &gt; 0 is refused.
     *
     * @param execution the entry's execution, for the refusal
     */
    public void apply(DeepPotCalculator calc, Structure s, String execution, String where) {
        DeepPotModel m = calc.model();
        validate(m, s, where);
        if (!m.fitting().hasParams()) return;
        if (!(calc instanceof ReferenceEvaluator re)) {
            throw new IllegalArgumentException(where + ": execution " + execution + " (" + calc.getClass().getSimpleName()
                    + ") does not take fparam/aparam, which this model needs (numb_fparam = " + m.fitting().numbFparam()
                    + ", numb_aparam = " + m.fitting().numbAparam() + "); use execution java or java-reference");
        }
        re.setFrameParams(fparamArray(), aparamArray(s));
    }
}
