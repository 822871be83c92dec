package org.dpspark.ingest.job;

import java.io.Serializable;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;

/** One unit of executor work: a split and the options (dataset name included) to read it with. */
public record SplitTask(InputSplit split, ReadOptions options) implements Serializable {}
