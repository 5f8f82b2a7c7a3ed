package dev.jfio.testkit;

import dev.jfio.spi.EngineFlag;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What an engine does, as far as its contract tests care. {@link EngineContractTest} asks
 * {@link EngineContractTest#hasBehaviour} for each of these and registers only the tests that
 * apply, so an engine declares what it is and no test is skipped. Each behaviour has a default
 * taken from the provider's {@link EngineFlag}s or from other behaviours; an engine's test
 * overrides {@code hasBehaviour} only where its engine differs.
 */
public enum EngineBehaviour {
    /**
     * READ completes without error. Without it (an engine that only writes, such as
     * {@code ftruncate}), READ must complete with an error code, never throw, and the tests that
     * read leave reading out.
     */
    READS(Defaults.YES),
    /**
     * Writes are kept: a read returns the bytes last written there. False for engines that discard
     * data, and by default for engines that do not read.
     */
    STORES_DATA((flags, others) -> others.test(READS)),
    /**
     * The runner reaps this engine through getEvents: queue may answer QUEUED or BUSY. By default,
     * engines without {@link EngineFlag#SYNCHRONOUS}.
     */
    ASYNCHRONOUS((flags, others) -> !flags.contains(EngineFlag.SYNCHRONOUS)),
    /**
     * Every queue call answers COMPLETED. By default, engines with {@link EngineFlag#SYNCHRONOUS};
     * an asynchronous engine may have it too in a mode that completes at once.
     */
    COMPLETES_IN_QUEUE((flags, others) -> flags.contains(EngineFlag.SYNCHRONOUS)),
    /** FLUSH completes without error. */
    FLUSHES(Defaults.YES),
    /** TRIM completes without error; without it, TRIM must complete with an error code, never throw. */
    TRIMS(Defaults.YES),
    /** A trimmed block reads back as zeros. By default, engines that trim and store data. */
    TRIMMED_BLOCKS_READ_AS_ZEROS((flags, others) -> others.test(TRIMS) && others.test(STORES_DATA)),
    /**
     * Setup fixes every target's size ({@link dev.jfio.spi.IoTarget#fixSize}), and I/O past it
     * completes with an error. Off by default: an engine whose targets have a fixed size (a
     * server's export, a memory disk) declares it.
     */
    FIXED_SIZE((flags, others) -> false);

    /** How a behaviour's default is found: from the provider's flags and the engine's other behaviours. */
    private interface Default {
        boolean test(Set<EngineFlag> flags, Predicate<EngineBehaviour> others);
    }

    private static final class Defaults {
        static final Default YES = (flags, others) -> true;
    }

    private final Default byDefault;

    EngineBehaviour(Default byDefault) {
        this.byDefault = byDefault;
    }

    /**
     * Whether an engine with {@code flags} has this behaviour unless its test says otherwise;
     * {@code others} answers for the behaviours this one's default is built from.
     */
    public boolean byDefault(Set<EngineFlag> flags, Predicate<EngineBehaviour> others) {
        return byDefault.test(flags, others);
    }
}
