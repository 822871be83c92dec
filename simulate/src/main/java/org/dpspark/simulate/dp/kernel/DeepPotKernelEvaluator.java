package org.dpspark.simulate.dp.kernel;

import java.util.Arrays;
import java.util.Map;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.SeADescriptor;
import org.dpspark.model.eval.InPlaceCalculator;
import org.dpspark.model.eval.DeepPotResult;
import org.dpspark.model.eval.VerletSlots;
import org.dpspark.model.neighbor.NeighborList;

/**
 * DeePMD-kit's se_e2_a + ener model as Aparapi kernels in double precision: on an OpenCL GPU, an OpenCL CPU
 * device (PoCL) or Aparapi's Java thread pool. Same model, same results as the reference
 * {@code org.dpspark.model.eval.DeepPotEvaluator} to round-off (consistency tests).
 *
 * <p>Per frame: on the host, the slot assignment ({@link VerletSlots}, featurize's {@code SeAEnvironment.computeAtom}
 * slots kept across MD steps by a Verlet list: r_ij and neighbour index per slot) and the reverse index
 * ({@link ReverseIndex}); then, per chunk of B atoms, the kernels {@link EnvMatKernel} (environment matrix,
 * derivative, normalisation), {@link EmbeddingKernel} (embedding nets of the real slots; padding slots copy their
 * constant G, computed once; for a compressed model {@link TableEmbeddingKernel}: G and G′ from the tables, environments
 * outside them counted in {@link #lastTableOverflow()}), {@link FittingKernel} (descriptor,
 * fitting net forward and reverse, ∂E/∂gr) and {@link SlotGradKernel} (∂E/∂R̃ → g = ∂E/∂r_ij per slot); once per
 * frame {@link ForceGatherKernel} (forces and per-atom virials, gathered in a fixed order: no atomics). The host
 * adds up E = Σ E_i (atom order) and the virial Ξ = −Σ_slots g ⊗ r_ij (slot order, as the reference).
 *
 * <p>Memory: frame-wide buffers (n×N×3 r_ij and g, n×N neighbour index, reverse index, outputs) and chunk
 * buffers (B×N×(4 + 12 + 2·rowWidth + 4) for the slots, B×(2·dimD + 8M + 2·fitting row) for the atoms) are
 * allocated when the atom count changes and reused otherwise; B is chosen so the chunk buffers stay within
 * {@code chunkBytes} (default 256 MiB). Transfers are explicit ({@code setExplicit(true)}, put/get); the kernels
 * are separate Aparapi kernels, so intermediate chunk buffers travel through the host between them (a memcpy on
 * a CPU device, PCIe on a GPU).
 *
 * <p>{@link DeepPotResult#executionMode()} names where the kernels actually ran (see {@link KernelLauncher}). Not
 * thread-safe: one evaluator per thread. {@link #close()} releases the OpenCL resources.
 */
public final class DeepPotKernelEvaluator implements InPlaceCalculator, AutoCloseable {
    /** Appended to the execution mode of a compressed model. */
    public static final String MODE_TABULATED = "tabulated embedding (compressed)";

    /** Default budget of the per-chunk buffers, bytes. */
    public static final long DEFAULT_CHUNK_BYTES = 256L << 20;

    private final DeepPotModel model;
    private final int ntypes;
    private final int nnei;
    private final int ng;
    private final int axis;
    private final int dimD;
    private final PackedNets emb;
    private final PackedNets fit;
    private final long chunkBytes;
    private final VerletSlots slots;
    private final int[] selOffset;
    private final KernelLauncher launcher;
    private final EnvMatKernel envK = new EnvMatKernel();
    private final EmbeddingKernel embK = new EmbeddingKernel();
    private final TableEmbeddingKernel tabK = new TableEmbeddingKernel();
    /** A compressed model's tables (null: uncompressed, the nets run in {@link EmbeddingKernel}). */
    private final PackedTables tables;
    /** Row width and G offset of the embedding rows: the net's rows, or M and 0 for the tables. */
    private final int rowE;
    private final int outE;
    private long tableOverflow;
    /** Neighbours beyond sel in the latest frame. */
    private long dropped;
    /** Atomic energies when the caller of {@link #evaluateInto} wants none. */
    private double[] atomEScratch = new double[0];
    private int[] cOverflow;
    private final FittingKernel fitK = new FittingKernel();
    private final SlotGradKernel gradK = new SlotGradKernel();
    private final ForceGatherKernel gatherK = new ForceGatherKernel();
    private final ReverseIndex reverse = new ReverseIndex();
    private final int[] counts;
    private boolean constantsPut;
    private int natoms = -1;
    private int chunk;
    // frame-wide
    private double[] rij;
    private int[] nlist;
    private int[] types;
    private double[] slotG;
    private double[] forces;
    private double[] atomVirial;
    // chunk
    private double[] cEnv;
    private double[] cDeriv;
    private double[] cEmbOut;
    private double[] cEmbDphi;
    private double[] cDs;
    private double[] cDesc;
    private double[] cDdesc;
    private double[] cGr;
    private double[] cDgr;
    private double[] cFitOut;
    private double[] cFitDphi;
    private double[] cAtomE;
    private double[] cFitLast;
    private double[] cSlotG;

    /** Runs on the best available device ({@link DeviceKind#AUTO}). */
    public DeepPotKernelEvaluator(DeepPotModel model) {
        this(model, DeviceKind.AUTO, DEFAULT_CHUNK_BYTES);
    }

    /**
     * @param kind device to run on; any kind but AUTO is required (construction throws without such a device,
     *        evaluation throws if a kernel ran elsewhere)
     */
    public DeepPotKernelEvaluator(DeepPotModel model, DeviceKind kind) {
        this(model, kind, DEFAULT_CHUNK_BYTES);
    }

    /** @param chunkBytes budget of the per-chunk buffers, bytes (at least one atom per chunk) */
    public DeepPotKernelEvaluator(DeepPotModel model, DeviceKind kind, long chunkBytes) {
        this.model = model;
        this.chunkBytes = chunkBytes;
        SeADescriptor d = model.seA();
        ntypes = model.ntypes();
        nnei = d.nnei();
        ng = d.embeddingWidth();
        axis = d.axisNeuron();
        dimD = d.dimOut();
        emb = new PackedNets(d.embeddings());
        tables = model.compressed() ? new PackedTables(model.compression().tables()) : null;
        rowE = tables != null ? ng : emb.rowWidth;
        outE = tables != null ? 0 : emb.outOffset;
        fit = new PackedNets(model.fitting().nets());
        if (fit.outDim != 1) throw new IllegalArgumentException("fitting nets must have one output, got " + fit.outDim);
        slots = new VerletSlots(d.rcut(), d.rcutSmth(), d.sel(), VerletSlots.DEFAULT_SKIN);
        selOffset = new int[ntypes + 1];
        for (int t = 0; t < ntypes; t++) selOffset[t + 1] = selOffset[t] + d.sel()[t];
        counts = new int[ntypes];
        launcher = new KernelLauncher(KernelDevices.select(kind), kind);

        int[] embNet = new int[ntypes * nnei];
        for (int ti = 0; ti < ntypes; ti++) {
            for (int tj = 0; tj < ntypes; tj++) {
                int net = d.typeOneSide() ? tj : ti + tj * ntypes;
                for (int s = selOffset[tj]; s < selOffset[tj + 1]; s++) embNet[ti * nnei + s] = net;
            }
        }
        double[] bias = new double[ntypes];
        for (int t = 0; t < ntypes; t++) bias[t] = model.fitting().biasAtomE()[t] + model.outBias()[t];

        envK.davg = d.davg();
        envK.dstd = d.dstd();
        envK.nnei = nnei;
        envK.rcut = d.rcut();
        envK.rcutSmth = d.rcutSmth();
        embK.setNets(emb);
        embK.embNet = embNet;
        embK.nnei = nnei;
        embK.ng = ng;
        embK.outOffset = emb.outOffset;
        embK.rowWidth = emb.rowWidth;
        if (tables == null) embK.padG = paddingEmbeddings(embNet, d.davg(), d.dstd());
        if (tables != null) {
            tabK.setTables(tables);
            tabK.embNet = embNet;
            tabK.nnei = nnei;
            tabK.ng = ng;
        }
        fitK.setNets(fit);
        fitK.bias = bias;
        fitK.nnei = nnei;
        fitK.ng = ng;
        fitK.axis = axis;
        fitK.dimD = dimD;
        fitK.rowE = rowE;
        fitK.outE = outE;
        fitK.rowF = fit.rowWidth;
        fitK.outF = fit.outOffset;
        fitK.lastOff = Math.max(0, fit.lastHiddenOffset);
        fitK.lastW = fit.lastHiddenWidth;
        gradK.setNets(emb);
        gradK.embNet = embNet;
        gradK.nnei = nnei;
        gradK.ng = ng;
        gradK.rowWidth = rowE;
        gradK.outOffset = outE;
        gradK.tabulated = tables != null ? 1 : 0;
        for (WitnessKernel k : kernels()) k.setExplicit(true);
    }

    /**
     * G of every padding slot (T × N × M): the embedding of the constant input (0 − davg)/dstd of (centre type,
     * slot), evaluated on the host by the kernel's own (plain Java) {@code forwardRow}.
     */
    private double[] paddingEmbeddings(int[] embNet, double[] davg, double[] dstd) {
        EmbeddingKernel host = new EmbeddingKernel();
        host.setNets(emb);
        host.netIn = new double[4];
        host.rowOut = new double[emb.rowWidth];
        host.rowDphi = new double[emb.rowWidth];
        double[] out = new double[ntypes * nnei * ng];
        for (int ti = 0; ti < ntypes; ti++) {
            for (int s = 0; s < nnei; s++) {
                int base = ti * nnei * 4 + 4 * s;
                for (int c = 0; c < 4; c++) host.netIn[c] = (0.0 - davg[base + c]) / dstd[base + c];
                host.forwardRow(embNet[ti * nnei + s], 0, 0);
                System.arraycopy(host.rowOut, emb.outOffset, out, (ti * nnei + s) * ng, ng);
            }
        }
        host.dispose();
        return out;
    }

    private WitnessKernel[] kernels() {
        return new WitnessKernel[] {envK, embK, tabK, fitK, gradK, gatherK};
    }

    @Override
    public DeepPotModel model() { return model; }

    @Override
    public long lastTableOverflow() { return tableOverflow; }

    /** The device description the kernels were asked to run on. */
    public String requestedDevice() { return launcher.requested(); }

    /** Mode observed per kernel in the last evaluation (kernel name → description). */
    public Map<String, String> lastModesPerKernel() { return launcher.perKernel(); }

    /** Wall time spent in each kernel's execute since construction (kernel name → ns), for benchmarks. */
    public Map<String, Long> kernelNanos() { return launcher.nanosPerKernel(); }

    /** Atoms per chunk for the current atom count (0 before the first evaluation). */
    public int chunkAtoms() { return chunk; }

    @Override
    public DeepPotResult evaluate(double[] positions, double[] cell, int[] atomTypes, boolean intermediates) {
        int n = atomTypes.length;
        double[] atomE = new double[n];
        double[] desc = intermediates ? new double[n * dimD] : null;
        double[] fitLast = intermediates && fit.lastHiddenWidth > 0 ? new double[n * fit.lastHiddenWidth] : null;
        double[] f = new double[3 * n];
        double[] virial = new double[9];
        double energy = run(positions, cell, atomTypes, atomE, desc, fitLast, f, virial);
        return new DeepPotResult(energy, atomE, f, virial, Arrays.copyOf(atomVirial, 9 * n), desc, fitLast,
                dropped, mode());
    }

    /**
     * Evaluates one frame into caller-owned buffers (the MD hot loop): no result arrays are allocated once the
     * frame buffers fit (Aparapi's own launch bookkeeping aside). {@code verlet} is not used: the kernels' slots
     * keep their own Verlet list ({@link VerletSlots}).
     *
     * @return the energy, eV
     */
    @Override
    public double evaluateInto(double[] positions, double[] cell, int[] atomTypes, double[] forcesOut,
            double[] virialOut, double[] atomEnergy, NeighborList verlet) {
        int n = atomTypes.length;
        if (atomEnergy == null) {
            if (atomEScratch.length < n) atomEScratch = new double[n];
            atomEnergy = atomEScratch;
        }
        return run(positions, cell, atomTypes, atomEnergy, null, null, forcesOut, virialOut);
    }

    @Override
    public long lastNeighboursDropped() { return dropped; }

    /** Where the kernels of the latest frame ran ({@link KernelLauncher#executionMode()}), and whether compressed. */
    @Override
    public String mode() {
        String m = launcher.executionMode();
        return tables != null ? m + ", " + MODE_TABULATED : m;
    }

    /**
     * One frame: atomic energies into {@code atomE} (n), forces into {@code forcesOut} (n×3, eV/Å), the virial into
     * {@code virialOut} (3×3, eV) when not null; {@code desc}/{@code fitLast} receive intermediates when not null.
     *
     * @return the energy, eV
     */
    private double run(double[] positions, double[] cell, int[] atomTypes, double[] atomE, double[] desc,
            double[] fitLast, double[] forcesOut, double[] virialOut) {
        int n = atomTypes.length;
        if (positions.length != 3 * n) throw new IllegalArgumentException("positions has " + positions.length + " values for " + n + " atoms");
        for (int t : atomTypes) {
            if (t < 0 || t >= ntypes) throw new IllegalArgumentException("atom type " + t + " outside the model's " + ntypes + " types");
        }
        ensureFrame(n);
        launcher.reset();
        System.arraycopy(atomTypes, 0, types, 0, n);
        slots.update(positions, cell, types);
        long drop = 0;
        for (int i = 0; i < n; i++) {
            drop += slots.computeAtom(i, null, null, rij, 3 * nnei * i, nlist, nnei * i, counts);
        }
        dropped = drop;
        reverse.build(nlist, n, nnei);
        if (!constantsPut) putConstants();
        envK.put(rij).put(nlist).put(types);
        if (tables != null) {
            tabK.put(types).put(nlist);
        } else {
            embK.put(types).put(nlist);
        }
        fitK.put(types);
        gradK.put(nlist).put(types);

        tableOverflow = 0;
        boolean intermediates = desc != null || fitLast != null;
        for (int a0 = 0; a0 < n; a0 += chunk) {
            int b = Math.min(chunk, n - a0);
            runChunk(a0, b, intermediates);
            System.arraycopy(cAtomE, 0, atomE, a0, b);
            System.arraycopy(cSlotG, 0, slotG, 3 * nnei * a0, 3 * nnei * b);
            if (desc != null) System.arraycopy(cDesc, 0, desc, a0 * dimD, b * dimD);
            if (fitLast != null) System.arraycopy(cFitLast, 0, fitLast, a0 * fit.lastHiddenWidth, b * fit.lastHiddenWidth);
        }
        gatherK.start = reverse.start;
        gatherK.entries = reverse.entries;
        gatherK.count = n;
        gatherK.put(slotG).put(rij).put(reverse.start).put(reverse.entries);
        launcher.launch(gatherK, "ForceGather", n);
        gatherK.get(forces).get(atomVirial);

        double energy = 0.0;
        for (int i = 0; i < n; i++) energy += atomE[i];
        System.arraycopy(forces, 0, forcesOut, 0, 3 * n);
        if (virialOut != null) totalVirial(n, virialOut);
        return energy;
    }

    private void runChunk(int a0, int b, boolean intermediates) {
        int slots = b * nnei;
        envK.atom0 = a0;
        envK.count = slots;
        launcher.launch(envK, "EnvMat", slots);
        envK.get(cEnv).get(cDeriv);

        if (tables != null) {
            tabK.atom0 = a0;
            tabK.count = slots;
            tabK.put(cEnv);
            launcher.launch(tabK, "TableEmbedding", slots);
            tabK.get(cEmbOut).get(cEmbDphi).get(cOverflow);
            for (int q = 0; q < slots; q++) tableOverflow += cOverflow[q];
        } else {
            embK.atom0 = a0;
            embK.count = slots;
            embK.put(cEnv);
            launcher.launch(embK, "Embedding", slots);
            embK.get(cEmbOut).get(cEmbDphi);
        }

        fitK.atom0 = a0;
        fitK.count = b;
        fitK.put(cEnv).put(cEmbOut);
        launcher.launch(fitK, "Fitting", b);
        fitK.get(cAtomE).get(cDgr);
        if (intermediates) fitK.get(cDesc).get(cFitLast);

        gradK.atom0 = a0;
        gradK.count = slots;
        gradK.put(cEnv).put(cDeriv).put(cEmbOut).put(cEmbDphi).put(cDgr);
        launcher.launch(gradK, "SlotGrad", slots);
        gradK.get(cSlotG);
    }

    /** Ξ = −Σ_slots g ⊗ r_ij in slot order (ForceVirial's order), into {@code v} (3×3, overwritten). */
    private void totalVirial(int n, double[] v) {
        Arrays.fill(v, 0, 9, 0.0);
        for (int slot = 0; slot < n * nnei; slot++) {
            if (nlist[slot] < 0) continue;
            double gx = slotG[3 * slot], gy = slotG[3 * slot + 1], gz = slotG[3 * slot + 2];
            double rx = rij[3 * slot], ry = rij[3 * slot + 1], rz = rij[3 * slot + 2];
            v[0] -= gx * rx; v[1] -= gx * ry; v[2] -= gx * rz;
            v[3] -= gy * rx; v[4] -= gy * ry; v[5] -= gy * rz;
            v[6] -= gz * rx; v[7] -= gz * ry; v[8] -= gz * rz;
        }
    }

    private void putConstants() {
        envK.put(envK.davg).put(envK.dstd);
        if (tables != null) {
            tabK.putTables();
            tabK.put(tabK.embNet);
        } else {
            embK.putNets();
            embK.put(embK.embNet).put(embK.padG);
        }
        fitK.putNets();
        fitK.put(fitK.bias);
        gradK.putNets();
        gradK.put(gradK.embNet);
        constantsPut = true;
    }

    /** Bytes of chunk buffers per atom. */
    private long bytesPerAtom() {
        long slotDoubles = 4 + 12 + 2L * rowE + 1 + 3 + (tables != null ? 1 : 0);
        long atomDoubles = 2L * dimD + 8L * ng + 2L * fit.rowWidth + 1 + fit.lastHiddenWidth;
        return 8 * (nnei * slotDoubles + atomDoubles);
    }

    /** (Re)allocates the frame-wide and chunk buffers when the atom count changes. */
    private void ensureFrame(int n) {
        if (n == natoms) return;
        natoms = n;
        chunk = (int) Math.max(1, Math.min(n, chunkBytes / bytesPerAtom()));
        int nb = Math.max(1, n);
        rij = new double[3 * nnei * nb];
        nlist = new int[nnei * nb];
        types = new int[nb];
        slotG = new double[3 * nnei * nb];
        forces = new double[3 * nb];
        atomVirial = new double[9 * nb];
        int b = Math.max(1, chunk);
        cEnv = new double[4 * nnei * b];
        cDeriv = new double[12 * nnei * b];
        cEmbOut = new double[rowE * nnei * b];
        cEmbDphi = new double[rowE * nnei * b];
        cOverflow = new int[nnei * b];
        cDs = new double[nnei * b];
        cDesc = new double[dimD * b];
        cDdesc = new double[dimD * b];
        cGr = new double[4 * ng * b];
        cDgr = new double[4 * ng * b];
        cFitOut = new double[fit.rowWidth * b];
        cFitDphi = new double[fit.rowWidth * b];
        cAtomE = new double[b];
        cFitLast = new double[Math.max(1, fit.lastHiddenWidth * b)];
        cSlotG = new double[3 * nnei * b];

        envK.rij = rij;
        envK.nlist = nlist;
        envK.types = types;
        envK.env = cEnv;
        envK.deriv = cDeriv;
        embK.types = types;
        embK.nlist = nlist;
        embK.netIn = cEnv;
        embK.rowOut = cEmbOut;
        embK.rowDphi = cEmbDphi;
        tabK.types = types;
        tabK.nlist = nlist;
        tabK.env = cEnv;
        tabK.tabG = cEmbOut;
        tabK.tabDG = cEmbDphi;
        tabK.overflow = cOverflow;
        fitK.types = types;
        fitK.env = cEnv;
        fitK.embOut = cEmbOut;
        fitK.netIn = cDesc;
        fitK.netInGrad = cDdesc;
        fitK.gr = cGr;
        fitK.dgr = cDgr;
        fitK.rowOut = cFitOut;
        fitK.rowDphi = cFitDphi;
        fitK.atomE = cAtomE;
        fitK.fitLast = cFitLast;
        gradK.types = types;
        gradK.nlist = nlist;
        gradK.env = cEnv;
        gradK.deriv = cDeriv;
        gradK.dgr = cDgr;
        gradK.rowOut = cEmbOut;
        gradK.rowDphi = cEmbDphi;
        gradK.netInGrad = cDs;
        gradK.slotG = cSlotG;
        gatherK.slotG = slotG;
        gatherK.rij = rij;
        gatherK.forces = forces;
        gatherK.atomVirial = atomVirial;
    }

    @Override
    public void close() {
        for (WitnessKernel k : kernels()) k.dispose();
    }
}
