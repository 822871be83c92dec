package org.dpspark.ingest.extxyz;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dpspark.core.Elements;
import org.dpspark.core.Frame;

/**
 * Writes frames as extended XYZ that ASE ({@code ase.io.read(..., index=':')}) and
 * {@link ExtxyzReader} read back to the same numbers, bit for bit: every double is written with
 * {@link Double#toString(double)}, which round-trips exactly.
 *
 * <p>Per frame: the atom count; a comment line with {@code Lattice="..."} (when the frame has a
 * cell), {@code Properties=species:S:1:pos:R:3[:forces:R:3][:aparam:R:k][:type_label:S:1]},
 * {@code energy=} (eV), {@code virial="9 values"} (row-major, eV), {@code fparam="..."} and
 * {@code pbc="T T T"}; then one line per atom. Species are element symbols; a type label that is not
 * its element's symbol ({@code Fe1}) goes to the extra {@code type_label} column.
 */
public final class ExtxyzWriter implements Closeable, Flushable {
    private final Writer out;
    private final StringBuilder sb = new StringBuilder(1 << 12);

    public ExtxyzWriter(Writer out) {
        this.out = out;
    }

    /** A writer to a new file (UTF-8), replacing any existing one. */
    public static ExtxyzWriter create(Path path) throws IOException {
        return new ExtxyzWriter(new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(path), StandardCharsets.UTF_8), 1 << 16));
    }

    /** Writes all frames to a new file. */
    public static void write(Path path, Iterable<Frame> frames) throws IOException {
        try (ExtxyzWriter w = create(path)) {
            for (Frame f : frames) {
                w.write(f);
            }
        }
    }

    /** Appends one frame. */
    public void write(Frame f) throws IOException {
        int n = f.natoms();
        int[] z = f.atomicNumbers();
        String[] labels = f.typeLabels();
        double[] pos = f.positions();
        double[] forces = f.forces();
        double[] aparam = f.aparam();
        int k = aparam == null ? 0 : aparam.length / n;
        boolean extraLabels = false;
        for (int i = 0; i < n; i++) {
            extraLabels |= !labels[i].equals(Elements.symbol(z[i]));
        }
        sb.setLength(0);
        sb.append(n).append('\n');
        double[] cell = f.cell();
        if (cell != null) {
            quoted("Lattice", cell);
        }
        sb.append("Properties=species:S:1:pos:R:3");
        if (forces != null) {
            sb.append(":forces:R:3");
        }
        if (aparam != null) {
            sb.append(":aparam:R:").append(k);
        }
        if (extraLabels) {
            sb.append(":type_label:S:1");
        }
        sb.append(' ');
        if (f.energy() != null) {
            sb.append("energy=").append(Double.toString(f.energy())).append(' ');
        }
        if (f.virial() != null) {
            quoted("virial", f.virial());
        }
        if (f.fparam() != null) {
            quoted("fparam", f.fparam());
        }
        boolean[] pbc = f.pbc();
        sb.append("pbc=\"").append(pbc[0] ? 'T' : 'F').append(' ').append(pbc[1] ? 'T' : 'F').append(' ')
                .append(pbc[2] ? 'T' : 'F').append("\"\n");
        out.append(sb);
        for (int i = 0; i < n; i++) {
            sb.setLength(0);
            sb.append(Elements.symbol(z[i]));
            for (int c = 0; c < 3; c++) {
                sb.append(' ').append(Double.toString(pos[3 * i + c]));
            }
            if (forces != null) {
                for (int c = 0; c < 3; c++) {
                    sb.append(' ').append(Double.toString(forces[3 * i + c]));
                }
            }
            for (int c = 0; c < k; c++) {
                sb.append(' ').append(Double.toString(aparam[k * i + c]));
            }
            if (extraLabels) {
                sb.append(' ').append(labels[i]);
            }
            sb.append('\n');
            out.append(sb);
        }
    }

    private void quoted(String key, double[] values) {
        sb.append(key).append("=\"");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(Double.toString(values[i]));
        }
        sb.append("\" ");
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
