package dev.jfio.cli;

import dev.jfio.engine.EngineRegistry;
import dev.jfio.job.CoreOption;
import dev.jfio.job.CoreOptions;
import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.EngineOption;
import dev.jfio.spi.EngineOptionType;
import dev.jfio.spi.IoEngineProvider;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The texts of --enghelp and --cmdhelp. */
final class Help {
    private Help() {}

    /** --enghelp: every engine, or one engine's options. */
    static String engines(EngineRegistry engines, String name) {
        StringBuilder sb = new StringBuilder();
        if (name.isEmpty()) {
            sb.append("Available IO engines:\n");
            for (IoEngineProvider p : engines.providers()) {
                sb.append(String.format(Locale.ROOT, "\t%-10s %s", p.name(), p.description()));
                if (!p.aliases().isEmpty()) {
                    sb.append(" (also: ").append(String.join(", ", p.aliases())).append(')');
                }
                sb.append('\n');
            }
            return sb.toString();
        }
        IoEngineProvider provider = engines.provider(engines.resolve(name));
        sb.append(provider.name()).append(": ").append(provider.description()).append('\n');
        if (!provider.flags().isEmpty()) {
            sb.append("flags: ");
            boolean first = true;
            for (EngineFlag flag : provider.flags()) {
                sb.append(first ? "" : ", ").append(flag.name().toLowerCase(Locale.ROOT));
                first = false;
            }
            sb.append('\n');
        }
        if (provider.options().isEmpty()) {
            sb.append("no engine options\n");
        }
        for (EngineOption<?> option : provider.options()) {
            sb.append(String.format(Locale.ROOT, "%-20s: %s", option.name(), option.help()));
            sb.append(" [").append(typeName(option));
            Object def = option.defaultValue();
            if (def != null && !"".equals(def)) {
                sb.append(", default ").append(defaultText(option));
            }
            sb.append("]\n");
        }
        return sb.toString();
    }

    /** --cmdhelp: one option (core or engine), or "all". */
    static String options(EngineRegistry engines, String name) {
        StringBuilder sb = new StringBuilder();
        boolean all = name.equals("all");
        if (all) {
            String category = null;
            for (CoreOption<?> d : CoreOptions.all()) {
                if (!d.category().equals(category)) {
                    category = d.category();
                    sb.append(category).append(":\n");
                }
                sb.append(line(d));
            }
            for (Map.Entry<String, List<EngineOption<?>>> e :
                    engines.optionsByEngine().entrySet()) {
                if (e.getValue().isEmpty()) {
                    continue;
                }
                sb.append("ioengine=").append(e.getKey()).append(":\n");
                for (EngineOption<?> o : e.getValue()) {
                    sb.append(String.format(Locale.ROOT, "%-24s: %s%n", o.name(), o.help()));
                }
            }
            return sb.toString();
        }
        CoreOption<?> d = CoreOptions.find(name);
        if (d != null) {
            sb.append(String.format(Locale.ROOT, "%-20s: %s%n", "name", d.name()));
            if (!d.aliases().isEmpty()) {
                sb.append(String.format(Locale.ROOT, "%-20s: %s%n", "alias", String.join(", ", d.aliases())));
            }
            sb.append(String.format(
                    Locale.ROOT, "%-20s: %s%n", "type", d.type().name().toLowerCase(Locale.ROOT)));
            sb.append(String.format(
                    Locale.ROOT, "%-20s: %s%n", "default", d.defaultText() == null ? "no default" : d.defaultText()));
            if (!d.choices().isEmpty()) {
                sb.append(String.format(Locale.ROOT, "%-20s: %s%n", "valid values", String.join(", ", d.choices())));
            }
            sb.append(String.format(Locale.ROOT, "%-20s: %s%n", "help", d.help()));
            String refusal = d.refusal();
            if (refusal != null) {
                sb.append(String.format(Locale.ROOT, "%-20s: %s%n", "status", "refused by jfio: " + refusal));
            }
            return sb.toString();
        }
        for (Map.Entry<String, List<EngineOption<?>>> e :
                engines.optionsByEngine().entrySet()) {
            for (EngineOption<?> o : e.getValue()) {
                if (o.name().equals(name)) {
                    sb.append(String.format(Locale.ROOT, "%-20s: %s%n", "name", o.name()));
                    sb.append(String.format(Locale.ROOT, "%-20s: %s%n", "ioengine", e.getKey()));
                    sb.append(String.format(Locale.ROOT, "%-20s: %s%n", "type", typeName(o)));
                    sb.append(String.format(
                            Locale.ROOT,
                            "%-20s: %s%n",
                            "default",
                            o.defaultValue() == null ? "no default" : defaultText(o)));
                    sb.append(String.format(Locale.ROOT, "%-20s: %s%n", "help", o.help()));
                    return sb.toString();
                }
            }
        }
        throw new IllegalArgumentException("--cmdhelp: no option named '" + name + "'");
    }

    private static String line(CoreOption<?> d) {
        return String.format(Locale.ROOT, "    %-24s: %s%n", d.name(), d.help());
    }

    private static String typeName(EngineOption<?> option) {
        if (option.type() == EngineOptionType.CHOICE) {
            return String.join("|", option.choices());
        }
        return option.type().name().toLowerCase(Locale.ROOT);
    }

    private static String defaultText(EngineOption<?> option) {
        Object def = option.defaultValue();
        if (option.type() == EngineOptionType.TIME && def instanceof Long) {
            long nanos = (Long) def;
            return nanos % 1_000_000_000L == 0 ? nanos / 1_000_000_000L + "s" : nanos / 1000 + "us";
        }
        if (option.type() == EngineOptionType.BOOLEAN) {
            return Boolean.TRUE.equals(def) ? "1" : "0";
        }
        return String.valueOf(def);
    }
}
