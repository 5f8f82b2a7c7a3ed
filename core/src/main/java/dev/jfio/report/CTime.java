package dev.jfio.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * C's {@code ctime()} layout ("Mon Nov 23 21:17:07 2026", day of month padded with a space),
 * with English names whatever the default locale. Stateless; safe from any thread.
 */
final class CTime {

    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };

    private CTime() {}

    /** The time without ctime's trailing newline. */
    static String format(long epochMillis, ZoneId zone) {
        ZonedDateTime t = Instant.ofEpochMilli(epochMillis).atZone(zone);
        return DAYS[t.getDayOfWeek().getValue() - 1] + " " + MONTHS[t.getMonthValue() - 1] + " "
                + CFormat.pad(t.getDayOfMonth(), 2) + " " + two(t.getHour()) + ":" + two(t.getMinute())
                + ":" + two(t.getSecond()) + " " + t.getYear();
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }
}
