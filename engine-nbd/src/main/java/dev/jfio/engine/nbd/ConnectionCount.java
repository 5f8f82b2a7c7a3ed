package dev.jfio.engine.nbd;

import dev.jfio.engine.nbd.protocol.ConnectionGroup;
import dev.jfio.engine.nbd.protocol.Nbd;
import dev.jfio.engine.nbd.protocol.NbdEndpoint;
import dev.jfio.engine.nbd.protocol.NbdExportInfo;
import dev.jfio.spi.JobView;
import java.io.IOException;

/**
 * How many connections a job clone opens ({@code nbd_connections}), decided at setup: the value
 * checked (1 to {@link ConnectionGroup#MAX_CONNECTIONS}), clamped to the iodepth with a notice (a
 * connection with no slot would carry nothing), and checked against the export: several
 * connections that write need {@code NBD_FLAG_CAN_MULTI_CONN}, without which one connection's
 * writes need not be visible on another nor covered by another's FLUSH; a job that only reads
 * gets a warning and goes on. Stateless.
 */
final class ConnectionCount {
    private ConnectionCount() {}

    /**
     * The number of connections to open.
     *
     * @throws IOException with a one-line message when the value is out of range, or the job writes
     *     through several connections to an export without CAN_MULTI_CONN
     */
    static int resolve(JobView job, NbdExportInfo info, NbdEndpoint endpoint, NbdRunState run) throws IOException {
        long asked = job.get(NbdOptions.CONNECTIONS);
        if (asked < 1 || asked > ConnectionGroup.MAX_CONNECTIONS) {
            throw new IOException("nbd_connections=" + asked + ": accepted values are 1 to "
                    + ConnectionGroup.MAX_CONNECTIONS + " (connections per job)");
        }
        int n = (int) asked;
        int depth = job.iodepth();
        if (n > depth) {
            if (run.firstNotice("clamp " + job.jobName() + " " + n)) {
                job.notice("nbd_connections=" + n + " exceeds iodepth=" + depth + ": using " + depth
                        + (depth == 1 ? " connection" : " connections") + " (each needs a request in flight)");
            }
            n = depth;
        }
        if (n > 1 && !info.has(Nbd.TF_CAN_MULTI_CONN)) {
            String export = "NBD export " + endpoint;
            if (job.writes()) {
                throw new IOException("nbd_connections=" + n + " needs NBD_FLAG_CAN_MULTI_CONN, which " + export
                        + " does not advertise: writes on one connection might not be seen on another, nor covered"
                        + " by its FLUSH (qemu-nbd advertises it with -e 2 or more, nbdkit unless its multi-conn filter"
                        + " hides it); use nbd_connections=1");
            }
            if (run.firstNotice("multi-conn " + endpoint + " " + n)) {
                job.notice("warning: nbd_connections=" + n + " but " + export
                        + " does not advertise NBD_FLAG_CAN_MULTI_CONN; the job only reads, so it goes on (the"
                        + " server does not promise that its connections see the same data should another client"
                        + " write)");
            }
        }
        return n;
    }
}
