package dev.jfio.run;

import dev.jfio.spi.IoTarget;
import java.io.IOException;

/** What opening and closing files in the middle of a job needs from the I/O loop. Job thread only. */
interface LoopControl {
    /** Reaps until nothing is in flight. */
    void drain() throws IOException;

    /** Flushes a file about to be closed (fsync_on_close), unless the job has already failed. */
    void flushBeforeClose(IoTarget target) throws IOException;
}
