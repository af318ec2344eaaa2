package io.dbferry.core.backup;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The minimal POSIX tar (ustar, with pax extended headers for long names and large sizes) that the media
 * archive needs: regular files, directories and symbolic links, written and read as streams.
 */
final class Tar {

    static final int BLOCK = 512;

    enum Type { FILE, DIRECTORY, SYMLINK, HARDLINK, OTHER }

    /** One entry as the archive states it; names use '/' and are not yet checked for safety. */
    record Entry(String name, Type type, long size, long modifiedSeconds, int mode, String linkName, char typeFlag) {
    }

    private Tar() {
    }

    /** Writes entries; the caller streams exactly {@code size} bytes after each file header. */
    static final class Writer {
        private final OutputStream out;
        private long written;

        Writer(OutputStream out) {
            this.out = out;
        }

        void putEntry(Entry entry) throws IOException {
            Map<String, String> pax = new HashMap<>();
            String name = entry.name();
            String[] split = splitName(name);
            if (split == null) {
                pax.put("path", name);
                split = new String[]{"", truncate(name, 100)};
            }
            String link = entry.linkName() == null ? "" : entry.linkName();
            if (utf8(link).length > 100) {
                pax.put("linkpath", link);
                link = truncate(link, 100);
            }
            if (entry.size() > 077777777777L) {
                pax.put("size", Long.toString(entry.size()));
            }
            if (!pax.isEmpty()) {
                byte[] records = paxRecords(pax);
                writeHeader("PaxHeaders/" + truncate(split[1], 80), "", 'x', records.length, entry.modifiedSeconds(), 0644, "");
                out.write(records);
                pad(records.length);
            }
            char flag = switch (entry.type()) {
                case FILE -> '0';
                case DIRECTORY -> '5';
                case SYMLINK -> '2';
                default -> throw new IllegalArgumentException("cannot write " + entry.type());
            };
            long size = entry.type() == Type.FILE ? entry.size() : 0;
            writeHeader(split[1], split[0], flag, Math.min(size, 077777777777L), entry.modifiedSeconds(), entry.mode(), link);
        }

        /** After a file's content: pads it to the block boundary. */
        void endEntry(long size) throws IOException {
            pad(size);
        }

        OutputStream content() {
            return out;
        }

        void finish() throws IOException {
            out.write(new byte[2 * BLOCK]);
        }

        private void pad(long size) throws IOException {
            int rest = (int) (size % BLOCK);
            if (rest != 0) {
                out.write(new byte[BLOCK - rest]);
            }
        }

        private void writeHeader(String name, String prefix, char flag, long size, long mtime, int mode, String link)
                throws IOException {
            byte[] h = new byte[BLOCK];
            put(h, 0, 100, utf8(name));
            octal(h, 100, 8, mode & 07777);
            octal(h, 108, 8, 0);
            octal(h, 116, 8, 0);
            octal(h, 124, 12, size);
            octal(h, 136, 12, Math.max(0, Math.min(mtime, 077777777777L)));
            Arrays.fill(h, 148, 156, (byte) ' ');
            h[156] = (byte) flag;
            put(h, 157, 100, utf8(link));
            put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
            put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
            put(h, 345, 155, utf8(prefix));
            long sum = 0;
            for (byte b : h) {
                sum += b & 0xff;
            }
            byte[] chk = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(chk, 0, h, 148, 8);
            out.write(h);
            written++;
        }

        /** {prefix, name} fitting ustar's 155 + 100 bytes, or null when only a pax path will do. */
        private static String[] splitName(String name) {
            if (utf8(name).length <= 100) {
                return new String[]{"", name};
            }
            for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
                String prefix = name.substring(0, slash);
                String rest = name.substring(slash + 1);
                if (utf8(prefix).length <= 155 && utf8(rest).length <= 100 && !rest.isEmpty()) {
                    return new String[]{prefix, rest};
                }
            }
            return null;
        }

        private static String truncate(String s, int maxBytes) {
            String t = s;
            while (utf8(t).length > maxBytes) {
                t = t.substring(0, t.length() - 1);
            }
            return t;
        }

        private static byte[] paxRecords(Map<String, String> values) {
            StringBuilder all = new StringBuilder();
            values.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                String body = " " + e.getKey() + "=" + e.getValue() + "\n";
                int bodyLength = utf8(body).length;
                int length = bodyLength + Integer.toString(bodyLength).length();
                if (Integer.toString(length).length() != Integer.toString(bodyLength).length()) {
                    length++;
                }
                all.append(length).append(body);
            });
            return utf8(all.toString());
        }

        private static void put(byte[] h, int offset, int length, byte[] value) {
            if (value.length > length) {
                throw new IllegalArgumentException("tar field too long");
            }
            System.arraycopy(value, 0, h, offset, value.length);
        }

        private static void octal(byte[] h, int offset, int length, long value) {
            String digits = Long.toOctalString(value);
            String padded = "0".repeat(length - 1 - digits.length()) + digits;
            put(h, offset, length, (padded + "\0").getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Reads entries one by one; {@link #content()} gives the current file's bytes. */
    static final class Reader {
        private final InputStream in;
        private long remaining;
        private long padding;
        private Entry current;

        Reader(InputStream in) {
            this.in = in;
        }

        /** The next entry, or null at the end marker; a stream that stops before the end marker is truncated. */
        Entry next() throws IOException {
            skipRest();
            Map<String, String> pax = new HashMap<>();
            String gnuLongName = null;
            String gnuLongLink = null;
            while (true) {
                byte[] h = readBlock();
                if (isZero(h)) {
                    byte[] second = readBlock();
                    if (!isZero(second)) {
                        throw new TarFormatException("the archive has an empty block in the middle");
                    }
                    current = null;
                    return null;
                }
                checkSum(h);
                char flag = (char) h[156];
                long size = number(h, 124, 12);
                if (flag == 'x' || flag == 'g' || flag == 'L' || flag == 'K') {
                    if (size > 1024 * 1024) {
                        throw new TarFormatException("an extended header of " + size + " bytes is too large");
                    }
                    byte[] data = in.readNBytes((int) size);
                    if (data.length != size) {
                        throw new EOFException();
                    }
                    skipFully(padFor(size));
                    if (flag == 'x') {
                        pax.putAll(parsePax(data));
                    } else if (flag == 'L') {
                        gnuLongName = cString(data, 0, data.length);
                    } else if (flag == 'K') {
                        gnuLongLink = cString(data, 0, data.length);
                    }
                    continue;
                }
                String name = cString(h, 0, 100);
                String prefix = isUstar(h) ? cString(h, 345, 155) : "";
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                if (gnuLongName != null) {
                    name = gnuLongName;
                }
                name = pax.getOrDefault("path", name);
                String link = gnuLongLink != null ? gnuLongLink : cString(h, 157, 100);
                link = pax.getOrDefault("linkpath", link);
                if (pax.containsKey("size")) {
                    try {
                        size = Long.parseLong(pax.get("size"));
                    } catch (NumberFormatException e) {
                        throw new TarFormatException("a pax size is not a number");
                    }
                }
                Type type = switch (flag) {
                    case '0', '\0', '7' -> name.endsWith("/") ? Type.DIRECTORY : Type.FILE;
                    case '5' -> Type.DIRECTORY;
                    case '2' -> Type.SYMLINK;
                    case '1' -> Type.HARDLINK;
                    default -> Type.OTHER;
                };
                long dataSize = type == Type.FILE ? size : (type == Type.OTHER || type == Type.HARDLINK ? size : 0);
                if (size < 0) {
                    throw new TarFormatException("an entry has a negative size");
                }
                current = new Entry(name, type, type == Type.FILE ? size : 0, number(h, 136, 12), (int) number(h, 100, 8), link, flag);
                remaining = dataSize;
                padding = padFor(dataSize);
                return current;
            }
        }

        /** The current file's content, exactly its size; a stream that ends early throws EOFException. */
        InputStream content() {
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    int n = read(one, 0, 1);
                    return n < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (remaining == 0) {
                        return -1;
                    }
                    int n = in.read(b, off, (int) Math.min(len, remaining));
                    if (n < 0) {
                        throw new EOFException("the archive ends inside " + current.name());
                    }
                    remaining -= n;
                    return n;
                }
            };
        }

        private void skipRest() throws IOException {
            skipFully(remaining + padding);
            remaining = 0;
            padding = 0;
        }

        private void skipFully(long n) throws IOException {
            byte[] buffer = new byte[8192];
            while (n > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, n));
                if (read < 0) {
                    throw new EOFException();
                }
                n -= read;
            }
        }

        private byte[] readBlock() throws IOException {
            byte[] block = in.readNBytes(BLOCK);
            if (block.length != BLOCK) {
                throw new EOFException();
            }
            return block;
        }

        private static long padFor(long size) {
            long rest = size % BLOCK;
            return rest == 0 ? 0 : BLOCK - rest;
        }

        private static boolean isZero(byte[] block) {
            for (byte b : block) {
                if (b != 0) {
                    return false;
                }
            }
            return true;
        }

        private static boolean isUstar(byte[] h) {
            return h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r';
        }

        private static void checkSum(byte[] h) throws TarFormatException {
            long stored = number(h, 148, 8);
            long sum = 0;
            for (int i = 0; i < BLOCK; i++) {
                sum += (i >= 148 && i < 156) ? ' ' : h[i] & 0xff;
            }
            if (stored != sum) {
                throw new TarFormatException("a header's checksum does not match");
            }
        }

        private static long number(byte[] h, int offset, int length) throws TarFormatException {
            if ((h[offset] & 0x80) != 0) {
                long value = h[offset] & 0x7f;
                for (int i = 1; i < length; i++) {
                    value = (value << 8) | (h[offset + i] & 0xff);
                }
                return value;
            }
            String text = new String(h, offset, length, StandardCharsets.US_ASCII).replace("\0", " ").trim();
            if (text.isEmpty()) {
                return 0;
            }
            try {
                return Long.parseLong(text, 8);
            } catch (NumberFormatException e) {
                throw new TarFormatException("a header field is not an octal number: '" + text + "'");
            }
        }

        private static String cString(byte[] b, int offset, int length) {
            int end = offset;
            while (end < offset + length && b[end] != 0) {
                end++;
            }
            return new String(b, offset, end - offset, StandardCharsets.UTF_8);
        }

        private static Map<String, String> parsePax(byte[] data) throws TarFormatException {
            Map<String, String> values = new HashMap<>();
            int pos = 0;
            while (pos < data.length) {
                int space = pos;
                while (space < data.length && data[space] != ' ') {
                    space++;
                }
                int length;
                try {
                    length = Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
                } catch (NumberFormatException e) {
                    throw new TarFormatException("a pax record has no length");
                }
                if (length <= 0 || pos + length > data.length) {
                    throw new TarFormatException("a pax record overruns its header");
                }
                String record = new String(data, space + 1, pos + length - space - 2, StandardCharsets.UTF_8);
                int eq = record.indexOf('=');
                if (eq > 0) {
                    values.put(record.substring(0, eq), record.substring(eq + 1));
                }
                pos += length;
            }
            return values;
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static final class TarFormatException extends IOException {
        TarFormatException(String message) {
            super(message);
        }
    }
}
