package dev.jfio.cli;

/** Placeholder until the CLI lands. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(1);
    }
}
