package org.dpspark.ingest.job;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.dpspark.core.Reject;

/**
 * What one ingest run did.
 *
 * @param runId            the run's id (its folder {@code ingest_run=<id>})
 * @param inputs           inputs read (files or systems)
 * @param skipped          files met while walking that no reader recognises
 * @param bytesIn          bytes of the inputs
 * @param framesRead       good frames read (before removing duplicates)
 * @param framesWritten    frames added to the table
 * @param duplicates       good frames already in the table or repeated within the run
 * @param framesByDataset  frames added, per dataset
 * @param atomsByElement   atoms added, per element symbol
 * @param rejects          new rejects of this run (already-known rejects are not repeated)
 * @param rejectsKnown     bad records of this run already in the rejects table (quarantined by an earlier run)
 * @param seconds          wall time
 */
public record IngestSummary(String runId, int inputs, List<Path> skipped, long bytesIn, long framesRead,
                            long framesWritten, long duplicates, Map<String, Long> framesByDataset,
                            Map<String, Long> atomsByElement, List<Reject> rejects, long rejectsKnown,
                            double seconds) {

    /** Rejects counted by reason code. */
    public Map<String, Long> rejectsByReason() {
        Map<String, Long> m = new TreeMap<>();
        rejects.forEach(r -> m.merge(r.reason().code(), 1L, Long::sum));
        return m;
    }

    /** The printed summary. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "ingest run %s: %d inputs (%.1f MB) in %.1f s%n",
                runId, inputs, bytesIn / 1e6, seconds));
        sb.append(String.format(Locale.ROOT, "  frames written: %d (read %d, duplicates skipped %d), %.0f frames/s%n",
                framesWritten, framesRead, duplicates, seconds > 0 ? framesRead / seconds : 0.0));
        sb.append(String.format(Locale.ROOT, "  rejects: %d%s%s%n", rejects.size(),
                rejects.isEmpty() ? "" : " " + rejectsByReason(),
                rejectsKnown == 0 ? "" : " (" + rejectsKnown + " already quarantined by an earlier run)"));
        if (!framesByDataset.isEmpty()) {
            sb.append("  frames per dataset:\n");
            framesByDataset.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "    %-48s %8d%n", k, v)));
        }
        if (!atomsByElement.isEmpty()) {
            sb.append("  atoms per element: ").append(atomsByElement).append('\n');
        }
        int shown = 0;
        for (Reject r : rejects) {
            if (shown++ == 20) {
                sb.append("    ... ").append(rejects.size() - 20).append(" more in the rejects table\n");
                break;
            }
            sb.append("    reject: ").append(r.describe()).append('\n');
        }
        if (!skipped.isEmpty()) {
            sb.append("  skipped (no reader recognises them): ").append(skipped.size()).append(" files");
            skipped.stream().limit(8).forEach(p -> sb.append("\n    ").append(p));
            if (skipped.size() > 8) {
                sb.append("\n    ...");
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
