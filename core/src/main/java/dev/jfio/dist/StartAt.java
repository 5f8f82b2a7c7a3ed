package dev.jfio.dist;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * {@code --start-at=TIME}: the wall-clock moment all ranks start their I/O. Stateless.
 */
public final class StartAt {
    private StartAt() {}

    /**
     * Parses an ISO-8601 time with its zone ({@code 2026-12-03T10:15:00Z}, {@code 2026-12-03T11:15:00+01:00})
     * or {@code @EPOCH_SECONDS[.fraction]}.
     *
     * @return the time in epoch nanoseconds
     * @throws IllegalArgumentException with a one-line message otherwise ({@code +SECONDS} is refused:
     *     ranks start at different times, so "from now" differs per rank)
     */
    public static long parse(String text) {
        String t = text.trim();
        if (t.startsWith("+")) {
            throw new IllegalArgumentException("--start-at=" + text + ": a time from now differs per rank, as ranks"
                    + " start at different times; give one wall-clock time to all, e.g. --start-at=@$(( $(date +%s) + 10 ))"
                    + " computed once by the launching script, or 2026-12-03T10:15:00Z");
        }
        try {
            if (t.startsWith("@")) {
                BigDecimal seconds = new BigDecimal(t.substring(1));
                if (seconds.signum() < 0) {
                    throw new NumberFormatException();
                }
                return seconds.movePointRight(9).longValueExact();
            }
            Instant at = OffsetDateTime.parse(t).toInstant();
            return at.getEpochSecond() * 1_000_000_000L + at.getNano();
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("--start-at=" + text + ": not a time; give ISO-8601 with a zone"
                    + " (2026-12-03T10:15:00Z) or @EPOCH_SECONDS (@1796292900.5)");
        }
    }

    /** Now on the wall clock, in epoch nanoseconds. */
    static long nowWallNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
