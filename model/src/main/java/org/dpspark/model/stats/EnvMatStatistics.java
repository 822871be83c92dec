package org.dpspark.model.stats;

import java.io.Serializable;
import org.dpspark.model.env.SeAFrame;

/**
 * davg/dstd of the se_e2_a environment matrix per centre type, computed exactly as DeePMD-kit's
 * {@code EnvMatStatSe} (deepmd/dpmodel/utils/env_mat_stat.py with deepmd/utils/env_mat_stat.py {@code StatItem}):
 * for centre type t, over ALL nnei slots of all type-t atoms (padding included, as zeros),
 * <pre>
 *   r_t: number = N_t·nnei, sum = Σ s, squared_sum = Σ s²              (s = first column)
 *   a_t: number = 3·N_t·nnei, sums over the three angular columns pooled
 *   avg = sum/number (0 when number = 0)
 *   std = sqrt(squared_sum/number − avg²), replaced by the protection 1e-2 when |std| &lt; 1e-2 (0.1 when number = 0)
 *   davg[t][slot] = [avg_r, 0, 0, 0],   dstd[t][slot] = [std_r, std_a, std_a, std_a]   (same for every slot)
 * </pre>
 * Feed it the RAW environment matrix (DeePMD uses zero mean, unit std while collecting) built with the model's
 * sel, so neighbours beyond sel are excluded as in DeePMD. Mergeable partial sums (Spark aggregation).
 */
public final class EnvMatStatistics implements Serializable {
    private static final long serialVersionUID = 1L;
    /** DeePMD-kit's default protection (floor) for a standard deviation. */
    public static final double PROTECTION = 1e-2;
    /** DeePMD-kit's std for a type never seen. */
    public static final double DEFAULT_STD = 1e-1;

    private final int ntypes;
    private final int nnei;
    private final long[] nr, na;
    private final double[] sr, sr2, sa, sa2;

    public EnvMatStatistics(int ntypes, int nnei) {
        this.ntypes = ntypes;
        this.nnei = nnei;
        nr = new long[ntypes];
        na = new long[ntypes];
        sr = new double[ntypes];
        sr2 = new double[ntypes];
        sa = new double[ntypes];
        sa2 = new double[ntypes];
    }

    /** Adds all atoms of a frame (raw environment matrix). */
    public EnvMatStatistics add(SeAFrame f, int[] types) {
        if (f.nnei() != nnei || f.ntypes() != ntypes) {
            throw new IllegalArgumentException("frame has nnei " + f.nnei() + ", ntypes " + f.ntypes());
        }
        double[] env = f.env();
        for (int i = 0; i < f.natoms(); i++) {
            int t = types[i];
            double s1 = 0, s2 = 0, a1 = 0, a2 = 0;
            int o = i * nnei * 4;
            for (int s = 0; s < nnei; s++, o += 4) {
                double r = env[o];
                s1 += r;
                s2 += r * r;
                for (int c = 1; c < 4; c++) {
                    a1 += env[o + c];
                    a2 += env[o + c] * env[o + c];
                }
            }
            nr[t] += nnei;
            na[t] += 3L * nnei;
            sr[t] += s1;
            sr2[t] += s2;
            sa[t] += a1;
            sa2[t] += a2;
        }
        return this;
    }

    /** Adds another partial (returns this). */
    public EnvMatStatistics merge(EnvMatStatistics o) {
        if (o.ntypes != ntypes || o.nnei != nnei) throw new IllegalArgumentException("shape mismatch in merge");
        for (int t = 0; t < ntypes; t++) {
            nr[t] += o.nr[t];
            na[t] += o.na[t];
            sr[t] += o.sr[t];
            sr2[t] += o.sr2[t];
            sa[t] += o.sa[t];
            sa2[t] += o.sa2[t];
        }
        return this;
    }

    static double avg(long n, double sum) {
        return n == 0 ? 0.0 : sum / n;
    }

    static double std(long n, double sum, double sum2, double protection) {
        if (n == 0) return DEFAULT_STD;
        double m = sum / n;
        double v = Math.sqrt(sum2 / n - m * m);
        return Math.abs(v) < protection || Double.isNaN(v) ? protection : v;
    }

    /** Mean of s for centre type t (Å⁻¹). */
    public double meanRadial(int t) { return avg(nr[t], sr[t]); }
    public double stdRadial(int t) { return std(nr[t], sr[t], sr2[t], PROTECTION); }
    public double stdAngular(int t) { return std(na[t], sa[t], sa2[t], PROTECTION); }
    public long count(int t) { return nr[t]; }

    /** davg, ntypes×nnei×4 (flat). */
    public double[] davg() {
        double[] d = new double[ntypes * nnei * 4];
        for (int t = 0; t < ntypes; t++) {
            double m = meanRadial(t);
            for (int s = 0; s < nnei; s++) d[(t * nnei + s) * 4] = m;
        }
        return d;
    }

    /** dstd, ntypes×nnei×4 (flat), with DeePMD's protection {@value #PROTECTION}. */
    public double[] dstd() {
        double[] d = new double[ntypes * nnei * 4];
        for (int t = 0; t < ntypes; t++) {
            double r = stdRadial(t), a = stdAngular(t);
            for (int s = 0; s < nnei; s++) {
                int o = (t * nnei + s) * 4;
                d[o] = r;
                d[o + 1] = d[o + 2] = d[o + 3] = a;
            }
        }
        return d;
    }
}
