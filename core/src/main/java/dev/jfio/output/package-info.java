/**
 * Output that is checked: every write of a report (stdout, {@code --output}) and, later, of a
 * log file goes through {@link dev.jfio.output.CheckedOutput}, so a failed write becomes one line
 * naming the destination and the errno instead of silence. A leaf package: it imports no other
 * jfio package but the SPI's errno table, so cli, run, stats and report may all use it.
 */
package dev.jfio.output;
