package dev.jfio.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.spi.EngineOption;
import dev.jfio.spi.IoOp;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

    @Test
    void rwModesKnowTheirDirections() {
        assertEquals(RwMode.RW, RwMode.parse("readwrite"));
        assertEquals(RwMode.RW, RwMode.parse("rw"));
        assertEquals(RwMode.RANDRW, RwMode.parse(" RandRW "));
        assertTrue(RwMode.RANDRW.random() && RwMode.RANDRW.reads() && RwMode.RANDRW.writes());
        assertFalse(RwMode.RANDRW.trims());
        assertTrue(RwMode.TRIMWRITE.trims() && RwMode.TRIMWRITE.writes() && !RwMode.TRIMWRITE.random());
        assertTrue(RwMode.RANDTRIM.uses(IoOp.TRIM));
        assertFalse(RwMode.READ.uses(IoOp.WRITE));
        for (RwMode m : RwMode.values()) {
            // a replayed log's mix of reads, writes and trims has no rw= of its own: it shows as "rw"
            assertEquals(m == RwMode.REPLAYED_MIX ? RwMode.RW : m, RwMode.parse(m.fioName()));
        }
        assertTrue(RwMode.REPLAYED_MIX.reads() && RwMode.REPLAYED_MIX.writes() && RwMode.REPLAYED_MIX.trims());
        assertTrue(RwMode.RANDTRIMWRITE.trims()
                && RwMode.RANDTRIMWRITE.writes()
                && RwMode.RANDTRIMWRITE.random()
                && !RwMode.RANDTRIMWRITE.reads());
    }

    @Test
    void distributionsParseAndValidateLikeFio() {
        assertEquals(Distribution.UNIFORM, Distribution.parse("random"));
        assertEquals(new Distribution(Distribution.Kind.ZIPF, 1.2), Distribution.parse("zipf:1.2"));
        assertEquals(new Distribution(Distribution.Kind.ZIPF, 1.1), Distribution.parse("zipf"));
        assertEquals(new Distribution(Distribution.Kind.PARETO, 0.3), Distribution.parse("pareto:0.3"));
        assertEquals(new Distribution(Distribution.Kind.NORMAL, 5), Distribution.parse("normal:5"));
        assertEquals(new Distribution(Distribution.Kind.NORMAL, 5), Distribution.parse("gauss:5"));
        assertThrows(IllegalArgumentException.class, () -> Distribution.parse("zipf:1.0"));
        assertThrows(IllegalArgumentException.class, () -> Distribution.parse("zipf:-1"));
        assertEquals(
                "pareto input out of range (0 < input < 1.0), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> Distribution.parse("pareto:1"))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> Distribution.parse("pareto:0"));
        assertThrows(IllegalArgumentException.class, () -> Distribution.parse("normal:-1"));
        assertThrows(IllegalArgumentException.class, () -> Distribution.parse("normal:x"));
        assertEquals(
                new Distribution(Distribution.Kind.ZIPF, 1.2, 0.25, java.util.List.of()),
                Distribution.parse("zipf:1.2:0.25"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Distribution.parse("normal:5:1.5"))
                .getMessage()
                .contains("distribution center out of range"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Distribution.parse("zipf:1.2,pareto:0.3"))
                .getMessage()
                .contains("for zoned and zoned_abs only"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Distribution.parse("lognormal"))
                .getMessage()
                .contains("invalid random_distribution 'lognormal'"));
    }

    @Test
    void aZoneWithoutASizeSharesWhatTheOtherZonesLeaveAsInFiosExample() {
        // fio's examples/rand-zones.fio: zoned:50/5:30/15:20/ (the last 20 % of accesses over the other 80 %)
        Distribution d = Distribution.parse("zoned:50/5:30/15:20/");
        assertEquals(
                List.of(new Distribution.Zone(50, 5), new Distribution.Zone(30, 15), new Distribution.Zone(20, 80)),
                d.zones(dev.jfio.spi.IoOp.READ));
    }

    @Test
    void continueOnErrorAcceptsNumericAliases() {
        assertEquals(ContinueOnError.NONE, ContinueOnError.parse("0"));
        assertEquals(ContinueOnError.NONE, ContinueOnError.parse("false"));
        assertEquals(ContinueOnError.ALL, ContinueOnError.parse("1"));
        assertEquals(ContinueOnError.ALL, ContinueOnError.parse("true"));
        assertEquals(ContinueOnError.VERIFY, ContinueOnError.parse("verify"));
        assertTrue(ContinueOnError.IO.covers(ErrorType.WRITE));
        assertFalse(ContinueOnError.READ.covers(ErrorType.WRITE));
        assertFalse(ContinueOnError.VERIFY.covers(ErrorType.READ));
        assertThrows(IllegalArgumentException.class, () -> ContinueOnError.parse("2"));
    }

    @Test
    void sourceLocationPrintsFileColonLine() {
        assertEquals("jobs.fio:12", new SourceLocation("jobs.fio", 12).toString());
        assertEquals("command line:3", SourceLocation.commandLine(3).toString());
        assertEquals(
                "jobs.fio:12: boom", new JobSpecException(new SourceLocation("jobs.fio", 12), "boom").getMessage());
        assertEquals("boom", new JobSpecException(null, "boom").getMessage());
    }

    @Test
    void catalogSuggestsOnlyCloseNames() {
        OptionCatalog c = TestCatalogs.catalog();
        assertEquals("iodepth", c.suggest("iodpeth"));
        assertEquals("runtime", c.suggest("runtme"));
        assertEquals("null_mode", c.suggest("nullmode"));
        assertNull(c.suggest("xyzzy"));
        assertEquals("file", c.canonicalEngine("psync"));
        assertEquals(2, c.enginesDeclaring("uri").size());
        assertTrue(c.isEngineOption("sockname"));
        assertFalse(c.isEngineOption("size"));
    }

    @Test
    void engineValuesParseByType() {
        assertEquals(4096L, OptionCatalog.parseEngineValue(EngineOption.size("s", 0, "h"), "4k", 1024));
        assertEquals(4000L, OptionCatalog.parseEngineValue(EngineOption.size("s", 0, "h"), "4k", 1000));
        assertEquals(3_000_000_000L, OptionCatalog.parseEngineValue(EngineOption.time("t", 0, "h"), "3", 1024));
        assertEquals(Boolean.TRUE, OptionCatalog.parseEngineValue(EngineOption.bool("b", false, "h"), "", 1024));
        assertEquals(-5L, OptionCatalog.parseEngineValue(EngineOption.integer("i", 0, "h"), "-5", 1024));
        assertEquals(
                "async",
                OptionCatalog.parseEngineValue(EngineOption.choice("c", "a", "h", "sync", "async"), "ASYNC", 1024));
        assertEquals(
                "option 'i' requires a value",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> OptionCatalog.parseEngineValue(EngineOption.integer("i", 0, "h"), "", 1024))
                        .getMessage());
    }

    @Test
    void engineOptionNamedLikeACoreOptionIsRejected() {
        assertEquals(
                "engine 'nbd' declares option 'timeout', which is an alias of the core option 'runtime'; "
                        + "the engine must rename it",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new OptionCatalog(
                                        java.util.Map.of(
                                                "nbd", java.util.List.of(EngineOption.time("timeout", 0, "h"))),
                                        java.util.Map.of()))
                        .getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> new OptionCatalog(
                        java.util.Map.of("x", java.util.List.of(EngineOption.size("size", 0, "h"))),
                        java.util.Map.of()));
    }

    @Test
    void everyCoreNameIsUniqueAndImplementedOptionsHaveHelp() {
        for (CoreOption<?> d : CoreOptions.all()) {
            for (String n : d.names()) {
                assertEquals(d, CoreOptions.find(n), n);
            }
            assertFalse(d.help().isEmpty(), d.name());
        }
        assertEquals(null, CoreOptions.find("bs").refusal());
        assertTrue(CoreOptions.find("gpu_dev_id").refusal().contains("no GPU memory"));
        assertEquals("rw", CoreOptions.find("readwrite").name());
    }
}
