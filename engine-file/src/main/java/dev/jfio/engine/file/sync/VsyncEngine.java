package dev.jfio.engine.file.sync;

import dev.jfio.engine.file.NativeFile;
import dev.jfio.engine.file.NativeFileEngine;
import dev.jfio.posix.FileCalls;
import dev.jfio.posix.MappedMemory;
import dev.jfio.spi.Completions;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import java.io.IOException;

/**
 * fio's {@code vsync}: lseek(2) then readv(2) or writev(2). As in fio's sync.c, {@code queue}
 * collects units while each one starts where the previous ended, in the same file and direction
 * (anything else is BUSY until the batch went out); {@code commit} closes the batch, which then
 * goes out as one vectored call. So I/Os merge only when the runner submits them in batches
 * ({@code iodepth_batch} above 1) and they are adjacent; otherwise each is one call. The call is
 * made in {@code getEvents}, not in {@code commit}: fio counts a sync engine's whole transfer as
 * completion latency (clat), and the runner's clock for clat starts when commit returns. FLUSH and
 * TRIM are done at once when nothing is collected (fio's vsync turns a TRIM into a write, which
 * jfio does not copy). A short transfer is resubmitted for the rest, as fio requeues residuals.
 *
 * <p>Thread contract: as {@link dev.jfio.spi.IoEngine}. Allocates nothing per I/O.
 */
final class VsyncEngine extends NativeFileEngine {
    private final BufferAddresses addresses;
    /** Units collected for the next commit, in file order. */
    private final IoUnit[] batch;
    /** Bytes moved so far for each collected unit, by position in the batch. */
    private final int[] moved;

    private int batched;
    /** Whether commit closed the batch: it goes out at the next getEvents, and nothing joins it. */
    private boolean sealed;

    private NativeFile batchFile;
    private IoOp batchOp;
    private long nextOffset;
    /** Units done by commit and not yet handed out by getEvents: [readyHead, readyHead + readyCount). */
    private final IoUnit[] ready;

    private int readyHead;
    private int readyCount;
    private MappedMemory vectors;

    VsyncEngine(JobView job) {
        super(job, VsyncEngineProvider.NAME);
        int depth = Math.max(1, job.iodepth());
        this.addresses = new BufferAddresses(depth);
        this.batch = new IoUnit[Math.min(depth, FileCalls.IOV_MAX)];
        this.moved = new int[batch.length];
        this.ready = new IoUnit[depth];
    }

    @Override
    public void init() throws IOException {
        vectors = MappedMemory.anonymous((long) batch.length * FileCalls.IOVEC_BYTES);
    }

    @Override
    public QueueResult queue(IoUnit unit) {
        NativeFile file = openFileOf(unit);
        if (file == null) {
            return QueueResult.COMPLETED;
        }
        IoOp op = unit.op();
        if (sealed) {
            return QueueResult.BUSY; // the committed batch goes out when the runner reaps
        }
        if (op == IoOp.FLUSH || op == IoOp.TRIM) {
            if (batched > 0) {
                return QueueResult.BUSY;
            }
            if (op == IoOp.FLUSH) {
                flushNow(file, unit);
            } else {
                trimNow(file, unit);
            }
            return QueueResult.COMPLETED;
        }
        if (batched > 0) {
            boolean appends = file == batchFile && op == batchOp && unit.offset() == nextOffset;
            if (!appends || batched == batch.length) {
                return QueueResult.BUSY;
            }
        }
        FileCalls.putIovec(vector(batched), addresses.of(unit), unit.length());
        moved[batched] = 0;
        batch[batched++] = unit;
        batchFile = file;
        batchOp = op;
        nextOffset = unit.offset() + unit.length();
        return QueueResult.QUEUED;
    }

    /** Closes the batch; {@link #getEvents} sends it. */
    @Override
    public void commit() {
        sealed = batched > 0;
    }

    /** Sends the collected units as one lseek and one readv/writev (more after a short transfer). */
    private void send() {
        int fd = batchFile.fd;
        boolean write = batchOp == IoOp.WRITE;
        long seek = FileCalls.lseek(fd, batch[0].offset(), FileCalls.SEEK_SET);
        int first = 0;
        int errno = seek < 0 ? (int) -seek : 0;
        while (errno == 0 && first < batched) {
            long n = write
                    ? FileCalls.writev(fd, vector(first), batched - first)
                    : FileCalls.readv(fd, vector(first), batched - first);
            if (n < 0) {
                errno = (int) -n;
            } else if (n == 0) {
                break; // the end of the file: the rest is short
            } else {
                first = account(first, n);
            }
        }
        for (int i = 0; i < batched; i++) {
            IoUnit unit = batch[i];
            batch[i] = null;
            if (errno != 0 && i >= first) {
                unit.fail(errno, null);
            } else {
                unit.complete(moved[i]);
            }
            ready[(readyHead + readyCount++) % ready.length] = unit;
        }
        batched = 0;
        sealed = false;
        batchFile = null;
    }

    /**
     * Spreads {@code n} transferred bytes over the batch from unit {@code first}; returns the first
     * unit not yet complete, whose vector now points at its remaining bytes.
     */
    private int account(int first, long n) {
        while (n > 0 && first < batched) {
            int want = batch[first].length() - moved[first];
            int took = (int) Math.min(want, n);
            moved[first] += took;
            n -= took;
            if (moved[first] < batch[first].length()) {
                IoUnit unit = batch[first];
                FileCalls.putIovec(vector(first), addresses.of(unit) + moved[first], unit.length() - moved[first]);
                return first;
            }
            first++;
        }
        return first;
    }

    private long vector(int i) {
        return vectors.address() + (long) i * FileCalls.IOVEC_BYTES;
    }

    /** Sends the batch (also one the runner reaps without committing), then hands out its units. */
    @Override
    public int getEvents(int min, int max, long timeoutNanos, Completions sink) {
        if (batched > 0 && readyCount < Math.max(min, 1)) {
            send();
        }
        int n = Math.min(max, readyCount);
        for (int i = 0; i < n; i++) {
            IoUnit unit = ready[readyHead];
            ready[readyHead] = null;
            readyHead = (readyHead + 1) % ready.length;
            readyCount--;
            sink.completed(unit);
        }
        return n;
    }

    @Override
    public void cleanup() {
        if (vectors != null) {
            vectors.close();
            vectors = null;
        }
        super.cleanup();
    }
}
