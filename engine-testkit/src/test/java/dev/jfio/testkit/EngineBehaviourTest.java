package dev.jfio.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.spi.EngineFlag;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Behaviours default from the provider's flags and from each other, as an engine's test may override them. */
class EngineBehaviourTest {

    /** Answers like {@link EngineContractTest#hasBehaviour}: {@code off} overridden to false, the rest by default. */
    private static Predicate<EngineBehaviour> engine(Set<EngineFlag> flags, Set<EngineBehaviour> off) {
        return new Predicate<>() {
            @Override
            public boolean test(EngineBehaviour behaviour) {
                return !off.contains(behaviour) && behaviour.byDefault(flags, this);
            }
        };
    }

    @Test
    void synchronousFlagMeansCompletesInQueueAndNotAsynchronous() {
        Predicate<EngineBehaviour> sync = engine(Set.of(EngineFlag.SYNCHRONOUS), Set.of());
        assertTrue(sync.test(EngineBehaviour.COMPLETES_IN_QUEUE));
        assertFalse(sync.test(EngineBehaviour.ASYNCHRONOUS));
        Predicate<EngineBehaviour> async = engine(Set.of(), Set.of());
        assertFalse(async.test(EngineBehaviour.COMPLETES_IN_QUEUE));
        assertTrue(async.test(EngineBehaviour.ASYNCHRONOUS));
    }

    @Test
    void fixedSizeIsDeclaredNeverTakenFromTheFlags() {
        assertFalse(engine(EnumSet.of(EngineFlag.DISKLESS), Set.of()).test(EngineBehaviour.FIXED_SIZE));
        assertFalse(engine(Set.of(), Set.of()).test(EngineBehaviour.FIXED_SIZE));
    }

    @Test
    void trimmedBlocksReadAsZerosOnlyWhenTheEngineTrimsAndStoresData() {
        assertTrue(engine(Set.of(), Set.of()).test(EngineBehaviour.TRIMMED_BLOCKS_READ_AS_ZEROS));
        assertFalse(engine(Set.of(), Set.of(EngineBehaviour.STORES_DATA))
                .test(EngineBehaviour.TRIMMED_BLOCKS_READ_AS_ZEROS));
        assertFalse(engine(Set.of(), Set.of(EngineBehaviour.TRIMS)).test(EngineBehaviour.TRIMMED_BLOCKS_READ_AS_ZEROS));
    }

    @Test
    void everyOtherBehaviourIsExpectedByDefault() {
        Predicate<EngineBehaviour> plain = engine(Set.of(), Set.of());
        for (EngineBehaviour behaviour :
                new EngineBehaviour[] {EngineBehaviour.STORES_DATA, EngineBehaviour.FLUSHES, EngineBehaviour.TRIMS}) {
            assertEquals(true, plain.test(behaviour), behaviour.name());
        }
    }
}
