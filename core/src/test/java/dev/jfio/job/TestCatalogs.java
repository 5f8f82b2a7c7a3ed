package dev.jfio.job;

import dev.jfio.spi.EngineOption;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Engines and a resolver shaped like the real ones, for parser tests. */
final class TestCatalogs {
    static final EngineOption<String> URI = EngineOption.string("uri", null, "NBD URI");
    static final EngineOption<String> SOCKNAME = EngineOption.string("sockname", null, "Unix socket");
    static final EngineOption<Long> PORT = EngineOption.integer("port", 10809, "TCP port");
    static final EngineOption<Long> CONNECT_TIMEOUT = EngineOption.time("connect_timeout", 5_000_000_000L, "Handshake timeout");
    static final EngineOption<Long> MAX_REQUEST = EngineOption.size("max_request", 32L << 20, "Largest request");
    static final EngineOption<Boolean> FUA = EngineOption.bool("fua", false, "Write with FUA");
    static final EngineOption<String> NULL_MODE = EngineOption.choice("null_mode", "auto", "Sync or async",
            "sync", "async", "auto");
    static final EngineOption<String> DELAY_URI = EngineOption.string("uri", null, "Third-party URI");

    static final Map<String, String> ALIASES = Map.of("psync", "file", "sync", "file");

    static OptionCatalog catalog() {
        return new OptionCatalog(Map.of(
                "file", List.of(),
                "nbd", List.of(URI, SOCKNAME, PORT, CONNECT_TIMEOUT, MAX_REQUEST, FUA),
                "null", List.of(NULL_MODE),
                "thirdparty", List.of(DELAY_URI)), ALIASES);
    }

    static final UnaryOperator<String> RESOLVER = text -> {
        if (text.startsWith("external:")) {
            return "thirdparty";
        }
        String canonical = ALIASES.getOrDefault(text, text);
        if (!List.of("file", "nbd", "null").contains(canonical)) {
            throw new IllegalArgumentException("unknown ioengine '" + text + "'; available: file (psync, sync), nbd, null");
        }
        return canonical;
    };

    static JobParser parser(Map<String, String> env) {
        return new JobParser(catalog(), env, RESOLVER, new SystemValues(8, 4096, 16384));
    }

    private TestCatalogs() {
    }
}
