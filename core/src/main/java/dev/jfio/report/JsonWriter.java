package dev.jfio.report;

/**
 * A streaming JSON writer with fio's layout: one member per line, two spaces per level,
 * {@code "name" : value}, doubles as C's {@code %f}. Not thread-safe: one writer per document.
 */
final class JsonWriter {

    private final StringBuilder out;
    /** Per open container: whether it has no member yet. */
    private boolean[] empty = new boolean[16];

    private int depth;

    JsonWriter(StringBuilder out) {
        this.out = out;
    }

    JsonWriter beginObject() {
        element(null);
        return open('{');
    }

    JsonWriter beginObject(String name) {
        element(name);
        return open('{');
    }

    JsonWriter endObject() {
        return close('}');
    }

    JsonWriter beginArray(String name) {
        element(name);
        return open('[');
    }

    JsonWriter endArray() {
        return close(']');
    }

    JsonWriter value(String name, String value) {
        element(name);
        JsonStrings.quote(out, value);
        return this;
    }

    /** An array element. */
    JsonWriter value(String value) {
        element(null);
        JsonStrings.quote(out, value);
        return this;
    }

    JsonWriter value(String name, long value) {
        element(name);
        out.append(value);
        return this;
    }

    JsonWriter value(String name, double value) {
        element(name);
        out.append(CFormat.f6(value));
        return this;
    }

    /** A member whose value is an array of numbers, on one line ({@code [1, 2, 3]}) to keep long series compact. */
    JsonWriter numbers(String name, long[] values) {
        element(name);
        out.append('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(values[i]);
        }
        out.append(']');
        return this;
    }

    /** Ends the document as fio does, with a newline after the closing brace. */
    void finish() {
        if (depth != 0) {
            throw new IllegalStateException("unclosed JSON containers: " + depth);
        }
        out.append('\n');
    }

    private void element(String name) {
        if (depth > 0) {
            if (!empty[depth - 1]) {
                out.append(",\n");
            }
            empty[depth - 1] = false;
            indent(depth);
        }
        if (name != null) {
            JsonStrings.quote(out, name);
            out.append(" : ");
        }
    }

    private JsonWriter open(char c) {
        out.append(c).append('\n');
        if (depth == empty.length) {
            empty = java.util.Arrays.copyOf(empty, depth * 2);
        }
        empty[depth++] = true;
        return this;
    }

    private JsonWriter close(char c) {
        depth--;
        out.append('\n');
        indent(depth);
        out.append(c);
        return this;
    }

    private void indent(int level) {
        for (int i = 0; i < level; i++) {
            out.append("  ");
        }
    }
}
