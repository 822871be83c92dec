package org.dpspark.train.graph;

/**
 * Names of the placeholders, outputs and trainable variables of {@link DeepPotGraph} (declared once).
 * Per centre type t the atoms of a batch are one block of A_t rows (all frames together, see {@link BatchBuilder}).
 */
public final class GraphNames {
    private GraphNames() {}

    /** Normalised environment matrix R̃ of the type-t centres, shape A_t×N×4 (Å⁻¹/dstd: dimensionless). */
    public static String env(int t) { return "env_" + t; }

    /** ∂R̃/∂r_ij of the type-t centres, shape (A_t·N)×4×3 (Å⁻¹ per unit of R̃). */
    public static String deriv(int t) { return "deriv_" + t; }

    /** r_ij = r_j − r_i per slot of the type-t centres, shape A_t×N×3, Å (0 for padding). */
    public static String rij(int t) { return "rij_" + t; }

    /** Batch atom index of each slot's neighbour, shape A_t·N, int (padding slots: any index, they carry no force). */
    public static String neighbour(int t) { return "nbr_" + t; }

    /** Batch atom index of each type-t centre, shape A_t, int. */
    public static String centre(int t) { return "ctr_" + t; }

    /** Frame index (in the batch) of each type-t centre, shape A_t, int. */
    public static String frameOf(int t) { return "fr_" + t; }

    /** 1 for a real type-t atom, 0 for a dummy row (a type absent from the batch), shape A_t×1. */
    public static String mask(int t) { return "mask_" + t; }

    /**
     * Normalised frame and atomic parameters of each row of centre type t, A_t × P (P = numb_fparam + numb_aparam:
     * (fparam − avg)·inv_std of the row's frame, then (aparam_i − avg)·inv_std); present only for models with them.
     */
    public static String params(int t) { return "params_" + t; }

    /** Number of atoms in the batch (int scalar). */
    public static final String NATOMS = "natoms";
    /** Number of frames in the batch (int scalar). */
    public static final String NFRAMES = "nframes";

    // labels and loss weights
    public static final String ENERGY_LABEL = "energy_label";     // nf, eV
    public static final String FORCE_LABEL = "force_label";       // natoms×3, eV/Å
    public static final String VIRIAL_LABEL = "virial_label";     // nf×9, eV
    public static final String ENERGY_WEIGHT = "energy_weight";   // nf: 1/(N_f·nf)
    public static final String FORCE_WEIGHT = "force_weight";     // natoms×1: 1/(3·N_f·nf)
    public static final String VIRIAL_WEIGHT = "virial_weight";   // nf×1: 1/(9·N_f·nf), 0 without a virial label
    public static final String PREF_E = "pref_e";                 // [1]
    public static final String PREF_F = "pref_f";                 // [1]
    public static final String PREF_V = "pref_v";                 // [1]

    // outputs
    public static final String ENERGY = "energy";                 // nf, eV
    public static final String FORCE = "force";                   // natoms×3, eV/Å
    public static final String VIRIAL = "virial";                 // nf×9, eV
    public static final String LOSS = "loss";
    public static final String LOSS_E = "loss_e";
    public static final String LOSS_F = "loss_f";
    public static final String LOSS_V = "loss_v";

    /** Atomic energies of the type-t centres, A_t×1, eV (dummy rows included, unmasked). */
    public static String atomEnergy(int t) { return "atom_energy_" + t; }

    /** Embedding net k (DeePMD NetworkCollection index), layer l: "w", "b" or "idt". */
    public static String embedding(int k, int l, String what) { return "emb" + k + "_" + l + "_" + what; }

    /** Fitting net of type t, layer l: "w", "b" or "idt". */
    public static String fitting(int t, int l, String what) { return "fit" + t + "_" + l + "_" + what; }

    /** Per-type constant energy shift (bias_atom_e + out_bias), shape 1 per type, eV. */
    public static String bias(int t) { return "bias_" + t; }
}
