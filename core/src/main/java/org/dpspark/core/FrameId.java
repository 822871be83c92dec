package org.dpspark.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Content-derived frame ids: the first 128 bits of SHA-256 over the frame's physical content
 * (atomic numbers, type labels, positions, cell, pbc, energy, forces, virial, fparam, aparam), as
 * 32 lowercase hex characters. Ingesting the same data again gives the same ids; the dataset name and
 * provenance are not part of the id, so one structure with one label has one id wherever it came from.
 */
public final class FrameId {
    private FrameId() {}

    /** Length of an id in hex characters. */
    public static final int HEX_LENGTH = 32;

    public static String of(Frame f) {
        MessageDigest md = sha256();
        int[] z = f.atomicNumbersRef();
        ByteBuffer buf = ByteBuffer.allocate(8 * Math.max(16, 3 * z.length));
        buf.putInt(z.length);
        for (int v : z) {
            buf.putInt(v);
        }
        flush(md, buf);
        for (String label : f.typeLabelsRef()) {
            md.update(label.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
        }
        putArray(md, buf, 'r', f.positionsRef());
        putArray(md, buf, 'h', f.cellRef());
        boolean[] pbc = f.pbcRef();
        md.update(new byte[] {'p', (byte) (pbc[0] ? 1 : 0), (byte) (pbc[1] ? 1 : 0), (byte) (pbc[2] ? 1 : 0)});
        putArray(md, buf, 'e', f.energy() == null ? null : new double[] {f.energy()});
        putArray(md, buf, 'f', f.forcesRef());
        putArray(md, buf, 'v', f.virialRef());
        putArray(md, buf, 'q', f.fparamRef());
        putArray(md, buf, 'a', f.aparamRef());
        return HexFormat.of().formatHex(md.digest(), 0, HEX_LENGTH / 2);
    }

    private static void putArray(MessageDigest md, ByteBuffer buf, char tag, double[] a) {
        md.update((byte) tag);
        if (a == null) {
            md.update((byte) 0);
            return;
        }
        md.update((byte) 1);
        for (double v : a) {
            if (buf.remaining() < 8) {
                flush(md, buf);
            }
            // -0.0 and 0.0 are the same number: hash them alike.
            buf.putDouble(v == 0.0 ? 0.0 : v);
        }
        flush(md, buf);
    }

    private static void flush(MessageDigest md, ByteBuffer buf) {
        buf.flip();
        md.update(buf);
        buf.clear();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
