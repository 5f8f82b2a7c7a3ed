package dev.jfio.posix;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Paths as NUL-terminated C strings in one block of native memory, encoded once, so a system
 * call on one of them ({@link FileOps}) converts and allocates nothing. Encoded as the JDK encodes
 * file names ({@code sun.jnu.encoding}, UTF-8 when unset). Immutable; any thread. The memory
 * lives as long as this object.
 */
public final class NativePaths {
    private final ByteBuffer memory;
    private final long base;
    private final int[] offsets;

    /** @throws IllegalArgumentException when a path contains a NUL character */
    public NativePaths(List<String> paths) {
        Charset charset = fileNameCharset();
        byte[][] encoded = new byte[paths.size()][];
        int total = 0;
        for (int i = 0; i < encoded.length; i++) {
            String path = paths.get(i);
            if (path.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("a path cannot contain a NUL character: " + path);
            }
            encoded[i] = path.getBytes(charset);
            total += encoded[i].length + 1;
        }
        this.memory = ByteBuffer.allocateDirect(Math.max(1, total));
        this.offsets = new int[encoded.length];
        for (int i = 0; i < encoded.length; i++) {
            offsets[i] = memory.position();
            memory.put(encoded[i]).put((byte) 0);
        }
        this.base = Posix.address(memory);
    }

    /** How many paths there are. */
    public int size() {
        return offsets.length;
    }

    /** The native address of path {@code index}'s first byte; valid while this object is reachable. */
    public long address(int index) {
        return base + offsets[index];
    }

    private static Charset fileNameCharset() {
        String name = System.getProperty("sun.jnu.encoding");
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
