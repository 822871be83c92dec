package org.dpspark.ingest.extxyz;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.dpspark.core.Frame;
import org.dpspark.core.Reject;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;
import org.dpspark.ingest.read.ReadRecord;
import org.dpspark.ingest.read.RecordStream;

/** Test helper: everything the extxyz reader yields for one file, in order. */
record Records(List<ReadRecord> all) {

    static Records read(Path file) throws IOException {
        return read(file, ReadOptions.of("test"));
    }

    static Records read(Path file, ReadOptions options) throws IOException {
        List<ReadRecord> out = new ArrayList<>();
        try (RecordStream s = new ExtxyzReader().read(InputSplit.whole(file.toString(), "extxyz"), options)) {
            while (s.hasNext()) {
                out.add(s.next());
            }
        }
        return new Records(out);
    }

    List<Frame> frames() {
        return all.stream().filter(ReadRecord::isFrame).map(ReadRecord::frame).toList();
    }

    List<Reject> rejects() {
        return all.stream().filter(r -> !r.isFrame()).map(ReadRecord::reject).toList();
    }

    /** The only record, which must be a frame. */
    Frame single() {
        if (all.size() != 1 || !all.get(0).isFrame()) {
            throw new AssertionError("expected exactly one frame, got " + all);
        }
        return all.get(0).frame();
    }
}
