package org.dpspark.ingest.deepmd;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dpspark.core.Frame;
import org.dpspark.core.Reject;
import org.dpspark.ingest.read.FrameReader;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;
import org.dpspark.ingest.read.ReadRecord;
import org.dpspark.ingest.read.RecordStream;

/** Plans and reads an input the way the ingest job does, collecting frames and rejects. */
record Records(List<Frame> frames, List<Reject> rejects, List<InputSplit> splits) {

    static Records read(FrameReader reader, Path input, ReadOptions options) throws IOException {
        List<InputSplit> splits = reader.plan(input.toString(), options);
        List<Frame> frames = new ArrayList<>();
        List<Reject> rejects = new ArrayList<>();
        for (InputSplit s : splits) {
            try (RecordStream rs = reader.read(s, options)) {
                while (rs.hasNext()) {
                    ReadRecord r = rs.next();
                    if (r.isFrame()) {
                        frames.add(r.frame());
                    } else {
                        rejects.add(r.reject());
                    }
                }
            }
        }
        return new Records(frames, rejects, splits);
    }

    Reject onlyReject() {
        if (rejects.size() != 1) {
            throw new AssertionError("expected one reject, got " + rejects);
        }
        return rejects.get(0);
    }
}
