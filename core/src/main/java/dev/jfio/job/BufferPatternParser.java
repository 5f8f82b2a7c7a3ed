package dev.jfio.job;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * fio's {@code buffer_pattern} syntax (also {@code verify_pattern}'s).
 * Every method is static and pure; bad input throws {@link IllegalArgumentException} with a
 * one-line message that names the text.
 */
public final class BufferPatternParser {
    /** fio's MAX_PATTERN_SIZE: a file's contents fill the pattern up to this many bytes. */
    static final int MAX_PATTERN_SIZE = 512;

    private BufferPatternParser() {}

    private static byte[] fileContents(String name) {
        try {
            return java.nio.file.Files.readAllBytes(java.nio.file.Path.of(name));
        } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException("buffer_pattern file '" + name + "' cannot be read: "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
        }
    }

    /**
     * fio's {@code buffer_pattern}: any concatenation of {@code 0x} hex bytes, decimal numbers
     * (little-endian in as few bytes as hold them; negative numbers as 4 or 8 bytes of two's
     * complement), {@code "quoted strings"} and {@code 'file'} names, whose contents are read
     * when the job is parsed, as much as fits in fio's 512-byte pattern.
     */
    public static byte[] parseBufferPattern(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty buffer_pattern");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (Character.isWhitespace(c) || c == '|') {
                i++;
            } else if (c == '"') {
                int end = t.indexOf('"', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("buffer_pattern '" + t + "' has an unterminated string");
                }
                byte[] b = t.substring(i + 1, end).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i = end + 1;
            } else if (c == '\'') {
                int end = t.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("buffer_pattern '" + t + "' has an unterminated 'file name'");
                }
                byte[] b = fileContents(t.substring(i + 1, end));
                out.write(b, 0, Math.min(b.length, Math.max(0, MAX_PATTERN_SIZE - out.size())));
                i = end + 1;
            } else if (t.startsWith("0x", i) || t.startsWith("0X", i)) {
                int start = i + 2;
                int end = start;
                while (end < t.length() && Character.digit(t.charAt(end), 16) >= 0) {
                    end++;
                }
                if (end == start) {
                    throw new IllegalArgumentException("buffer_pattern '" + t + "' has '0x' without hex digits");
                }
                String hex = t.substring(start, end);
                if (hex.length() % 2 == 1) {
                    hex = "0" + hex;
                }
                for (int k = 0; k < hex.length(); k += 2) {
                    out.write(Integer.parseInt(hex.substring(k, k + 2), 16));
                }
                i = end;
            } else if (Character.isDigit(c) || c == '-') {
                int end = i + 1;
                while (end < t.length() && Character.isDigit(t.charAt(end))) {
                    end++;
                }
                long v;
                try {
                    v = Long.parseLong(t.substring(i, end));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "buffer_pattern '" + t + "' has a bad number '" + t.substring(i, end) + "'");
                }
                int bytes;
                if (v < 0) {
                    bytes = v >= Integer.MIN_VALUE ? 4 : 8;
                } else {
                    bytes = 1;
                    while (bytes < 8 && (v >>> (8 * bytes)) != 0) {
                        bytes++;
                    }
                }
                for (int k = 0; k < bytes; k++) {
                    out.write((int) (v >>> (8 * k)) & 0xff);
                }
                i = end;
            } else {
                throw new IllegalArgumentException("buffer_pattern '" + t + "' has an unexpected '" + c + "'");
            }
        }
        if (out.size() == 0) {
            throw new IllegalArgumentException("empty buffer_pattern");
        }
        return out.toByteArray();
    }
}
