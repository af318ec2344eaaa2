package io.dbferry.core.demo;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Small, valid, deterministic PNG images (RGB, 8 bits) for thumbnails and media files. */
final class TinyPng {

    private TinyPng() {
    }

    /** A size x size image: a diagonal gradient between two colours derived from the seed. */
    static byte[] of(int size, long seed) {
        int r1 = (int) (seed * 37 & 0xff), g1 = (int) (seed * 91 & 0xff), b1 = (int) (seed * 53 & 0xff);
        int r2 = 255 - r1, g2 = 255 - g1, b2 = 255 - b1;
        byte[] raw = new byte[size * (1 + size * 3)];
        int p = 0;
        for (int y = 0; y < size; y++) {
            raw[p++] = 0; // filter: none
            for (int x = 0; x < size; x++) {
                int t = (x + y) * 255 / Math.max(1, 2 * size - 2);
                raw[p++] = (byte) (r1 + (r2 - r1) * t / 255);
                raw[p++] = (byte) (g1 + (g2 - g1) * t / 255);
                raw[p++] = (byte) (b1 + (b2 - b1) * t / 255);
            }
        }
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(raw);
        deflater.finish();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();

        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer header = ByteBuffer.allocate(13).putInt(size).putInt(size).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(png, "IHDR", header.array());
        chunk(png, "IDAT", compressed.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
