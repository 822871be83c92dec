package org.dpspark.featurize.job;

import org.dpspark.model.stats.DataStatistics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;
import org.dpspark.core.table.DescriptorsTable;
import org.dpspark.core.table.FramesTable;
import org.dpspark.model.stats.NeighborStatistics;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;

/**
 * The partition functions called directly (no Spark session) on frames-table rows of the shared water data:
 * one partial per partition, equal to the core's, and one lazily produced row per atom.
 */
class PartitionFnTest {
    static List<Row> rows(List<FrameInput> frames) {
        StructType schema = FramesTable.SCHEMA.struct();
        List<Row> out = new ArrayList<>();
        for (FrameInput f : frames) {
            Object[] v = new Object[schema.size()];
            v[schema.fieldIndex(FramesTable.FRAME_ID)] = f.frameId();
            v[schema.fieldIndex(FramesTable.DATASET)] = f.dataset();
            v[schema.fieldIndex(FramesTable.SPLIT)] = f.split();
            v[schema.fieldIndex(FramesTable.ATOMIC_NUMBERS)] = seq(java.util.Arrays.stream(f.atomicNumbers()).boxed().toList());
            v[schema.fieldIndex(FramesTable.TYPE_LABELS)] = seq(List.of(f.typeLabels()));
            v[schema.fieldIndex(FramesTable.POSITIONS)] = seq(java.util.Arrays.stream(f.positions()).boxed().toList());
            v[schema.fieldIndex(FramesTable.CELL)] = seq(java.util.Arrays.stream(f.cell()).boxed().toList());
            v[schema.fieldIndex(FramesTable.PBC)] = seq(List.of(true, true, true));
            v[schema.fieldIndex(FramesTable.ENERGY)] = f.energy();
            out.add(new GenericRowWithSchema(v, schema));
        }
        return out;
    }

    private static Object seq(List<?> list) {
        return JavaConverters.asScalaBuffer(new ArrayList<>(list));
    }

    @Test
    void partitionFunctionsReduceTheirPartitionAndStreamAtoms() throws IOException {
        List<FrameInput> frames = WaterInputs.read(0).subList(0, 12);
        FeaturizeSettings s = FeaturizerTest.water();
        List<Row> rows = rows(frames);
        assertEquals(frames.get(3).frameId(), FeaturizeRows.frame(rows.get(3)).frameId());
        assertArrayEquals(frames.get(3).positions(), FeaturizeRows.frame(rows.get(3)).positions(), 0.0);

        Iterator<NeighborStatistics> ns = new NeighborStatsFn(s).call(rows.iterator());
        NeighborStatistics one = ns.next();
        assertFalse(ns.hasNext(), "one partial per partition");
        NeighborStatistics ref = new NeighborStatistics(2, 6.0);
        Featurizer core = new Featurizer(s);
        frames.forEach(f -> core.addNeighborStatistics(f, ref));
        assertArrayEquals(ref.maxNeighbors(), one.maxNeighbors());
        assertEquals(12, one.frames());

        FeaturizeSettings fixed = s.withSel(one.selAuto(s.model().sel().autoRatio()));
        DataStatistics st = new StatisticsFn(fixed).call(rows.iterator()).next();
        DataStatistics refSt = new DataStatistics(fixed.model().sel().slots());
        Featurizer c2 = new Featurizer(fixed);
        frames.forEach(f -> c2.addStatistics(f, refSt));
        // same frames in the same order: identical sums
        assertEquals(refSt.envStatistics().meanRadial(1), st.envStatistics().meanRadial(1), 0.0);
        assertArrayEquals(refSt.energyBias().solve(), st.energyBias().solve(), 0.0);

        Iterator<Row> atoms = new AtomRowsFn(fixed, false).call(rows.iterator());
        int n = 0;
        Row first = null;
        while (atoms.hasNext()) {
            Row r = atoms.next();
            if (first == null) first = r;
            n++;
        }
        assertEquals(12 * 192, n, "one descriptor row per atom");
        assertEquals(DescriptorsTable.SCHEMA.columns().size(), first.size());
        double[] d = c2.descriptors(frames.get(0));
        assertArrayEquals(java.util.Arrays.copyOfRange(d, 0, 88), (double[]) first.get(5), 0.0);
    }
}
