package org.dpspark.ingest.npy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds .npy bytes by hand in tests, independently of {@link NpyWriter}. */
final class NpyBytes {
    private NpyBytes() {}

    /** Magic, version, header length (2 bytes for v1, 4 for v2/v3), the dict and the data bytes. */
    static byte[] of(int major, String dict, byte[] data) {
        byte[] h = (dict + "\n").getBytes(StandardCharsets.UTF_8);
        int lenBytes = major == 1 ? 2 : 4;
        ByteBuffer bb = ByteBuffer.allocate(8 + lenBytes + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            bb.putShort((short) h.length);
        } else {
            bb.putInt(h.length);
        }
        return bb.put(h).put(data).array();
    }

    static String dict(String descr, boolean fortran, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
    }

    static byte[] doubles(ByteOrder order, double... v) {
        ByteBuffer bb = ByteBuffer.allocate(8 * v.length).order(order);
        for (double d : v) {
            bb.putDouble(d);
        }
        return bb.array();
    }

    static byte[] floats(float... v) {
        ByteBuffer bb = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float d : v) {
            bb.putFloat(d);
        }
        return bb.array();
    }

    static byte[] ints(int... v) {
        ByteBuffer bb = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int d : v) {
            bb.putInt(d);
        }
        return bb.array();
    }

    static byte[] longs(long... v) {
        ByteBuffer bb = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long d : v) {
            bb.putLong(d);
        }
        return bb.array();
    }
}
