/**
 * The jfio engine SPI: what an I/O engine implements and what it sees of a job.
 *
 * <p>This package depends on the JDK alone. An engine is found through
 * {@link java.util.ServiceLoader} as an {@link dev.jfio.spi.IoEngineProvider}; the provider
 * creates one {@link dev.jfio.spi.IoEngine} per job clone. The lifecycle is fio's:
 *
 * <pre>
 *   setup(SetupContext)     runner's main thread, before any job thread starts or anything is laid out
 *   init()                  job thread
 *   open(IoTarget)          job thread, once per target, before the first I/O on it
 *   queue(IoUnit)           job thread, COMPLETED | QUEUED | BUSY
 *   commit()                job thread, after a batch of queue() calls
 *   getEvents(min, max, timeout, sink)   job thread, reaps QUEUED units
 *   close(IoTarget)         job thread
 *   cleanup()               job thread (or the main thread if init() never ran)
 * </pre>
 *
 * <p>New methods arrive as {@code default} methods so engines built against an older SPI keep working.
 */
package dev.jfio.spi;
