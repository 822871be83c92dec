package org.dpspark.ingest.deepmd;

import java.util.List;
import org.dpspark.ingest.read.FrameReader;
import org.dpspark.ingest.read.InputProbe;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;
import org.dpspark.ingest.read.RecordStream;

/** A reader whose plan is the whole input as one split, to test reading without planning. */
record SingleSplit(FrameReader inner) implements FrameReader {
    @Override
    public String format() {
        return inner.format();
    }

    @Override
    public boolean recognizes(InputProbe probe) {
        return inner.recognizes(probe);
    }

    @Override
    public List<InputSplit> plan(String path, ReadOptions options) {
        return List.of(InputSplit.whole(path, format()));
    }

    @Override
    public RecordStream read(InputSplit split, ReadOptions options) throws java.io.IOException {
        return inner.read(split, options);
    }
}
