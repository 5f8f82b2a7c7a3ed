package dev.jfio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LiveOptionsTest {
    private static LiveOptions parse(String... args) {
        CliArguments cli = new CliArguments();
        CommandLine commandLine = new CommandLine(cli);
        commandLine.setUnmatchedArgumentsAllowed(true);
        commandLine.parseArgs(args);
        return LiveOptions.of(cli);
    }

    private static String error(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> parse(args)).getMessage();
    }

    @Test
    void timesAreSecondsUnlessSuffixedAsInFio() {
        LiveOptions o =
                parse("--eta-interval=500ms", "--eta-newline=2", "--status-interval=1", "--interval-stats=250ms");
        assertEquals(500_000_000L, o.etaIntervalNanos());
        assertEquals(2_000_000_000L, o.etaNewlineNanos());
        assertEquals(1_000_000_000L, o.statusIntervalNanos());
        assertEquals(250_000_000L, o.intervalStatsNanos());
        assertEquals(LiveOptions.STDERR, o.intervalStatsOutput(), "stderr unless told");
    }

    @Test
    void defaultsAreFios() {
        LiveOptions o = parse();
        assertEquals(1_000_000_000L, o.etaIntervalNanos());
        assertEquals(0, o.etaNewlineNanos());
        assertEquals(0, o.statusIntervalNanos());
        assertEquals(0, o.intervalStatsNanos());
    }

    @Test
    void badValuesNameTheFlagAndWhatItAccepts() {
        assertEquals("--eta-interval=100ms: too short (250ms min, as fio)", error("--eta-interval=100ms"));
        assertEquals("--eta=sometimes: expected auto, always or never", error("--eta=sometimes"));
        assertEquals("--interval-stats=1ms: must be at least 10ms", error("--interval-stats=1ms"));
        assertEquals(
                "--interval-stats-output=x.json: needs --interval-stats=TIME (how often to write the figures)",
                error("--interval-stats-output=x.json"));
        String bad = error("--eta-newline=soon");
        assertEquals(true, bad.startsWith("--eta-newline=soon: "), bad);
    }
}
