package org.dpspark.train.job;

import org.apache.spark.TaskContext;
import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's native ops use one OpenMP team per call, by default as many threads as the machine has cores. With several
 * Spark tasks training in one JVM (local[N], or an executor with several cores) that oversubscribes the cores, and
 * OpenMP's spinning threads then slow every task down badly. A training task limits ND4J to the cores Spark gave it
 * ({@code spark.task.cpus}). ND4J's setting is per JVM: all tasks of the executor set the same value.
 *
 * <p>The matrix products go to OpenBLAS, whose thread count ND4J's environment setting does not change
 * (measurements: docs/benchmarks.md#dl4j-spark-engine); it is set separately.
 */
final class Nd4jThreads {
    private Nd4jThreads() {}

    static void limitToTask() {
        TaskContext tc = TaskContext.get();
        int cpus = tc == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, tc.cpus());
        if (Nd4j.getEnvironment().maxThreads() != cpus) {
            Nd4j.getEnvironment().setMaxThreads(cpus);
            Nd4j.getEnvironment().setMaxMasterThreads(cpus);
        }
        Blas blas = Nd4j.factory().blas();
        if (blas.getMaxThreads() != cpus) blas.setMaxThreads(cpus);
    }
}
