package dev.jfio.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * {@code --barrier-dir}: the ranks meet in a directory they all see (NFS, a shared volume). Each
 * rank creates its arrival file {@code rank-N} (O_EXCL: atomically); the rank that finds all
 * {@code ranks} arrivals links a {@code go} file holding its wall clock plus {@link #RELEASE_LEAD_NANOS},
 * which every rank polls for about every millisecond. A rank that sees it waits until that time on
 * its own clock, but never longer than the lead: ranks whose clocks agree start together even when
 * some noticed the release late, and clocks that disagree cost at most the lead. The files live in
 * {@code DIR/jfio-barrier-ID}: ID is {@code --barrier-id}, else the launcher's run id (Open MPI's
 * PMIx namespace, Slurm's job and step), else a digest of the jobs; the last rank to leave removes
 * them. A rank that finds its own arrival or a {@code go} already there refuses to start (an earlier
 * run with the same id did not finish). One use; called from one thread.
 */
public final class FileBarrier {
    private static final long POLL_NANOS = 1_000_000L;
    /**
     * How far ahead of the releasing rank's clock the release is set: the other ranks notice
     * {@code go} within a poll when the machine is idle, but a loaded one delays them by tens of ms.
     */
    public static final long RELEASE_LEAD_NANOS = 100_000_000L;

    private final Path dir;
    private final int rank;
    private final int ranks;
    private final long timeoutNanos;
    private final BooleanSupplier stopped;

    /**
     * @param parent       {@code --barrier-dir}
     * @param id           the run's barrier id (letters, digits, '.', '_', '-'; others become '_')
     * @param timeoutNanos how long to wait for the other ranks
     * @param stopped      true once the run is being stopped (the wait then ends)
     */
    public FileBarrier(Path parent, String id, int rank, int ranks, long timeoutNanos, BooleanSupplier stopped) {
        this.dir = parent.resolve("jfio-barrier-" + id.replaceAll("[^A-Za-z0-9._-]", "_"));
        this.rank = rank;
        this.ranks = ranks;
        this.timeoutNanos = timeoutNanos;
        this.stopped = stopped;
    }

    /** The directory of this run's files. */
    public Path directory() {
        return dir;
    }

    /**
     * Arrives and waits until all ranks have.
     *
     * @return the release on the releasing rank's wall clock (epoch ns, {@link #RELEASE_LEAD_NANOS}
     *     after it released); -1 when stopped first
     * @throws IOException when the directory cannot be used, holds an unfinished run's files, or a
     *     rank does not arrive in time (the message names the missing ranks)
     */
    public long await() throws IOException {
        try {
            return meet();
        } catch (java.nio.file.FileSystemException e) {
            String why = e instanceof java.nio.file.AccessDeniedException
                    ? "permission denied"
                    : e instanceof NoSuchFileException ? "no such file or directory" : e.getReason();
            throw new IOException("--barrier-dir " + dir + ": cannot use " + e.getFile() + ": " + why, e);
        }
    }

    private long meet() throws IOException {
        Files.createDirectories(dir);
        Path go = dir.resolve("go");
        Path mine = dir.resolve("rank-" + rank);
        if (Files.exists(go)) {
            throw stale(go);
        }
        try {
            Files.createFile(mine);
        } catch (FileAlreadyExistsException e) {
            throw stale(mine);
        }
        long deadline = System.nanoTime() + timeoutNanos;
        // the last rank to create its file sees every file when it lists them next: one listing is
        // enough, and later ones (every 50 polls) only cover directories whose listings lag (NFS)
        int polls = 0;
        while (!Files.exists(go)) {
            if (polls++ % 50 == 0 && arrived().size() == ranks) {
                release(go);
                break;
            }
            if (stopped.getAsBoolean()) {
                Files.deleteIfExists(mine);
                return -1;
            }
            if (System.nanoTime() - deadline >= 0) {
                TreeSet<Integer> missing = new TreeSet<>();
                for (int r = 0; r < ranks; r++) {
                    missing.add(r);
                }
                missing.removeAll(arrived());
                if (missing.isEmpty()) {
                    polls = 0; // they all came at the last moment
                    continue;
                }
                Files.deleteIfExists(mine); // a rerun with this id can then start afresh
                throw new IOException("--barrier-dir " + dir + ": rank" + (missing.size() > 1 ? "s " : " ")
                        + join(missing) + " of " + ranks + " did not arrive within " + timeoutNanos / 1_000_000_000.0
                        + " s (--barrier-timeout); this is rank " + rank);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return readRelease(go);
    }

    private IOException stale(Path found) {
        return new IOException("--barrier-dir " + dir + " already holds " + found.getFileName()
                + " of an earlier run with the same barrier id that did not finish: remove " + dir
                + " or give each run its own --barrier-id");
    }

    private TreeSet<Integer> arrived() throws IOException {
        TreeSet<Integer> ranksThere = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "rank-*")) {
            for (Path f : files) {
                try {
                    ranksThere.add(Integer.parseInt(f.getFileName().toString().substring(5)));
                } catch (NumberFormatException e) {
                    // not an arrival file of ours
                }
            }
        }
        return ranksThere;
    }

    /** Links {@code go} to a file holding the wall clock: the first link wins, so all ranks read one time. */
    private void release(Path go) throws IOException {
        Path tmp = dir.resolve(".go-" + rank + "-" + ProcessHandle.current().pid());
        Files.writeString(tmp, Long.toString(StartAt.nowWallNanos() + RELEASE_LEAD_NANOS), StandardCharsets.US_ASCII);
        try {
            Files.createLink(go, tmp);
        } catch (FileAlreadyExistsException e) {
            // another rank released at the same moment: its time is the one
        } catch (UnsupportedOperationException e) {
            Files.move(tmp, go, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static long readRelease(Path go) throws IOException {
        try {
            return Long.parseLong(
                    Files.readString(go, StandardCharsets.US_ASCII).trim());
        } catch (NumberFormatException e) {
            throw new IOException("--barrier-dir: " + go + " does not hold a time: " + e.getMessage());
        }
    }

    /**
     * Marks this rank gone, after {@link #await} returned and the jobs were released; the last rank
     * removes the run's files.
     */
    public void leave() throws IOException {
        try {
            Files.createFile(dir.resolve("left-" + rank));
            List<Path> left = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "left-*")) {
                files.forEach(left::add);
            }
            if (left.size() < ranks) {
                return;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path f : files) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        } catch (NoSuchFileException | java.nio.file.DirectoryNotEmptyException e) {
            // another rank tidied up at the same moment
        }
    }

    private static String join(TreeSet<Integer> ranks) {
        StringBuilder sb = new StringBuilder();
        for (int r : ranks) {
            sb.append(sb.length() == 0 ? "" : ", ").append(r);
        }
        return sb.toString();
    }
}
