package org.dpspark.train.job;

import java.io.Serializable;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sum over workers of their parameters, updater state and score after a round, as plain {@code double[]} (for
 * {@link NetworkReusingMaster}'s averaging). dl4j-spark's own aggregation ships each partition's sum as INDArrays,
 * which ND4J's Java serialisation writes and reads element by element (the task-result thread's whole time;
 * measurements: docs/benchmarks.md#dl4j-spark-engine); a {@code double[]} goes through Java serialisation as one bulk
 * copy. The sums are formed in the same order as dl4j-spark's (results of a partition in order, then partitions as they
 * arrive), so averaging two workers of a double-precision network gives bit-for-bit the same parameters (a float
 * network is summed in double here).
 *
 * @param params       Σ parameters, length P (the flattened network parameters)
 * @param paramsShape  shape of the network's parameter array ([1, P])
 * @param updater      Σ updater state (Adam m and v, flattened), or null when the updater keeps none
 * @param updaterShape its shape, or null
 * @param dataType     the network's floating type
 * @param score        Σ score (loss)
 * @param count        number of results summed
 */
record WorkerSum(double[] params, long[] paramsShape, double[] updater, long[] updaterShape, DataType dataType, double score,
        int count) implements Serializable {

    /** One worker's result as a sum of one. */
    static WorkerSum of(ParameterAveragingTrainingResult r) {
        INDArray p = r.getParameters(), u = r.getUpdaterState();
        return new WorkerSum(p.toDoubleVector(), p.shape(), u == null ? null : u.toDoubleVector(), u == null ? null : u.shape(),
                p.dataType(), r.getScore(), 1);
    }

    /** a + b; null stands for the empty sum (Spark's zero value). Adds into a's arrays. */
    static WorkerSum add(WorkerSum a, WorkerSum b) {
        if (a == null) return b;
        if (b == null) return a;
        addInto(a.params, b.params);
        if (a.updater != null) addInto(a.updater, b.updater);
        return new WorkerSum(a.params, a.paramsShape, a.updater, a.updaterShape, a.dataType, a.score + b.score, a.count + b.count);
    }

    private static void addInto(double[] a, double[] b) {
        if (b == null || a.length != b.length) {
            throw new IllegalStateException("workers returned arrays of different lengths: " + a.length + " and "
                    + (b == null ? "none" : b.length));
        }
        for (int i = 0; i < a.length; i++) a[i] += b[i];
    }

    /** The averaged parameters, in the network's shape and type. */
    INDArray meanParams() { return mean(params, paramsShape); }

    /** The averaged updater state, or null. */
    INDArray meanUpdater() { return updater == null ? null : mean(updater, updaterShape); }

    double meanScore() { return score / count; }

    private INDArray mean(double[] sum, long[] shape) {
        INDArray a = Nd4j.create(sum, shape, 'c').divi(count);
        return a.dataType() == dataType ? a : a.castTo(dataType);
    }
}
