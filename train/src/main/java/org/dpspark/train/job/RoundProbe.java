package org.dpspark.train.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.BlockId;
import org.bytedeco.javacpp.Pointer;

/** TEMPORARY diagnostics for the dl4j-spark memory investigation (-Ddpspark.memlog=1|gc). */
final class RoundProbe {
    private RoundProbe() {}

    static final AtomicLong BATCH_CALLS = new AtomicLong();
    static final AtomicLong BATCHES = new AtomicLong();
    static final AtomicLong STEP_NANOS = new AtomicLong(), STEPS = new AtomicLong(), BATCH_NANOS = new AtomicLong();

    static boolean on() { return System.getProperty("dpspark.memlog") != null; }

    static void log(JavaSparkContext jsc, long step, double seconds) {
        if (!on()) return;
        line(jsc, step, seconds, "pre");
        if ("gc".equals(System.getProperty("dpspark.memlog"))) {
            System.gc();
            System.gc();
            line(jsc, step, seconds, "gc ");
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            line(jsc, step, seconds, "gc1s");
            try {
                java.lang.reflect.Method m = Pointer.class.getDeclaredMethod("trimMemory");
                m.setAccessible(true);
                m.invoke(null);
            } catch (ReflectiveOperationException e) {
                System.out.println("MEMLOG trim failed " + e);
            }
            line(jsc, step, seconds, "trim");
        }
    }

    private static void line(JavaSparkContext jsc, long step, double seconds, String tag) {
        Runtime rt = Runtime.getRuntime();
        long heap = rt.totalMemory() - rt.freeMemory();
        long rss = rss();
        int persisted = jsc.getPersistentRDDs().size();
        long storageUsed = 0;
        for (scala.Tuple2<Object, Object> t : scala.collection.JavaConverters.mapAsJavaMapConverter(jsc.sc().getExecutorMemoryStatus()).asJava().values()) {
            storageUsed += (Long) t._1() - (Long) t._2();
        }
        scala.Function1<BlockId, Object> all = b -> Boolean.TRUE;
        scala.collection.Seq<BlockId> ids = SparkEnv.get().blockManager().master().getMatchingBlockIds(all, true);
        int bc = 0, rdd = 0, other = 0;
        for (BlockId b : scala.collection.JavaConverters.seqAsJavaListConverter(ids).asJava()) {
            if (b.isBroadcast()) bc++;
            else if (b.isRDD()) rdd++;
            else other++;
        }
        System.out.printf(Locale.ROOT, "MEMLOG " + tag + " step %d t %.1f s rss %.0f MB heap %.0f/%.0f MB javacpp total %.0f MB physical %.0f MB"
                + " nd4j %.0f MB persistedRDDs %d storageUsed %.0f MB blocks bc %d rdd %d other %d batchTaskCalls %d batches %d gcs %d fitSteps %d fit %.1f s batchBuild %.1f s%n", step, seconds,
                rss / 1e6, heap / 1e6, rt.totalMemory() / 1e6, Pointer.totalBytes() / 1e6, Pointer.physicalBytes() / 1e6, org.nd4j.linalg.factory.Nd4j.getMemoryManager().allocatedMemory(0) / 1e6, persisted, storageUsed / 1e6, bc, rdd,
                other, BATCH_CALLS.get(), BATCHES.get(), org.dpspark.train.dl4j.NativeMemory.collections(), STEPS.get(), STEP_NANOS.get() / 1e9, BATCH_NANOS.get() / 1e9);
        System.out.flush();
    }

    private static long rss() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }
}
