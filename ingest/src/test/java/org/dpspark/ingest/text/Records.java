package org.dpspark.ingest.text;

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

/** Test helper: reads a whole file through a reader and splits the records into frames and rejects. */
public record Records(List<Frame> frames, List<Reject> rejects, List<ReadRecord> all) {

    /** Reads every record of {@code path} with {@code reader} (dataset "test"). */
    public static Records read(FrameReader reader, Path path) throws IOException {
        return read(reader, path, ReadOptions.of("test"));
    }

    public static Records read(FrameReader reader, Path path, ReadOptions options) throws IOException {
        List<Frame> frames = new ArrayList<>();
        List<Reject> rejects = new ArrayList<>();
        List<ReadRecord> all = new ArrayList<>();
        try (RecordStream s = reader.read(InputSplit.whole(path.toString(), reader.format()), options)) {
            while (s.hasNext()) {
                ReadRecord r = s.next();
                all.add(r);
                if (r.isFrame()) {
                    frames.add(r.frame());
                } else {
                    rejects.add(r.reject());
                }
            }
        }
        return new Records(frames, rejects, all);
    }

    /** One line per reject, for assertion messages. */
    public String describeRejects() {
        StringBuilder b = new StringBuilder();
        for (Reject r : rejects) {
            b.append(r.describe()).append('\n');
        }
        return b.toString();
    }
}
