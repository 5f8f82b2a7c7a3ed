package dev.jfio.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetSelectorTest {
    private static List<Integer> take(TargetSelector s, int n) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(s.next());
        }
        return l;
    }

    @Test
    void roundrobinMovesToTheNextFileAfterEveryIo() {
        TargetSelector s = new TargetSelector(TargetSelector.Kind.ROUNDROBIN, 1, 3, 1);
        assertEquals(List.of(0, 1, 2, 0, 1, 2, 0), take(s, 7));
    }

    @Test
    void roundrobinWithNStaysNIosOnEachFile() {
        TargetSelector s = new TargetSelector(TargetSelector.Kind.ROUNDROBIN, 2, 3, 1);
        assertEquals(List.of(0, 0, 1, 1, 2, 2, 0), take(s, 7));
    }

    @Test
    void sequentialStaysOnOneFileUntilItIsDone() {
        TargetSelector s = new TargetSelector(TargetSelector.Kind.SEQUENTIAL, 1, 3, 1);
        assertEquals(List.of(0, 0, 0, 0), take(s, 4));
        assertEquals(1, s.exhausted(0));
        assertEquals(List.of(1, 1), take(s, 2));
        assertEquals(2, s.exhausted(1));
        assertEquals(-1, s.exhausted(2));
    }

    @Test
    void exhaustedFilesAreSkippedUntilReset() {
        TargetSelector s = new TargetSelector(TargetSelector.Kind.ROUNDROBIN, 1, 3, 1);
        assertEquals(0, s.next());
        assertEquals(2, s.exhausted(1));
        assertEquals(List.of(0, 2, 0, 2), take(s, 4));
        s.reset();
        assertEquals(List.of(0, 1, 2), take(s, 3));
    }

    @Test
    void randomVisitsEveryFileAndNeverAnExhaustedOne() {
        TargetSelector s = new TargetSelector(TargetSelector.Kind.RANDOM, 1, 4, 42);
        int[] counts = new int[4];
        for (int t : take(s, 4000)) {
            counts[t]++;
        }
        for (int c : counts) {
            assertTrue(c > 800 && c < 1200, "uneven: " + java.util.Arrays.toString(counts));
        }
        assertNotEquals(-1, s.exhausted(3));
        for (int t : take(s, 1000)) {
            assertNotEquals(3, t);
        }
    }

    @Test
    void randomWithNKeepsEachChoiceForNIos() {
        TargetSelector s = new TargetSelector(TargetSelector.Kind.RANDOM, 5, 4, 7);
        List<Integer> l = take(s, 50);
        for (int i = 0; i < 50; i += 5) {
            for (int k = 1; k < 5; k++) {
                assertEquals(l.get(i), l.get(i + k), l.toString());
            }
        }
    }

    @Test
    void withAnOpenCapOnlyActiveFilesAreChosenAndWaitingOnesAreActivatedInOrder() {
        TargetSelector s = new TargetSelector(TargetSelector.Kind.ROUNDROBIN, 1, 4, 2, 1);
        assertTrue(s.capped());
        assertEquals(List.of(0, 1, 0, 1), take(s, 4));
        assertEquals(2, s.nextWaiting());
        assertEquals(1, s.exhausted(0));
        s.activate(2);
        assertEquals(3, s.nextWaiting());
        assertEquals(List.of(2, 1, 2), take(s, 3));
        assertEquals(2, s.exhausted(1));
        assertEquals(-1, s.exhausted(2));
        s.activate(3);
        assertEquals(List.of(3, 3), take(s, 2));
        assertEquals(-1, s.nextWaiting());
        assertEquals(-1, s.exhausted(3));
        s.reset();
        assertTrue(s.isActive(0) && s.isActive(1) && !s.isActive(2));
    }

    @Test
    void sequentialWithOneOpenFileMovesToTheActivatedFile() {
        TargetSelector s = new TargetSelector(TargetSelector.Kind.SEQUENTIAL, 1, 3, 1, 1);
        assertEquals(List.of(0, 0), take(s, 2));
        assertEquals(-1, s.exhausted(0));
        s.activate(1);
        assertEquals(List.of(1, 1), take(s, 2));
    }
}
