package org.dpspark.ingest.deepmd;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.dpspark.ingest.hdf5.Hdf5Arrays;
import org.dpspark.ingest.read.ReadOptions;

/**
 * A deepmd/hdf5 system: an HDF5 group (DeePMD-kit's {@code file.h5#/path} layout, as dpdata writes it) with
 * datasets {@code type.raw} (natoms ints), {@code type_map.raw} (strings), optional {@code nopbc}, and groups
 * {@code set.*} holding datasets {@code coord.npy}, {@code box.npy}, … with the shapes of deepmd/npy.
 */
final class Hdf5GroupStore implements SystemStore {
    private final String file;
    private final Group group;

    Hdf5GroupStore(String file, Group group) {
        this.file = file;
        this.group = group;
    }

    /** Group path without trailing slash; "" for the root group. */
    static String pathOf(Group g) {
        String p = g.getPath();
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? "" : (p.startsWith("/") ? p : "/" + p);
    }

    /** {@code file#/group}, or the file for a system at the root. */
    @Override
    public String location() {
        String p = pathOf(group);
        return p.isEmpty() ? file : file + "#" + p;
    }

    @Override
    public DeepmdSystem system(ReadOptions options) throws SystemProblem, IOException {
        Dataset type = Hdf5Arrays.dataset(group, "type.raw");
        int[] types = null;
        if (type != null) {
            long[] t = Hdf5Arrays.longs(type);
            types = new int[t.length];
            for (int i = 0; i < t.length; i++) {
                types[i] = (int) t[i];
            }
        }
        List<String> names = new ArrayList<>();
        Dataset map = Hdf5Arrays.dataset(group, "type_map.raw");
        if (map != null) {
            Object data = map.getData();
            if (data instanceof String[] s) {
                for (String x : s) {
                    names.add(x.trim());
                }
            } else if (data instanceof String s) {
                names.addAll(RawText.tokens(s));
            } else {
                throw new SystemProblem(org.dpspark.core.RejectReason.PARSE_ERROR, location()
                        + ": type_map.raw is not a string dataset");
            }
        }
        return DeepmdSystem.resolve(location(), types, names, group.getChildren().containsKey("nopbc"), options);
    }

    @Override
    public List<String> sets() {
        List<String> sets = new ArrayList<>();
        for (Node n : group.getChildren().values()) {
            if (n.isGroup() && n.getName().startsWith("set.")) {
                sets.add(n.getName());
            }
        }
        sets.sort(null);
        return sets;
    }

    private Dataset dataset(String set, String name) throws IOException {
        Node s = group.getChildren().get(set);
        if (!(s instanceof Group g)) {
            throw new IOException(location() + " has no group " + set);
        }
        return Hdf5Arrays.dataset(g, name + ".npy");
    }

    @Override
    public long[] shape(String set, String name) throws IOException {
        Dataset d = dataset(set, name);
        return d == null ? null : Hdf5Arrays.shape(d);
    }

    @Override
    public long frameCountForNumbering(String set) {
        try {
            long[] s = shape(set, "coord");
            return s == null || s.length == 0 ? 0 : s[0];
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    public double[] readFlat(String set, String name, long from, long to) throws IOException {
        return Hdf5Arrays.flat(dataset(set, name), from, to);
    }

    /** Groups at or below {@code g} that hold a {@code type.raw} dataset (systems), depth-first in name order. */
    static void findSystems(Group g, List<Group> out, int depth) {
        if (g.getChildren().containsKey("type.raw")) {
            out.add(g);
            return;
        }
        if (depth <= 0) {
            return;
        }
        List<String> names = new ArrayList<>(g.getChildren().keySet());
        names.sort(null);
        for (String n : names) {
            if (g.getChildren().get(n) instanceof Group c) {
                findSystems(c, out, depth - 1);
            }
        }
    }
}
