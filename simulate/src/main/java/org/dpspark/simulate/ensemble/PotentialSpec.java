package org.dpspark.simulate.ensemble;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.eval.DeepPotCalculator;
import org.dpspark.simulate.dp.ConstantFrameParams;
import org.dpspark.simulate.dp.DeepPotCalculators;
import org.dpspark.simulate.dp.DeepPotPotential;
import org.dpspark.model.eval.DeepPotResult;
import org.dpspark.simulate.dp.ModelDeviation;
import org.dpspark.simulate.potential.LennardJones;
import org.dpspark.simulate.potential.Potential;
import org.dpspark.simulate.potential.StillingerWeber;
import org.dpspark.simulate.potential.Structure;

/**
 * One entry of {@code simulate.potentials}, built into a {@link Potential} in each task.
 *
 * @param type the kind of potential
 * @param epsilon LJ ε, eV (every species pair)
 * @param sigma LJ σ, Å
 * @param cutoff LJ r_c, Å
 * @param shift LJ energy shift to 0 at r_c
 * @param model Deep Potential: absolute path of a dpspark model directory or a DeePMD-kit .yaml/.dp file
 * @param deviationModels absolute paths of the models whose force deviation is recorded (empty: none)
 * @param execution Deep Potential calculator ({@link DeepPotCalculators#NAMES}), also for the deviation models
 * @param name label given by the user, or ""
 * @param params Deep Potential: constant frame/atomic parameters of the trajectory (fparam, aparam; also given to the
 *     deviation models that take them)
 */
public record PotentialSpec(PotentialType type, double epsilon, double sigma, double cutoff, boolean shift, String model,
        List<String> deviationModels, String execution, String name, ConstantFrameParams params) implements Serializable {

    /** A potential without frame or atomic parameters. */
    public PotentialSpec(PotentialType type, double epsilon, double sigma, double cutoff, boolean shift, String model,
            List<String> deviationModels, String execution, String name) {
        this(type, epsilon, sigma, cutoff, shift, model, deviationModels, execution, name, ConstantFrameParams.NONE);
    }

    private static final Map<String, DeepPotModel> MODELS = new ConcurrentHashMap<>();

    public PotentialSpec {
        deviationModels = List.copyOf(deviationModels);
    }

    /** Parses one entry against {@code simulate.entry-defaults}; model paths are made absolute here. */
    static PotentialSpec parse(Config entry, Config defaults, String where) {
        if (!entry.hasPath("type")) {
            throw new IllegalArgumentException(where + " needs type (lj, sw, deep-potential)");
        }
        PotentialType type = PotentialType.of(entry.getString("type"), where);
        String typeName = type.configName();
        Config c = Entries.complete(entry, defaults.getConfig(typeName), where + " (" + typeName + ")");
        String name = c.getString("name");
        return switch (type) {
            case LJ -> new PotentialSpec(type, c.getDouble("epsilon"), c.getDouble("sigma"), c.getDouble("cutoff"),
                    c.getBoolean("shift"), null, List.of(), "java", name);
            case SW -> new PotentialSpec(type, 0, 0, 0, false, null, List.of(), "java", name);
            case DEEP_POTENTIAL -> {
                List<String> dev = new ArrayList<>();
                for (String d : c.getStringList("deviation-models")) {
                    dev.add(Path.of(d).toAbsolutePath().normalize().toString());
                }
                if (dev.size() == 1) {
                    throw new IllegalArgumentException(where + ": deviation-models needs 2 or more models (or none)");
                }
                String execution = c.getString("execution");
                if (!DeepPotCalculators.NAMES.contains(execution)) {
                    throw new IllegalArgumentException(where + ": unknown execution '" + execution + "' (known: "
                            + String.join(", ", DeepPotCalculators.NAMES) + ")");
                }
                yield new PotentialSpec(type, 0, 0, 0, false, Path.of(c.getString("model")).toAbsolutePath().normalize()
                        .toString(), dev, execution, name, ConstantFrameParams.parse(c, where));
            }
        };
    }

    /** Label with the parameters (part of the trajectory id and of the summary). */
    public String label() {
        if (!name.isEmpty()) {
            return name;
        }
        return switch (type) {
            case LJ -> String.format(Locale.ROOT, "lj(epsilon=%s,sigma=%s,cutoff=%s,shift=%s)", epsilon, sigma, cutoff,
                    shift);
            case SW -> "sw(Si)";
            case DEEP_POTENTIAL -> "deep-potential(" + Path.of(model).getFileName()
                    + (params.isEmpty() ? "" : "," + params.label()) + ")";
        };
    }

    /** The potential for a structure (one instance per trajectory; Deep Potential calculators are stateful). */
    public Potential build(Structure s) {
        return switch (type) {
            case LJ -> {
                int t = s.ntypes();
                double[] e = new double[t * t], g = new double[t * t];
                java.util.Arrays.fill(e, epsilon);
                java.util.Arrays.fill(g, sigma);
                yield new LennardJones(t, e, g, cutoff, shift);
            }
            case SW -> {
                if (s.ntypes() != 1) {
                    throw new IllegalArgumentException("sw (Si.sw) needs a one-element structure, got " + s.ntypes()
                            + " species");
                }
                yield StillingerWeber.silicon();
            }
            case DEEP_POTENTIAL -> {
                DeepPotCalculator calc = DeepPotCalculators.create(execution, load(model));
                params.apply(calc, s, execution, modelWhere(model));
                yield DeepPotPotential.forStructure(calc, s);
            }
        };
    }

    /**
     * Checks on the driver that this potential accepts the structure (elements of the model's type map, one-element
     * SW) without creating device resources: Deep Potential calculators are only created in the tasks.
     */
    public void check(Structure s) {
        if (type != PotentialType.DEEP_POTENTIAL) {
            build(s);
            return;
        }
        DeepPotPotential.typeMapping(s, load(model).typeMap());
        checkParams(load(model), s, model);
        for (String d : deviationModels) {
            DeepPotPotential.typeMapping(s, load(d).typeMap());
            checkParams(load(d), s, d);
        }
    }

    /** fparam/aparam against the model, and the execution taking them (the plain-Java evaluators only). */
    private void checkParams(DeepPotModel m, Structure s, String path) {
        params.validate(m, s, modelWhere(path));
        if (m.fitting().hasParams() && !execution.equals("java") && !execution.equals("java-reference")) {
            throw new IllegalArgumentException(modelWhere(path) + ": execution " + execution + " (the Aparapi kernels) does not"
                    + " take fparam/aparam, which this model needs (numb_fparam = " + m.fitting().numbFparam()
                    + ", numb_aparam = " + m.fitting().numbAparam() + "); use execution java or java-reference");
        }
    }

    private static String modelWhere(String path) {
        return "model " + Path.of(path).getFileName();
    }

    /** The model-deviation ensemble for structure {@code s} (its atoms' aparam), or null without deviation models. */
    public ModelDeviation deviation(Structure s) {
        if (deviationModels.isEmpty()) {
            return null;
        }
        List<DeepPotCalculator> calcs = new ArrayList<>();
        for (String d : deviationModels) {
            DeepPotCalculator c = DeepPotCalculators.create(execution, load(d));
            params.apply(c, s, execution, modelWhere(d));
            calcs.add(c);
        }
        return new ModelDeviation(calcs);
    }

    /** Execution mode of the reference potentials (LJ, SW): plain Java, one thread, as the DP reference. */
    public static final String JAVA = DeepPotResult.JAVA_REFERENCE;

    /**
     * Where a potential built from this spec ran, as observed: for Deep Potential the modes its results reported
     * ({@link DeepPotPotential#executionModes()}, "" before any evaluation), else {@link #JAVA}.
     */
    public static String executionMode(Potential p) {
        return p instanceof DeepPotPotential dp ? dp.executionModes() : JAVA;
    }

    /** Where the latest evaluation of a potential ran ({@link #JAVA} for the reference potentials). */
    public static String lastExecutionMode(Potential p) {
        return p instanceof DeepPotPotential dp ? dp.lastExecutionMode() : JAVA;
    }

    /**
     * {@link DeepPotModel#read}, cached per JVM (models are
     * immutable; an executor running many trajectories reads each file once).
     */
    public static DeepPotModel load(String path) {
        return MODELS.computeIfAbsent(path, p -> {
            try {
                return DeepPotModel.read(Path.of(p));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read model " + p + ": " + e.getMessage(), e);
            }
        });
    }
}
