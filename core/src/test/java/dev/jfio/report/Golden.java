package dev.jfio.report;

import dev.jfio.stats.RunResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Locale;
import java.util.function.Supplier;

/** Test helpers: golden files under src/test/resources/report, rendering under chosen locales. */
final class Golden {

    /** Default locales every golden comparison runs under: ',' decimals, non-English names. */
    static final Locale[] LOCALES = {Locale.GERMANY, Locale.FRANCE, Locale.US, Locale.forLanguageTag("ar-EG")};

    private Golden() {}

    static String resource(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/report/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource report/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renders with dates in UTC, the zone fio's reference outputs were made in. */
    static String render(RunResult run, ReportFormat first, ReportFormat... rest) {
        return Reports.render(run, EnumSet.of(first, rest), ZoneOffset.UTC);
    }

    /** Runs {@code body} with {@code locale} as the default locale, restoring the previous one. */
    static <T> T underLocale(Locale locale, Supplier<T> body) {
        Locale saved = Locale.getDefault();
        Locale.setDefault(locale);
        try {
            return body.get();
        } finally {
            Locale.setDefault(saved);
        }
    }

    /**
     * A golden file of jfio's own output. With -Djfio.report.updateGolden=true the file is
     * (re)written from {@code actual} in the source tree, for review.
     */
    static String golden(String name, String actual) {
        if (Boolean.getBoolean("jfio.report.updateGolden")) {
            try {
                Path p = Path.of("src/test/resources/report", name);
                Files.writeString(p, actual, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return actual;
        }
        return resource(name);
    }

    /** fio's normal reference from the blank line after "Starting N processes" on. */
    static String fioNormalReport(String name) {
        String text = resource(name);
        int starting = text.indexOf("\nStarting ");
        return text.substring(text.indexOf('\n', starting + 1) + 1);
    }
}
