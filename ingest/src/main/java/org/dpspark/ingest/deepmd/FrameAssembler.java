package org.dpspark.ingest.deepmd;

import org.dpspark.core.Frame;
import org.dpspark.core.Reject;
import org.dpspark.core.RejectReason;
import org.dpspark.ingest.read.ReadRecord;

/**
 * Turns the per-frame rows of a DeePMD system into a {@link Frame} (or a reject when the rows do not fit
 * the system). DeePMD data are already in dpspark units (Å, eV, eV/Å, virial eV), so values are copied
 * unchanged: a float32 file's numbers become the exactly equal doubles.
 */
final class FrameAssembler {
    private FrameAssembler() {}

    /** Provenance for frames and rejects of one split. */
    record Context(String dataset, String sourceFile, String format) {
        ReadRecord reject(long index, Integer line, RejectReason reason, String message) {
            return ReadRecord.reject(new Reject(dataset, sourceFile, (int) index, line, format, reason, message));
        }
    }

    /**
     * Builds one frame.
     *
     * @param coord  shape: natoms×3, Å
     * @param box    shape: 9, rows are cell vectors, Å; ignored (null cell) for a nopbc system
     * @param energy eV, or null when absent (the ingest validator rejects the frame)
     * @param force  shape: natoms×3, eV/Å, or null
     * @param virial shape: 9, eV, or null
     * @param fparam shape: k, or null
     * @param aparam shape: natoms×k, or null
     */
    static ReadRecord build(Context c, DeepmdSystem sys, long index, Integer line, double[] coord, double[] box,
                            Double energy, double[] force, double[] virial, double[] fparam, double[] aparam) {
        try {
            return ReadRecord.frame(Frame.builder().dataset(c.dataset()).sourceFile(c.sourceFile())
                    .sourceIndex((int) index).atomicNumbers(sys.atomicNumbers()).typeLabels(sys.labels())
                    .positions(coord).cell(sys.nopbc() ? null : box)
                    .pbc(sys.nopbc() ? new boolean[3] : new boolean[] {true, true, true})
                    .energy(energy).forces(force).virial(virial).fparam(fparam).aparam(aparam).build());
        } catch (IllegalArgumentException | NullPointerException e) {
            return c.reject(index, line, RejectReason.SHAPE_MISMATCH, "frame " + index + " of " + sys.location()
                    + ": " + e.getMessage());
        }
    }
}
