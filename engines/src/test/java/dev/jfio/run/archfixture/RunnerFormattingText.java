package dev.jfio.run.archfixture;

import dev.jfio.report.archfixture.ReportFixture;

/** Architecture rule fixture: the runner depending on reports. */
public class RunnerFormattingText {
    ReportFixture report;
}
