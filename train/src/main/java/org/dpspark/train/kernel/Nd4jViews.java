package org.dpspark.train.kernel;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J arrays over the kernel's off-heap buffers (no copy, no ownership), so that copies between DL4J's parameter and
 * gradient views and the kernel are one native {@code assign} each, with ND4J handling the views' offsets and strides:
 * element-wise copies through Java arrays were a noticeable share of a dl4j-spark worker's Java time
 * (measurements: docs/benchmarks.md#training-kernel).
 */
final class Nd4jViews {
    private Nd4jViews() {}

    /**
     * The elements of a double array in C order, as a Java array: one native read when the array is a whole C-order
     * block from element 0 of its buffer (ND4J's {@code asDouble} reads element by element), else through a C-order
     * copy.
     */
    static double[] toArray(INDArray a) {
        long n = a.length();
        if (a.dataType() != DataType.DOUBLE || a.ordering() != 'c' || a.offset() != 0 || n > Integer.MAX_VALUE
                || (n > 1 && a.elementWiseStride() != 1) || a.data().length() < n) {
            return a.dup('c').data().asDouble();
        }
        double[] out = new double[(int) n];
        new DoublePointer(a.data().addressPointer()).capacity(n).get(out, 0, (int) n);
        return out;
    }

    /** Elements [off, off + n) of {@code d} as a C-order array of {@code shape} (n = product of shape). */
    static INDArray wrap(Dbuf d, int off, long[] shape) {
        long n = 1;
        for (long s : shape) n *= s;
        assert d.span(off, n);
        DoublePointer p = d.at(0).getPointer(off).capacity(n).limit(n); // address of element off, position 0
        DataBuffer buf = Nd4j.createBuffer(p, DataType.DOUBLE, n, DoubleIndexer.create(p));
        return Nd4j.create(buf, shape, Nd4j.getStrides(shape, 'c'), 0, 'c');
    }
}
