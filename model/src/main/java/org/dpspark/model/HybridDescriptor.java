package org.dpspark.model;

import java.util.List;

/**
 * DeePMD-kit's {@code hybrid} descriptor ({@code DescrptHybrid}, deepmd/dpmodel/descriptor/hybrid.py): a list of
 * descriptors of the same types whose per-atom outputs are concatenated in list order, D_i = [D_i¹, D_i², …], as the
 * fitting net's input. Each member keeps its own r_c, sel, statistics and nets and sees the neighbours it would see
 * alone (DeePMD-kit cuts the hybrid's neighbour list, built at the largest r_c, down to each member's r_c and sel).
 *
 * <p>What the rest of the pipeline reads: r_c the largest of the members' (the neighbour search must reach it),
 * r_s the smallest (as DeePMD-kit reports it), sel per type the largest of the members' (one total, the largest
 * N, when a member mixes types, as DeePMD-kit's {@code get_sel}), the width the sum of the members' widths.
 *
 * @param list the members, in DeePMD-kit's order (at least one, none a hybrid itself, all with the same types)
 */
public record HybridDescriptor(List<Descriptor> list) implements Descriptor {

    public HybridDescriptor {
        list = List.copyOf(list);
        if (list.isEmpty()) throw new IllegalArgumentException("a hybrid descriptor needs at least one member");
        int t = list.get(0).ntypes();
        for (int k = 0; k < list.size(); k++) {
            Descriptor d = list.get(k);
            if (d instanceof HybridDescriptor) {
                throw new IllegalArgumentException("member " + k + " of a hybrid descriptor is a hybrid");
            }
            if (d.ntypes() != t) {
                throw new IllegalArgumentException("member " + k + " (" + d.type() + ") of a hybrid descriptor has "
                        + d.ntypes() + " types, member 0 (" + list.get(0).type() + ") " + t);
            }
        }
    }

    @Override
    public String type() { return "hybrid"; }

    @Override
    public double rcut() { return list.stream().mapToDouble(Descriptor::rcut).max().orElseThrow(); }

    @Override
    public double rcutSmth() { return list.stream().mapToDouble(Descriptor::rcutSmth).min().orElseThrow(); }

    @Override
    public int ntypes() { return list.get(0).ntypes(); }

    /** Per type the largest member sel; {N} (the largest member total) when a member mixes types. */
    @Override
    public int[] sel() {
        boolean mixed = list.stream().anyMatch(HybridDescriptor::mixesTypes);
        if (mixed) return new int[] {list.stream().mapToInt(Descriptor::nnei).max().orElseThrow()};
        int[] s = new int[ntypes()];
        for (Descriptor d : list) {
            int[] ds = d.sel();
            for (int t = 0; t < s.length; t++) s[t] = Math.max(s[t], ds[t]);
        }
        return s;
    }

    /** Σ of the members' widths. */
    @Override
    public int dimOut() { return list.stream().mapToInt(Descriptor::dimOut).sum(); }

    /** float64 unless a member computes in another precision (then that member's). */
    @Override
    public String precision() {
        return list.stream().map(Descriptor::precision).filter(p -> !p.equals("float64")).findFirst().orElse("float64");
    }

    /** Whether {@code d} selects neighbours of all types together (one sel total: DPA-1). */
    public static boolean mixesTypes(Descriptor d) {
        return d instanceof SeAttenDescriptor;
    }
}
