package org.dpspark.model.eval;

import java.util.Arrays;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.SeADescriptor;
import org.dpspark.model.neighbor.NeighborList;

/**
 * The fast plain-Java evaluator of a Deep Potential se_e2_a + energy model (the MD engine's {@code java} execution):
 * the same model and the same steps as the reference {@link DeepPotEvaluator} (see there for the formulas and
 * DeePMD-kit's sources), laid out the way the hardware wants, one block of {@link #block} atoms at a time (memory
 * bounded by the block, whatever the frame size):
 * <ol>
 *   <li>the real neighbour slots of every atom of the block ({@link VerletSlots}), normalised, gathered per embedding
 *       net into one feature-major block of rows (all atoms' slots of that centre/neighbour type pair);</li>
 *   <li>each embedding net on its whole block ({@link BlockNet}: one Vector API matrix product per layer, tanh on
 *       vectors);</li>
 *   <li>per atom gr = (1/N) Σ_s G_sᵀR̃_s (vectorised over the slots; the padding slots' constant terms as one
 *       precomputed suffix sum per (centre type, first padding slot)) and D = gr·gr_&lt;ᵀ, written as the atom's row
 *       of its type's fitting block;</li>
 *   <li>each fitting net on all atoms of its type in the block at once, forward and reverse ({@link RowBlockNet}:
 *       matrix products with vectors along the features);</li>
 *   <li>per atom ∂E/∂gr, then per embedding net ∂E/∂G and the direct ∂E/∂R̃ for the whole block, the net's reverse
 *       pass (matrix products) and, fused with it, ∂E/∂r_ij and the force/virial scatter of
 *       {@link org.dpspark.model.env.ForceVirial} (DeePMD-kit's prod_force_a / prod_virial_a).</li>
 * </ol>
 *
 * <p>Agreement with the reference: the products use FMAs and a blocked summation order, tanh is
 * {@link VectorKernels#tanh}, the padding terms of gr are summed in a different order and the force scatter runs per
 * net instead of per atom; every value is the reference's up to round-off accumulated over sums of ~10²–10³ terms of
 * size O(1) (relative ~1e-13; the consistency test bounds it).
 *
 * <p>Compressed models ({@link DeepPotModel#compressed()}): steps 2, 3 and the embedding part of 5 are
 * {@link TabulatedEmbedding}'s fused table kernels instead (no embedding net runs, G is never stored; the padding
 * slots' terms come from the table too), the fitting nets and the force/virial scatter are the same code. Inputs
 * outside a table are counted ({@link #lastTableOverflow()}), never dropped silently.
 *
 * <p>Allocation: {@link #evaluateInto} allocates nothing once the buffers fit the largest block (the MD hot loop).
 * Not thread-safe; use one evaluator per thread.
 */
public final class BatchedDeepPotEvaluator implements InPlaceCalculator {
    /** Execution mode reported in results. */
    public static final String MODE = "Java batched, Vector API (single thread)";
    /** Execution mode of a compressed model. */
    public static final String MODE_COMPRESSED = "Java batched, tabulated embedding (compressed), Vector API (single thread)";
    /** Atoms per block unless told otherwise ({@code -Ddpspark.dp.block=N}). */
    public static final int DEFAULT_BLOCK = Integer.getInteger("dpspark.dp.block", 64);

    private final DeepPotModel model;
    private final int ntypes;
    private final int nnei;
    private final int ng;
    private final int axis;
    private final int dimD;
    private final int[] sel;
    private final int[] selOffset;
    private final double[] davg;
    private final double[] dstd;
    /** 1/dstd, entry by entry: ∂R̃/∂r = ∂R/∂r · (1/dstd), 12 multiplications per slot instead of 12 divisions. */
    private final double[] invStd;
    private final double[] biasPerType;
    private final boolean typeOneSide;
    private final BlockNet[] embed;
    /** The tables of a compressed model, else null. */
    private final TabulatedEmbedding tab;
    /** Row capacity of each net's row buffers. */
    private final int[] ldk;
    /** One atom's gr and ∂E/∂gr as 4 × Mp (c-major), the table kernels' layout. */
    private final double[] grC, dgrC;
    private final RowBlockNet[] fit;
    private final int block;
    /**
     * Σ over the padding slots p ≥ slot of slot's type group of G_pᵀR̃_p (M×4, row a·4 + c), per centre type and slot:
     * ntypes × (nnei + 1) × 4M (entry nnei and every group end: 0).
     */
    private final double[] padTail;
    private final VerletSlots slots;
    private NeighborList verlet;
    private long dropped;
    private long tableOverflow;

    // per-atom slot scratch
    private final double[] envA, derivA, rijA;
    private final int[] nlistA, countsA;
    // per-net rows (index = net): R̃ (4 × ld) and direct ∂E/∂R̃ (4 × ld) feature-major, ∂R̃/∂r (rows × 12),
    // r_ij (rows × 3), neighbour atom (rows)
    private final double[][] rk, dk, der, rij;
    private final int[][] nbr;
    private final int[] netRows;
    // per block atom: first row and count in its net per neighbour type; row in its type's fitting block; gr; ∂E/∂gr
    private final int[] segStart, segCount, fitRow;
    private final int[] fitRows;
    private final double[] grB, dgrB;
    /** axis is a whole number of vectors: D and ∂E/∂gr as matrix products (else scalar loops). */
    private final boolean vecAxis;
    /** One atom's gr as 4 × axis (grT[c·axis + b] = gr[b][c]), and gr, ∂E/∂gr as M × L rows (columns ≥ 4: 0). */
    private final double[] grT, gr8, dgr8;
    private final double[][] fitGrad;
    private final BlockNet.Scratch scratch = new BlockNet.Scratch();
    private final double[] virialScratch = new double[9];

    /** An evaluator with blocks of {@link #DEFAULT_BLOCK} atoms. */
    public BatchedDeepPotEvaluator(DeepPotModel model) {
        this(model, DEFAULT_BLOCK);
    }

    /**
     * @param model the model
     * @param block atoms per block (≥ 1): the fitting nets run on up to this many rows at once; memory ∝ block
     */
    public BatchedDeepPotEvaluator(DeepPotModel model, int block) {
        if (block < 1) throw new IllegalArgumentException("block must be >= 1: " + block);
        this.model = model;
        this.block = block;
        SeADescriptor d = model.seA();
        ntypes = model.ntypes();
        nnei = d.nnei();
        ng = d.embeddingWidth();
        axis = d.axisNeuron();
        dimD = d.dimOut();
        sel = d.sel();
        selOffset = new int[ntypes + 1];
        for (int t = 0; t < ntypes; t++) selOffset[t + 1] = selOffset[t] + sel[t];
        davg = d.davg();
        dstd = d.dstd();
        invStd = new double[dstd.length];
        for (int q = 0; q < dstd.length; q++) invStd[q] = 1.0 / dstd[q];
        typeOneSide = d.typeOneSide();
        biasPerType = new double[ntypes];
        for (int t = 0; t < ntypes; t++) biasPerType[t] = model.fitting().biasAtomE()[t] + model.outBias()[t];
        int nets = d.embeddings().size();
        tab = model.compressed() ? new TabulatedEmbedding(model.compression()) : null;
        embed = new BlockNet[nets];
        if (tab == null) for (int k = 0; k < nets; k++) embed[k] = new BlockNet(d.embeddings().get(k), scratch);
        ldk = new int[nets];
        grC = tab == null ? null : new double[4 * tab.mp];
        dgrC = tab == null ? null : new double[4 * tab.mp];
        fit = new RowBlockNet[ntypes];
        fitGrad = new double[ntypes][];
        for (int t = 0; t < ntypes; t++) fit[t] = new RowBlockNet(model.fitting().nets().get(t));
        slots = new VerletSlots(d.rcut(), d.rcutSmth(), sel, VerletSlots.DEFAULT_SKIN);
        envA = new double[nnei * 4];
        derivA = new double[nnei * 12];
        rijA = new double[nnei * 3];
        nlistA = new int[nnei];
        countsA = new int[ntypes];
        rk = new double[nets][0];
        dk = new double[nets][0];
        der = new double[nets][0];
        rij = new double[nets][0];
        nbr = new int[nets][0];
        netRows = new int[nets];
        segStart = new int[block * ntypes];
        segCount = new int[block * ntypes];
        fitRow = new int[block];
        fitRows = new int[ntypes];
        grB = new double[block * 4 * ng];
        dgrB = new double[block * 4 * ng];
        vecAxis = axis % VectorKernels.L == 0 && VectorKernels.L >= 4;
        grT = new double[4 * axis];
        gr8 = new double[ng * VectorKernels.L];
        dgr8 = new double[ng * VectorKernels.L];
        padTail = paddingTails(d);
    }

    private double[] paddingTails(SeADescriptor d) {
        int w = 4 * ng;
        double[] out = new double[ntypes * (nnei + 1) * w];
        for (int ti = 0; ti < ntypes; ti++) {
            for (int tj = 0; tj < ntypes; tj++) {
                int kNet = netIndex(ti, tj);
                CompiledNet net = new CompiledNet(d.embeddings().get(kNet));
                double[] row = new double[net.rowWidth()];
                double[] tabG = new double[ng];
                for (int s = selOffset[tj + 1] - 1; s >= selOffset[tj]; s--) {
                    int k = (ti * nnei + s) * 4;
                    double[] r = new double[4];
                    for (int c = 0; c < 4; c++) r[c] = (0.0 - davg[k + c]) / dstd[k + c];
                    if (tab != null) {
                        tab.value(kNet, r[0], tabG);
                    } else {
                        net.forward(new double[] {r[0]}, 0, row, null, 0);
                    }
                    int at = (ti * (nnei + 1) + s) * w, next = at + w;
                    boolean last = s == selOffset[tj + 1] - 1;
                    for (int a = 0; a < ng; a++) {
                        double g = tab != null ? tabG[a] : row[net.outOffset() + a];
                        for (int c = 0; c < 4; c++) out[at + 4 * a + c] = (last ? 0.0 : out[next + 4 * a + c]) + g * r[c];
                    }
                }
            }
        }
        return out;
    }

    private int netIndex(int ti, int tj) {
        return typeOneSide ? tj : ti + tj * ntypes;
    }

    @Override
    public DeepPotModel model() { return model; }

    /** Atoms per block. */
    public int block() { return block; }

    @Override
    public DeepPotResult evaluate(double[] positions, double[] cell, int[] types) {
        return evaluate(positions, cell, types, false);
    }

    @Override
    public DeepPotResult evaluate(double[] positions, double[] cell, int[] types, boolean intermediates) {
        int n = types.length;
        double[] atomE = new double[n];
        double[] descOut = intermediates ? new double[n * dimD] : null;
        RowBlockNet f0 = fit[0];
        int lastHidden = f0.lastHiddenOffset() >= 0 ? model.fitting().nets().get(0).lastHiddenWidth() : 0;
        double[] fitLast = intermediates && lastHidden > 0 ? new double[n * lastHidden] : null;
        double[] forces = new double[3 * n];
        double[] virial = new double[9];
        double[] atomVirial = new double[9 * n];
        double energy = run(positions, cell, types, forces, virial, atomE, atomVirial, descOut, fitLast, lastHidden);
        return new DeepPotResult(energy, atomE, forces, virial, atomVirial, descOut, fitLast, dropped, mode());
    }

    /**
     * Evaluates one frame into caller-owned buffers, allocating nothing once sized (the MD hot loop); arguments as
     * {@link DeepPotEvaluator#evaluateInto(double[], double[], int[], double[], double[], double[], NeighborList)}.
     *
     * @return the energy, eV
     */
    @Override
    public double evaluateInto(double[] positions, double[] cell, int[] types, double[] forces, double[] virial,
            double[] atomEnergy, NeighborList verlet) {
        this.verlet = verlet;
        try {
            return run(positions, cell, types, forces, virial, atomEnergy, null, null, null, 0);
        } finally {
            this.verlet = null;
        }
    }

    /** Neighbours within r_c that did not fit in sel, summed over the atoms of the latest frame. */
    @Override
    public long lastNeighboursDropped() { return dropped; }

    @Override
    public String mode() { return tab == null ? MODE : MODE_COMPRESSED; }

    /**
     * Table inputs outside their table's range ({@link org.dpspark.model.compress.TableGrid#contains}), counted once
     * per real slot in the forward pass, summed over the latest frame; 0 for an uncompressed model.
     */
    @Override
    public long lastTableOverflow() { return tableOverflow; }

    private double run(double[] positions, double[] cell, int[] types, double[] forces, double[] virial,
            double[] atomE, double[] atomVirial, double[] descOut, double[] fitLast, int lastHidden) {
        int n = types.length;
        if (positions.length != 3 * n) throw new IllegalArgumentException("positions has " + positions.length + " values for " + n + " atoms");
        for (int t : types) {
            if (t < 0 || t >= ntypes) throw new IllegalArgumentException("atom type " + t + " outside the model's " + ntypes + " types");
        }
        slots.update(positions, cell, types, verlet);
        Arrays.fill(forces, 0, 3 * n, 0.0);
        double[] vir = virial != null ? virial : virialScratch;
        Arrays.fill(vir, 0.0);
        if (atomVirial != null) Arrays.fill(atomVirial, 0, 9 * n, 0.0);
        dropped = 0;
        if (tab != null) tab.overflow = 0;
        double energy = 0.0;
        for (int i0 = 0; i0 < n; i0 += block) {
            energy += block(i0, Math.min(n, i0 + block), types, forces, vir, atomE, atomVirial, descOut, fitLast, lastHidden);
        }
        tableOverflow = tab == null ? 0 : tab.overflow;
        return energy;
    }

    private double block(int i0, int i1, int[] types, double[] forces, double[] vir, double[] atomE,
            double[] atomVirial, double[] descOut, double[] fitLast, int lastHidden) {
        int nb = i1 - i0;
        // ---- rows per net and per fitting net, then room for them
        Arrays.fill(netRows, 0);
        Arrays.fill(fitRows, 0);
        for (int li = 0; li < nb; li++) {
            int ti = types[i0 + li];
            slots.computeRealSlots(i0 + li, null, null, null, 0, null, 0, countsA);
            for (int tj = 0; tj < ntypes; tj++) {
                int k = netIndex(ti, tj), real = Math.min(countsA[tj], sel[tj]);
                segStart[li * ntypes + tj] = netRows[k];
                segCount[li * ntypes + tj] = real;
                netRows[k] += real;
            }
            fitRow[li] = fitRows[ti]++;
        }
        for (int k = 0; k < ldk.length; k++) if (netRows[k] > 0) ensureNet(k, netRows[k]);
        for (int t = 0; t < ntypes; t++) fit[t].ensure(fitRows[t]);
        // ---- environment of every real slot, normalised, into its net's rows
        for (int li = 0; li < nb; li++) {
            int i = i0 + li, ti = types[i];
            dropped += slots.computeRealSlots(i, envA, derivA, rijA, 0, nlistA, 0, countsA);
            gather(li, ti);
        }
        // ---- embedding nets, forward
        if (tab == null) for (int k = 0; k < embed.length; k++) if (netRows[k] > 0) embed[k].forward(netRows[k]);
        // ---- gr and D per atom, into the fitting rows
        for (int li = 0; li < nb; li++) {
            int ti = types[i0 + li];
            descriptor(li, ti);
            if (descOut != null) {
                RowBlockNet f = fit[ti];
                System.arraycopy(f.in, fitRow[li] * f.inStride(), descOut, (i0 + li) * dimD, dimD);
            }
        }
        // ---- fitting nets over all atoms of a type, forward and reverse
        for (int t = 0; t < ntypes; t++) {
            if (fitRows[t] == 0) continue;
            fit[t].forward(fitRows[t]);
            fitGrad[t] = fit[t].backwardOnes(fitRows[t]);
        }
        double energy = 0.0;
        for (int li = 0; li < nb; li++) {
            int i = i0 + li, ti = types[i];
            RowBlockNet f = fit[ti];
            double ei = f.out[fitRow[li] * f.ld + f.outOffset()] + biasPerType[ti];
            if (atomE != null) atomE[i] = ei;
            energy += ei;
            if (fitLast != null) System.arraycopy(f.out, fitRow[li] * f.ld + f.lastHiddenOffset(), fitLast, i * lastHidden, lastHidden);
            gradGr(li, fitGrad[ti], fitRow[li] * f.gradStride());
        }
        // ---- per net: ∂E/∂G and direct ∂E/∂R̃ of all rows, reverse pass, force/virial scatter
        for (int k = 0; k < ldk.length; k++) {
            if (netRows[k] > 0) reverseNet(k, i0, nb, types, forces, vir, atomVirial);
        }
        return energy;
    }

    private void ensureNet(int k, int rows) {
        int ld;
        if (tab == null) {
            embed[k].ensure(rows);
            ld = embed[k].ld;
        } else {
            int need = VectorKernels.padded(Math.max(1, rows)) + VectorKernels.L;
            ld = need > ldk[k] ? Math.max(need, VectorKernels.padded(ldk[k] + ldk[k] / 4)) : ldk[k];
        }
        ldk[k] = ld;
        if (rk[k].length < 4 * ld) {
            rk[k] = new double[4 * ld];
            dk[k] = new double[4 * ld];
            der[k] = new double[12 * ld];
            rij[k] = new double[3 * ld];
            nbr[k] = new int[ld];
        }
    }

    /**
     * R̃ = (R − davg)/dstd and ∂R̃/∂r = ∂R/∂r · (1/dstd) of atom li's real slots, copied into its nets' rows (R̃ by
     * division as the reference: it selects the table interval; the derivative, which enters the forces linearly,
     * within an ulp of the reference's quotient).
     */
    private void gather(int li, int ti) {
        int base = ti * nnei * 4;
        for (int tj = 0; tj < ntypes; tj++) {
            int k = netIndex(ti, tj), r0 = segStart[li * ntypes + tj], real = segCount[li * ntypes + tj];
            int ld = ldk[k];
            double[] in = tab == null ? embed[k].in : null, rkk = rk[k], dd = der[k], rr = rij[k];
            int[] nb = nbr[k];
            for (int s = 0; s < real; s++) {
                int slot = selOffset[tj] + s, e = 4 * slot, r = r0 + s;
                for (int c = 0; c < 4; c++) rkk[c * ld + r] = (envA[e + c] - davg[base + e + c]) / dstd[base + e + c];
                if (in != null) in[r] = rkk[r];
                for (int c = 0; c < 4; c++) {
                    double inv = invStd[base + e + c];
                    int q = 12 * slot + 3 * c, o = 12 * r + 3 * c;
                    dd[o] = derivA[q] * inv;
                    dd[o + 1] = derivA[q + 1] * inv;
                    dd[o + 2] = derivA[q + 2] * inv;
                }
                rr[3 * r] = rijA[3 * slot];
                rr[3 * r + 1] = rijA[3 * slot + 1];
                rr[3 * r + 2] = rijA[3 * slot + 2];
                nb[r] = nlistA[slot];
            }
        }
    }

    /** gr of atom li (into grB) and D = gr·gr_&lt;ᵀ into its fitting row. */
    private void descriptor(int li, int ti) {
        int w = 4 * ng, go = li * w;
        double[] gr = grB;
        Arrays.fill(gr, go, go + w, 0.0);
        if (tab != null) {
            tabulatedGr(li, ti, go);
        } else {
            embeddedGr(li, ti, go);
        }
        for (int q = go; q < go + w; q++) gr[q] /= nnei;
        writeD(li, ti, go, fit[ti]);
    }

    /** gr of atom li (before the 1/N) from the embedding nets' output block, plus the padding tails. */
    private void embeddedGr(int li, int ti, int go) {
        int w = 4 * ng;
        double[] gr = grB;
        for (int tj = 0; tj < ntypes; tj++) {
            int k = netIndex(ti, tj), r0 = segStart[li * ntypes + tj], real = segCount[li * ntypes + tj];
            BlockNet net = embed[k];
            int ld = net.ld;
            double[] out = net.out, rkk = rk[k];
            int end = r0 + real;
            for (int a = 0; a < ng; a++) {
                int gb = net.outBase(a);
                VectorKernels.dot4(out, gb, rkk, ld, r0, end, gr, go + 4 * a);
            }
            if (real < sel[tj]) {
                int p = (ti * (nnei + 1) + selOffset[tj] + real) * w;
                for (int q = 0; q < w; q++) gr[go + q] += padTail[p + q];
            }
        }
    }

    /** gr of atom li (before the 1/N) from the tables: the fused lookup and product, plus the padding tails. */
    private void tabulatedGr(int li, int ti, int go) {
        int w = 4 * ng, mp = tab.mp;
        double[] acc = grC, gr = grB;
        Arrays.fill(acc, 0.0);
        for (int tj = 0; tj < ntypes; tj++) {
            int k = netIndex(ti, tj), r0 = segStart[li * ntypes + tj], real = segCount[li * ntypes + tj];
            tab.forward(k, rk[k], ldk[k], r0, r0 + real, acc);
            if (real < sel[tj]) {
                int p = (ti * (nnei + 1) + selOffset[tj] + real) * w;
                for (int q = 0; q < w; q++) gr[go + q] += padTail[p + q];
            }
        }
        for (int a = 0; a < ng; a++) {
            for (int c = 0; c < 4; c++) gr[go + 4 * a + c] += acc[c * mp + a];
        }
    }

    /** D = gr·gr_&lt;ᵀ of atom li into its fitting row. */
    private void writeD(int li, int ti, int go, RowBlockNet f) {
        double[] gr = grB;
        double[] d = f.in;
        int dOff = fitRow[li] * f.inStride();
        if (vecAxis) {
            // D[a][b] = Σ_c gr[a][c]·grT[c][b]: an M × 4 by 4 × axis product written into the fitting row
            for (int b = 0; b < axis; b++) {
                for (int c = 0; c < 4; c++) grT[c * axis + b] = gr[go + 4 * b + c];
            }
            VectorKernels.gemm(gr, go, 1, 4, ng, 4, grT, 0, axis, d, dOff, axis, axis);
            return;
        }
        for (int a = 0; a < ng; a++) {
            int qa = go + 4 * a;
            double x0 = gr[qa], x1 = gr[qa + 1], x2 = gr[qa + 2], x3 = gr[qa + 3];
            for (int b = 0; b < axis; b++) {
                int qb = go + 4 * b;
                d[dOff + a * axis + b] = x0 * gr[qb] + x1 * gr[qb + 1] + x2 * gr[qb + 2] + x3 * gr[qb + 3];
            }
        }
    }

    /** ∂E/∂gr of atom li (into dgrB) from ∂E/∂D (row at dOff of dD): Σ_b dD[a,b] gr[b] + [a &lt; axis] Σ_c dD[c,a] gr[c]. */
    private void gradGr(int li, double[] dD, int dOff) {
        int w = 4 * ng, go = li * w;
        double[] gr = grB, dgr = dgrB;
        if (vecAxis) {
            // gr as M × L rows; term 1 (M × axis by axis × L), then term 2 accumulated into the first axis rows
            // (axis × M by M × L): the same sums with FMAs and in the same order over b and c
            int L = VectorKernels.L;
            for (int a = 0; a < ng; a++) {
                for (int c = 0; c < 4; c++) gr8[a * L + c] = gr[go + 4 * a + c];
            }
            VectorKernels.gemm(dD, dOff, 1, axis, ng, axis, gr8, 0, L, dgr8, 0, L, L);
            VectorKernels.gemm(dD, dOff, axis, 1, axis, ng, gr8, 0, L, dgr8, 0, L, L, true);
            for (int a = 0; a < ng; a++) {
                for (int c = 0; c < 4; c++) dgr[go + 4 * a + c] = dgr8[a * L + c] / nnei; // gr = Σ(...)/N
            }
            return;
        }
        for (int a = 0; a < ng; a++) {
            int qa = go + 4 * a;
            double y0 = 0, y1 = 0, y2 = 0, y3 = 0;
            for (int b = 0; b < axis; b++) {
                double g = dD[dOff + a * axis + b];
                int qb = go + 4 * b;
                y0 += g * gr[qb];
                y1 += g * gr[qb + 1];
                y2 += g * gr[qb + 2];
                y3 += g * gr[qb + 3];
            }
            dgr[qa] = y0;
            dgr[qa + 1] = y1;
            dgr[qa + 2] = y2;
            dgr[qa + 3] = y3;
        }
        for (int b = 0; b < axis; b++) {
            int qb = go + 4 * b;
            double y0 = 0, y1 = 0, y2 = 0, y3 = 0;
            for (int c = 0; c < ng; c++) {
                double g = dD[dOff + c * axis + b];
                int qc = go + 4 * c;
                y0 += g * gr[qc];
                y1 += g * gr[qc + 1];
                y2 += g * gr[qc + 2];
                y3 += g * gr[qc + 3];
            }
            dgr[qb] += y0;
            dgr[qb + 1] += y1;
            dgr[qb + 2] += y2;
            dgr[qb + 3] += y3;
        }
        for (int q = go; q < go + w; q++) dgr[q] /= nnei; // gr = Σ(...)/N
    }

    /** ∂E/∂G = dgr·R̃ and direct ∂E/∂R̃ = dgrᵀ·G for every row of net k, its reverse pass, then the scatter. */
    private void reverseNet(int k, int i0, int nb, int[] types, double[] forces, double[] vir, double[] atomVirial) {
        int ld = ldk[k];
        double[] ds = tab == null ? reverseEmbedding(k, i0, nb, types) : reverseTabulated(k, i0, nb, types);
        scatter(k, ld, ds, i0, nb, types, forces, vir, atomVirial);
    }

    /** Total ∂E/∂R̃ of every row of net k from the tables (into dk[k]); no separate ∂E/∂s̃ (returns null). */
    private double[] reverseTabulated(int k, int i0, int nb, int[] types) {
        int ld = ldk[k], w = 4 * ng, mp = tab.mp;
        for (int li = 0; li < nb; li++) {
            int ti = types[i0 + li];
            for (int tj = 0; tj < ntypes; tj++) {
                if (netIndex(ti, tj) != k) continue;
                int r0 = segStart[li * ntypes + tj], end = r0 + segCount[li * ntypes + tj];
                if (end == r0) continue;
                int go = li * w;
                for (int a = 0; a < ng; a++) {
                    for (int c = 0; c < 4; c++) dgrC[c * mp + a] = dgrB[go + 4 * a + c];
                }
                tab.reverse(k, rk[k], ld, r0, end, dgrC, dk[k]);
            }
        }
        return null;
    }

    /** ∂E/∂G and the direct ∂E/∂R̃ of every row of net k, then the net's reverse pass: returns ∂E/∂s̃ (rows). */
    private double[] reverseEmbedding(int k, int i0, int nb, int[] types) {
        BlockNet net = embed[k];
        int ld = net.ld, w = 4 * ng;
        double[] gOut = net.gradOut(), out = net.out, rkk = rk[k], dkk = dk[k];
        for (int li = 0; li < nb; li++) {
            int ti = types[i0 + li];
            for (int tj = 0; tj < ntypes; tj++) {
                if (netIndex(ti, tj) != k) continue;
                int r0 = segStart[li * ntypes + tj], end = r0 + segCount[li * ntypes + tj];
                if (end == r0) continue;
                // per atom segment, two small matrix products over its rows rounded up to whole vectors (the rounding
                // spills into the next segment, which is computed after this one, or into the padding rows):
                // ∂E/∂G[a][s] = Σ_c dgr[a][c]·R̃[c][s] and the direct ∂E/∂R̃[c][s] = Σ_a dgr[a][c]·G[a][s]
                int go = li * w, cols = VectorKernels.padded(end - r0);
                VectorKernels.gemm(dgrB, go, 1, 4, ng, 4, rkk, r0, ld, gOut, r0, ld, cols);
                VectorKernels.gemm(dgrB, go, 4, 1, 4, ng, out, net.outBase(0) + r0, ld, dkk, r0, ld, cols);
            }
        }
        return net.backward(netRows[k]);
    }

    /** ∂E/∂r_ij of every row of net k from ∂E/∂R̃ (dk[k], plus ds in column 0 when non-null), force/virial scatter. */
    private void scatter(int k, int ld, double[] ds, int i0, int nb, int[] types, double[] forces, double[] vir,
            double[] atomVirial) {
        double[] dkk = dk[k], dd = der[k], rr = rij[k];
        int[] nbk = nbr[k];
        for (int li = 0; li < nb; li++) {
            int i = i0 + li, ti = types[i];
            for (int tj = 0; tj < ntypes; tj++) {
                if (netIndex(ti, tj) != k) continue;
                int r0 = segStart[li * ntypes + tj], end = r0 + segCount[li * ntypes + tj];
                double fx = 0, fy = 0, fz = 0;
                for (int r = r0; r < end; r++) {
                    double p0 = ds == null ? dkk[r] : dkk[r] + ds[r], p1 = dkk[ld + r], p2 = dkk[2 * ld + r], p3 = dkk[3 * ld + r];
                    int d = 12 * r;
                    double gx = p0 * dd[d] + p1 * dd[d + 3] + p2 * dd[d + 6] + p3 * dd[d + 9];
                    double gy = p0 * dd[d + 1] + p1 * dd[d + 4] + p2 * dd[d + 7] + p3 * dd[d + 10];
                    double gz = p0 * dd[d + 2] + p1 * dd[d + 5] + p2 * dd[d + 8] + p3 * dd[d + 11];
                    int j = nbk[r];
                    fx += gx;
                    fy += gy;
                    fz += gz;
                    forces[3 * j] -= gx;
                    forces[3 * j + 1] -= gy;
                    forces[3 * j + 2] -= gz;
                    double rx = rr[3 * r], ry = rr[3 * r + 1], rz = rr[3 * r + 2];
                    vir[0] -= gx * rx; vir[1] -= gx * ry; vir[2] -= gx * rz;
                    vir[3] -= gy * rx; vir[4] -= gy * ry; vir[5] -= gy * rz;
                    vir[6] -= gz * rx; vir[7] -= gz * ry; vir[8] -= gz * rz;
                    if (atomVirial != null) {
                        int v = 9 * j;
                        atomVirial[v] -= gx * rx; atomVirial[v + 1] -= gx * ry; atomVirial[v + 2] -= gx * rz;
                        atomVirial[v + 3] -= gy * rx; atomVirial[v + 4] -= gy * ry; atomVirial[v + 5] -= gy * rz;
                        atomVirial[v + 6] -= gz * rx; atomVirial[v + 7] -= gz * ry; atomVirial[v + 8] -= gz * rz;
                    }
                }
                forces[3 * i] += fx;
                forces[3 * i + 1] += fy;
                forces[3 * i + 2] += fz;
            }
        }
    }
}
