package dev.jfio.archfixture.cycle.right;

import dev.jfio.archfixture.cycle.left.Left;

/** Architecture rule fixture: the other half of a package cycle. */
public class Right {
    Left left;
}
