package org.dpspark.model;

import java.util.Arrays;

/**
 * A NumPy array of the DeePMD-kit serialization tree ({@code "@class": "np.ndarray"}), held as flat
 * row-major doubles with its shape and NumPy dtype name ({@code float64} or {@code float32}; float32
 * values are exactly representable as doubles, so nothing is lost).
 *
 * @param dtype NumPy dtype name
 * @param shape dimensions ({@code []} for a 0-d scalar)
 * @param data row-major values, length = product of shape
 */
public record NdArray(String dtype, int[] shape, double[] data) {
    public NdArray {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }
        if (!dtype.equals("float64") && !dtype.equals("float32")) {
            throw new UnsupportedModelException("unsupported array dtype '" + dtype + "' (supported: float64, float32)");
        }
    }

    public static NdArray of(String dtype, double[] data, int... shape) {
        return new NdArray(dtype, shape.clone(), data);
    }

    /** Number of dimensions. */
    public int ndim() {
        return shape.length;
    }

    /** Total number of values. */
    public int size() {
        return data.length;
    }

    @Override
    public String toString() {
        return "NdArray[" + dtype + " " + Arrays.toString(shape) + "]";
    }
}
