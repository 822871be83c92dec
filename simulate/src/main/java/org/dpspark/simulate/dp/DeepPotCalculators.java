package org.dpspark.simulate.dp;

import org.dpspark.model.eval.BatchedDeepPotEvaluator;
import org.dpspark.model.eval.DeepPotCalculator;
import org.dpspark.model.eval.DeepPotEvaluator;
import org.dpspark.model.eval.ReferenceEvaluators;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Locale;
import org.dpspark.model.DeepPotModel;

/**
 * The Deep Potential calculators a configuration can ask for by name ({@code execution} of a
 * {@code deep-potential} entry of {@code simulate.potentials}):
 * <ul>
 *   <li>{@code java}: the batched plain-Java evaluator {@link BatchedDeepPotEvaluator} (Vector API; the MD default;
 *       with the table kernels for a compressed model); for the models it does not implement, se_e2_r's reference
 *       and DPA-1's evaluator on the Vector API's products ({@link ReferenceEvaluators#fastest});</li>
 *   <li>{@code java-reference}: the slow straightforward plain-Java reference {@link DeepPotEvaluator} (se_e2_r:
 *       {@code SeREvaluator}; DPA-1: {@code SeAttenEvaluator} on plain loops; {@link ReferenceEvaluators#of});</li>
 *   <li>{@code auto}, {@code gpu}, {@code opencl-cpu}, {@code jtp}: the Aparapi kernels
 *       ({@code org.dpspark.simulate.dp.kernel.DeepPotKernelEvaluator}) on the {@code DeviceKind} of that name;
 *       any but {@code auto} is required (construction fails without such a device, evaluation fails if a kernel
 *       ran elsewhere); a compressed model runs its tables there too.</li>
 * </ul>
 * The kernels are looked up by name so that this class does not depend on them at compile time. What actually
 * ran is not the name asked for but each result's {@link DeepPotResult#executionMode()}, which the ensemble
 * records. Kernel calculators hold OpenCL resources: close them ({@link #close}).
 */
public final class DeepPotCalculators {
    private DeepPotCalculators() {}

    /** Names accepted by {@link #create}. */
    public static final List<String> NAMES = List.of("java", "java-reference", "auto", "gpu", "opencl-cpu", "jtp");

    static final String KERNEL_EVALUATOR = "org.dpspark.simulate.dp.kernel.DeepPotKernelEvaluator";
    static final String DEVICE_KIND = "org.dpspark.simulate.dp.kernel.DeviceKind";

    /**
     * @param execution requested calculator, one of {@link #NAMES}
     * @param model the model
     * @throws IllegalArgumentException for an unknown name
     * @throws IllegalStateException when the requested device is not there
     */
    public static DeepPotCalculator create(String execution, DeepPotModel model) {
        if (model.compressed() && execution.equals("java-reference")) {
            throw new IllegalArgumentException("a compressed model does not run with execution java-reference (the"
                    + " reference evaluates nets, not tables): use execution java or the Aparapi kernels (auto, gpu,"
                    + " opencl-cpu, jtp), or the uncompressed model for java-reference");
        }
        if (execution.equals("java")) {
            return ReferenceEvaluators.fastest(model); // batched for se_e2_a; the reference for se_e2_r
        }
        if (execution.equals("java-reference")) {
            return ReferenceEvaluators.of(model);
        }
        if (!NAMES.contains(execution)) {
            throw new IllegalArgumentException("unknown Deep Potential execution '" + execution + "' (known: "
                    + String.join(", ", NAMES) + ")");
        }
        return kernel(execution.replace('-', '_').toUpperCase(Locale.ROOT), model);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static DeepPotCalculator kernel(String kind, DeepPotModel model) {
        Class<?> evaluator, kinds;
        try {
            evaluator = Class.forName(KERNEL_EVALUATOR);
            kinds = Class.forName(DEVICE_KIND);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("execution " + kind.toLowerCase(Locale.ROOT) + " needs the Aparapi kernels ("
                    + KERNEL_EVALUATOR + "), which this build does not contain", e);
        }
        Object k = Enum.valueOf((Class) kinds, kind);
        try {
            return (DeepPotCalculator) evaluator.getConstructor(DeepPotModel.class, kinds).newInstance(model, k);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + KERNEL_EVALUATOR + " on " + kind, e);
        }
    }

    /** Releases a calculator's resources (OpenCL for kernels); nothing for the Java reference. */
    public static void close(DeepPotCalculator c) {
        if (c instanceof AutoCloseable a) {
            try {
                a.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close " + c.getClass().getSimpleName() + ": " + e.getMessage(), e);
            }
        }
    }
}
