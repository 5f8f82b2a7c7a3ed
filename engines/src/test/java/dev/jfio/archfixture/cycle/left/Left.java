package dev.jfio.archfixture.cycle.left;

import dev.jfio.archfixture.cycle.right.Right;

/** Architecture rule fixture: one half of a package cycle. */
public class Left {
    Right right;
}
