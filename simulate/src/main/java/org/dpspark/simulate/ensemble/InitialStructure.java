package org.dpspark.simulate.ensemble;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.dpspark.core.Frame;
import org.dpspark.simulate.potential.Structure;

/**
 * A resolved initial structure as shipped to the executors (serializable; arrays as in {@link Structure}).
 *
 * @param name label (also the {@code dataset} of its frames in the trajectories table)
 * @param positions natoms×3, Å
 * @param cell 3×3 rows = vectors, Å, or null
 * @param pbc 3 flags
 * @param types natoms species indices
 * @param typeAtomicNumbers ntypes atomic numbers
 */
public record InitialStructure(String name, double[] positions, double[] cell, boolean[] pbc, int[] types,
        int[] typeAtomicNumbers) implements Serializable {

    /** From a structure (masses are the elements' standard weights again on the executors). */
    public static InitialStructure of(String name, Structure s) {
        return new InitialStructure(name, s.positions(), s.cell(), s.pbc(), s.types(), s.typeAtomicNumbers());
    }

    /** From a frame: species numbered by first appearance of each atomic number. */
    public static InitialStructure of(String name, Frame f) {
        int[] z = f.atomicNumbers();
        List<Integer> species = new ArrayList<>();
        int[] types = new int[z.length];
        for (int i = 0; i < z.length; i++) {
            int k = species.indexOf(z[i]);
            if (k < 0) {
                k = species.size();
                species.add(z[i]);
            }
            types[i] = k;
        }
        return new InitialStructure(name, f.positions(), f.cell(), f.pbc(), types,
                species.stream().mapToInt(Integer::intValue).toArray());
    }

    public Structure toStructure() {
        return Structure.of(positions, cell, pbc, types, typeAtomicNumbers);
    }

    public int natoms() { return types.length; }

    /** 128-bit content hash (hex) of positions, cell, pbc and species: part of the trajectory ids. */
    public String contentHash() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer b = ByteBuffer.allocate(8 * (positions.length + 9 + types.length + typeAtomicNumbers.length) + 16);
            for (double v : positions) b.putDouble(v == 0.0 ? 0.0 : v);
            if (cell != null) for (double v : cell) b.putDouble(v == 0.0 ? 0.0 : v);
            for (boolean p : pbc) b.put((byte) (p ? 1 : 0));
            for (int t : types) b.putInt(t);
            for (int z : typeAtomicNumbers) b.putInt(z);
            md.update(b.array(), 0, b.position());
            return HexFormat.of().formatHex(md.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
