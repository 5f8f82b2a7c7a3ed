package dev.jfio.job;

import dev.jfio.spi.EngineOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Engines and a resolver shaped like the real ones, for parser tests. */
final class TestCatalogs {
    static final EngineOption<String> URI = EngineOption.string("uri", null, "NBD URI");
    static final EngineOption<String> SOCKNAME = EngineOption.string("sockname", null, "Unix socket");
    static final EngineOption<Long> PORT = EngineOption.integer("port", 10809, "TCP port");
    static final EngineOption<Long> CONNECT_TIMEOUT =
            EngineOption.time("connect_timeout", 5_000_000_000L, "Handshake timeout");
    static final EngineOption<Long> MAX_REQUEST = EngineOption.size("max_request", 32L << 20, "Largest request");
    static final EngineOption<Boolean> FUA = EngineOption.bool("fua", false, "Write with FUA");
    static final EngineOption<String> NULL_MODE =
            EngineOption.choice("null_mode", "auto", "Sync or async", "sync", "async", "auto");
    static final EngineOption<String> DELAY_URI = EngineOption.string("uri", null, "Third-party URI");

    static final Map<String, String> ALIASES = Map.of("psync", "file", "sync", "file");

    static OptionCatalog catalog() {
        return new OptionCatalog(
                Map.of(
                        "file", List.of(),
                        "nbd", List.of(URI, SOCKNAME, PORT, CONNECT_TIMEOUT, MAX_REQUEST, FUA),
                        "null", List.of(NULL_MODE),
                        "thirdparty", List.of(DELAY_URI)),
                ALIASES);
    }

    static final UnaryOperator<String> RESOLVER = text -> {
        if (text.startsWith("external:")) {
            return "thirdparty";
        }
        String canonical = ALIASES.getOrDefault(text, text);
        if (!List.of("file", "nbd", "null").contains(canonical)) {
            throw new IllegalArgumentException(
                    "unknown ioengine '" + text + "'; available: file (psync, sync), nbd, null");
        }
        return canonical;
    };

    static JobParser parser(Map<String, String> env) {
        return new JobParser(catalog(), env, RESOLVER, new SystemValues(8, 4096, 16384));
    }

    private TestCatalogs() {}

    /** The one job of a command line {@code --name=j ARGS...}, parsed with the test catalog. */
    static JobSpec commandLineJob(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--name=j";
        System.arraycopy(args, 0, all, 1, args.length);
        return parser(Map.of()).parse(List.of(), List.of(all), Set.of()).jobs().get(0);
    }

    /** The error a job file of {@code lines} (written into {@code dir}) gives, its path shown as "jobs.fio". */
    static String jobFileError(java.nio.file.Path dir, String... lines) throws java.io.IOException {
        java.nio.file.Path f = dir.resolve("jobs.fio");
        java.nio.file.Files.write(f, List.of(lines));
        String msg = org.junit.jupiter.api.Assertions.assertThrows(
                        JobSpecException.class, () -> parser(Map.of()).parse(List.of(f), List.of(), Set.of()))
                .getMessage();
        return msg.replace(f.toString(), "jobs.fio");
    }
}
