package dev.jfio.run.archfixture;

import dev.jfio.cli.archfixture.CliFixture;

/** Architecture rule fixture: the runner depending on the command line. */
public class RunnerParsingArguments {
    CliFixture cli;
}
