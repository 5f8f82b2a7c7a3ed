package dev.jfio.cli;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * fio 3.33 itself (Debian package fio, installed by ci/install-deps.sh), run by tests that compare
 * jfio's output with fio's on the same job. Missing in CI ({@code CI=true}) fails the test;
 * elsewhere the test is skipped with the package to install.
 */
final class RealFio {
    private RealFio() {}

    static void require() {
        boolean present = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "fio"))) {
                present = true;
            }
        }
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("fio is needed (Debian: apt-get install fio)");
        }
        assumeTrue(present, "needs fio 3.33 (Debian: apt-get install fio)");
    }

    /** Runs fio with {@code args}; returns its stdout. Fails when it does not end within a minute. */
    static String run(String... args) throws IOException, InterruptedException {
        require();
        List<String> command = new ArrayList<>();
        command.add("fio");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("fio did not end: " + command);
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
