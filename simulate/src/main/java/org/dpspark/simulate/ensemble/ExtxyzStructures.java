package org.dpspark.simulate.ensemble;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.dpspark.ingest.extxyz.ExtxyzReader;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;
import org.dpspark.ingest.read.ReadRecord;
import org.dpspark.ingest.read.RecordStream;

/**
 * Initial structures from extxyz files, read on the driver by ingest's extxyz reader (the one Spark-free extxyz place,
 * {@code org.dpspark.ingest.extxyz}): units, lattice and species as ingest reads them.
 */
final class ExtxyzStructures {
    private ExtxyzStructures() {}

    /** Frame {@code index} of an extxyz file, read with the ingest reader (bad content is an error here). */
    static InitialStructure read(StructureSource.ExtxyzSource src) {
        try (RecordStream records = new ExtxyzReader().read(InputSplit.whole(src.file(), "extxyz"),
                ReadOptions.of(src.label()))) {
            int k = 0;
            while (records.hasNext()) {
                ReadRecord r = records.next();
                if (k == src.index()) {
                    if (!r.isFrame()) {
                        throw new IllegalArgumentException("frame " + k + " of " + src.file() + " is unreadable: "
                                + r.reject().message());
                    }
                    return InitialStructure.of(src.label(), r.frame());
                }
                k++;
            }
            throw new IllegalArgumentException(src.file() + " has " + k + " frames, no index " + src.index());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + src.file(), e);
        }
    }
}
