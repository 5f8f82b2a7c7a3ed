package dev.jfio.job;

import java.util.Locale;

/**
 * fio's arithmetic in option values: {@code (1+2)*4k}, {@code ($mb_memory/2)}. Supports
 * {@code + - * / % ^}, unary minus, parentheses and operands with a unit suffix, which the
 * caller's {@link Units} turns into a multiplier. Evaluated in double precision, as fio does.
 */
final class Arithmetic {

    /** Turns an operand's suffix (never empty, lower case) into a multiplier. */
    @FunctionalInterface
    interface Units {
        /** @throws IllegalArgumentException when the suffix means nothing here */
        double multiplier(String suffix);
    }

    private final String text;
    private final Units units;
    private int pos;

    private Arithmetic(String text, Units units) {
        this.text = text;
        this.units = units;
    }

    /** Whether fio would treat {@code text} as an expression: it starts with '('. */
    static boolean isExpression(String text) {
        return text.startsWith("(");
    }

    /**
     * Evaluates {@code text}.
     *
     * @throws IllegalArgumentException naming the expression when it is malformed, divides by
     *     zero or has no finite value
     */
    static double evaluate(String text, Units units) {
        Arithmetic a = new Arithmetic(text, units);
        double v;
        try {
            v = a.expression();
            a.skipSpace();
            if (a.pos != text.length()) {
                throw a.error("unexpected '" + text.charAt(a.pos) + "'");
            }
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("cannot evaluate '" + text + "': " + e.getMessage());
        }
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("cannot evaluate '" + text + "': result is not a finite number");
        }
        return v;
    }

    private double expression() {
        double v = term();
        while (true) {
            skipSpace();
            if (peek('+')) {
                pos++;
                v += term();
            } else if (peek('-')) {
                pos++;
                v -= term();
            } else {
                return v;
            }
        }
    }

    private double term() {
        double v = unary();
        while (true) {
            skipSpace();
            if (peek('*')) {
                pos++;
                v *= unary();
            } else if (peek('/')) {
                pos++;
                double d = unary();
                if (d == 0) {
                    throw new ArithmeticException("division by zero");
                }
                v /= d;
            } else if (peek('%')) {
                pos++;
                double d = unary();
                if (d == 0) {
                    throw new ArithmeticException("modulus by zero");
                }
                v %= d;
            } else {
                return v;
            }
        }
    }

    private double unary() {
        skipSpace();
        if (peek('-')) {
            pos++;
            return -unary();
        }
        if (peek('+')) {
            pos++;
            return unary();
        }
        double base = primary();
        skipSpace();
        if (peek('^')) {
            pos++;
            return Math.pow(base, unary());
        }
        return base;
    }

    private double primary() {
        skipSpace();
        if (peek('(')) {
            pos++;
            double v = expression();
            skipSpace();
            if (!peek(')')) {
                throw error(pos >= text.length() ? "missing ')'" : "expected ')' at '" + text.charAt(pos) + "'");
            }
            pos++;
            return v * suffix();
        }
        int start = pos;
        double v;
        if (text.startsWith("0x", pos) || text.startsWith("0X", pos)) {
            pos += 2;
            int digits = pos;
            while (pos < text.length() && Character.digit(text.charAt(pos), 16) >= 0) {
                pos++;
            }
            if (pos == digits) {
                throw error("bad hex number");
            }
            try {
                v = Long.parseUnsignedLong(text.substring(digits, pos), 16);
            } catch (NumberFormatException e) {
                throw error("number too large");
            }
            return v;
        }
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        if (pos == start) {
            throw error(pos >= text.length() ? "missing operand" : "unexpected '" + text.charAt(pos) + "'");
        }
        try {
            v = Double.parseDouble(text.substring(start, pos));
        } catch (NumberFormatException e) {
            throw error("bad number '" + text.substring(start, pos) + "'");
        }
        return v * suffix();
    }

    /** The multiplier of a unit suffix right after an operand or a closing parenthesis, 1 if none. */
    private double suffix() {
        int suffixStart = pos;
        while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
            pos++;
        }
        if (pos == suffixStart) {
            return 1;
        }
        return units.multiplier(text.substring(suffixStart, pos).toLowerCase(Locale.ROOT));
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("cannot evaluate '" + text + "': " + what);
    }
}
