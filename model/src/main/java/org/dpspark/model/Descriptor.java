package org.dpspark.model;

/**
 * A Deep Potential descriptor: what every descriptor of a {@link DeepPotModel} tells the rest of the pipeline
 * (neighbour search, statistics, the fitting net's input width). Each kind is one class registered with its
 * serialization in {@link DescriptorRegistry} under DeePMD-kit's {@code type} string.
 */
public interface Descriptor {

    /** DeePMD-kit's descriptor {@code type} string, e.g. {@code se_e2_a}. */
    String type();

    /** r_c, Å: neighbours beyond it do not count. */
    double rcut();

    /** r_s, Å: the smooth switch starts here. */
    double rcutSmth();

    /** Neighbour slots per type (length = number of types). */
    int[] sel();

    /** Number of atom types. */
    default int ntypes() { return sel().length; }

    /** Neighbour slots in all, Σ sel. */
    default int nnei() {
        int n = 0;
        for (int s : sel()) n += s;
        return n;
    }

    /** Width of the descriptor per atom: the fitting net's input. */
    int dimOut();

    /** DeePMD-kit's precision name of its nets ({@code float64} or {@code float32}). */
    String precision();
}
