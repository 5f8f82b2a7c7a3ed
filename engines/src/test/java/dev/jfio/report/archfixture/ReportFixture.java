package dev.jfio.report.archfixture;

/** Architecture rule fixture: a report class. */
public class ReportFixture {}
