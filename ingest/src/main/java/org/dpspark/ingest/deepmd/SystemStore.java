package org.dpspark.ingest.deepmd;

import java.io.IOException;
import java.util.List;
import org.dpspark.ingest.read.ReadOptions;

/**
 * Where the files of one DeePMD system live: a folder of {@code .raw}/{@code set.*}/{@code *.npy}
 * ({@link NpyDirStore}) or an HDF5 group with datasets of the same names ({@link Hdf5GroupStore}).
 * Array names are given without {@code .npy} ({@code coord}, {@code box}, …).
 */
interface SystemStore {

    /** The system for messages and {@code sourceFile}. */
    String location();

    /** Resolves type.raw / type_map.raw / nopbc. */
    DeepmdSystem system(ReadOptions options) throws SystemProblem, IOException;

    /** Names of the {@code set.*} parts, sorted. */
    List<String> sets() throws IOException;

    /** Shape of an array of a set, or null when the set lacks it; a damaged array is an {@link IOException}. */
    long[] shape(String set, String name) throws IOException;

    /**
     * Number of frames of a set as its {@code coord} header says, without checking the data (used to number
     * frames across sets); 0 when unreadable.
     */
    long frameCountForNumbering(String set);

    /** Elements {@code [from, to)} of an array flattened in C order, as doubles. */
    double[] readFlat(String set, String name, long from, long to) throws IOException;
}
