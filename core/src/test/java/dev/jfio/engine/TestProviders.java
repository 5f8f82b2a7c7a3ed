package dev.jfio.engine;

import dev.jfio.spi.EngineOption;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import java.util.List;

/** Small providers for the registry tests; listed only by the services files the tests write. */
final class TestProviders {
    private TestProviders() {}

    abstract static class Base implements IoEngineProvider {
        @Override
        public String description() {
            return "test engine " + name();
        }

        @Override
        public IoEngine create(JobView job) {
            return unit -> {
                unit.complete(unit.length());
                return QueueResult.COMPLETED;
            };
        }
    }

    public static final class Alpha extends Base {
        static final EngineOption<Long> DEPTH = EngineOption.integer("alpha_depth", 3, "how deep");

        @Override
        public String name() {
            return "alpha";
        }

        @Override
        public List<EngineOption<?>> options() {
            return List.of(DEPTH);
        }
    }

    /** Another engine named "alpha". */
    public static final class OtherAlpha extends Base {
        @Override
        public String name() {
            return "alpha";
        }
    }

    public static final class FileLike extends Base {
        @Override
        public String name() {
            return "file";
        }

        @Override
        public List<String> aliases() {
            return List.of("sync", "psync");
        }
    }

    /** Claims "psync" as its name, which FileLike has as an alias. */
    public static final class Psync extends Base {
        @Override
        public String name() {
            return "psync";
        }
    }

    public static final class UpperCase extends Base {
        @Override
        public String name() {
            return "Upper";
        }
    }

    public static final class Throwing extends Base {
        public Throwing() {
            throw new IllegalStateException("no licence for this engine");
        }

        @Override
        public String name() {
            return "throwing";
        }
    }

    public static final class NotAProvider {}
}
