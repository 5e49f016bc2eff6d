package io.jbpftrace.btf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Finds one struct member's byte offset by streaming a BTF file through a small buffer, without
 * building {@link Btf}'s tables (about 15 MiB for vmlinux): what {@code comm} needs at every start.
 * Little-endian BTF only; anything unexpected answers "not found" and the caller falls back.
 */
public final class MemberScan {
    private static final int MAGIC = 0xEB9F;
    private static final int CHUNK = 64 * 1024;

    private final FileChannel in;
    private final int typeStart, typeLen, strStart, strLen;

    private MemberScan(FileChannel in, ByteBuffer header) {
        this.in = in;
        int hdrLen = header.getInt(4);
        typeStart = hdrLen + header.getInt(8);
        typeLen = header.getInt(12);
        strStart = hdrLen + header.getInt(16);
        strLen = header.getInt(20);
    }

    /**
     * The byte offset of {@code member} in {@code struct}, when the member is an array of
     * {@code arrayLength} elements at a whole byte; empty otherwise or when the file is not BTF.
     */
    public static OptionalInt arrayMemberOffset(Path btf, String struct, String member, int arrayLength) {
        try (FileChannel in = FileChannel.open(btf)) {
            ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            if (in.read(header, 0) < 24 || (header.getShort(0) & 0xFFFF) != MAGIC) return OptionalInt.empty();
            return new MemberScan(in, header).find(struct, member, arrayLength);
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    private OptionalInt find(String struct, String member, int arrayLength) throws IOException {
        int structName = stringOffset(struct), memberName = stringOffset(member);
        if (structName < 0 || memberName < 0) return OptionalInt.empty();
        // pass 1: the struct's record and the member in it; pass 2: the member's type record
        long[] found = {-1, -1}; // bit offset, type id
        walkTypes((id, kind, nameOff, info, r) -> {
            if (kind != BtfKind.STRUCT || nameOff != structName) return false;
            for (int i = 0; i < (info & 0xFFFF); i++) {
                int name = r.nextInt(), type = r.nextInt(), offset = r.nextInt();
                if (name == memberName) {
                    found[0] = info < 0 ? offset & 0xFFFFFF : offset & 0xFFFFFFFFL; // kind flag: bitfield size on top
                    found[1] = type;
                    return true;
                }
            }
            return true;
        });
        if (found[1] < 0 || found[0] % 8 != 0) return OptionalInt.empty();
        long[] elements = {-1};
        walkTypes((id, kind, nameOff, info, r) -> {
            if (id != found[1]) return false;
            if (kind == BtfKind.ARRAY) {
                r.nextInt(); // element type
                r.nextInt(); // index type
                elements[0] = r.nextInt();
            }
            return true;
        });
        return elements[0] == arrayLength ? OptionalInt.of((int) (found[0] / 8)) : OptionalInt.empty();
    }

    /** Looks at a type record whose common part was read; returns true to stop the walk. */
    private interface TypeVisitor {
        boolean visit(int id, int kind, int nameOff, int info, Reader extra) throws IOException;
    }

    private void walkTypes(TypeVisitor visitor) throws IOException {
        Reader r = new Reader(typeStart, typeLen);
        for (int id = 1; r.remaining() > 0; id++) {
            int nameOff = r.nextInt(), info = r.nextInt();
            r.nextInt(); // size or type
            int kind = (info >>> 24) & 0x1F;
            int extra = BtfKind.extraBytes(kind, info & 0xFFFF);
            if (extra < 0) return; // a kind this scan cannot step over
            long before = r.position();
            if (visitor.visit(id, kind, nameOff, info, r)) return;
            r.skip(extra - (r.position() - before));
        }
    }

    /** Offset of {@code name} in the string section (a NUL-preceded, NUL-ended run), or -1. */
    private int stringOffset(String name) throws IOException {
        byte[] wanted = ("\0" + name + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] window = new byte[CHUNK + wanted.length];
        int carried = 0;
        for (long done = 0; done < strLen; ) {
            int n = (int) Math.min(CHUNK, strLen - done);
            ByteBuffer buf = ByteBuffer.wrap(window, carried, n);
            while (buf.hasRemaining()) if (in.read(buf, strStart + done + (buf.position() - carried)) < 0) return -1;
            int length = carried + n;
            int at = indexOf(window, length, wanted);
            if (at >= 0) return (int) (done - carried + at + 1);
            carried = Math.min(wanted.length - 1, length);
            System.arraycopy(window, length - carried, window, 0, carried);
            done += n;
        }
        return -1;
    }

    private static int indexOf(byte[] haystack, int length, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    /** Little-endian 32-bit words of a file region, read a chunk at a time. */
    private final class Reader {
        private final ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        private final long end;
        private long next; // file position of the byte after what buf holds

        Reader(long start, int length) {
            this.next = start;
            this.end = start + length;
            buf.limit(0);
        }

        long position() { return next - buf.remaining(); }

        long remaining() { return end - position(); }

        int nextInt() throws IOException {
            if (buf.remaining() < 4) refill();
            return buf.getInt();
        }

        void skip(long bytes) throws IOException {
            if (bytes <= buf.remaining()) {
                buf.position(buf.position() + (int) bytes);
                return;
            }
            next = position() + bytes;
            buf.limit(0);
        }

        private void refill() throws IOException {
            buf.compact();
            int want = (int) Math.min(buf.remaining(), end - next);
            buf.limit(buf.position() + want);
            while (buf.hasRemaining()) {
                int n = in.read(buf, next);
                if (n < 0) throw new IOException("BTF ends early");
                next += n;
            }
            buf.flip();
            if (buf.remaining() < 4) throw new IOException("BTF type section ends inside a record");
        }
    }
}
