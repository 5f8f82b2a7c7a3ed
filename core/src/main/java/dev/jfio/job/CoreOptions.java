package dev.jfio.job;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The registry of fio's core options. Each is declared once as a typed key (name, aliases, syntax,
 * parser, default, help) in a holder by fio's categories: {@link TargetKeys}, {@link IoTypeKeys},
 * {@link PacingKeys}, {@link JobControlKeys}, {@link DataKeys}, {@link LogKeys} and the families after
 * them, listed here in {@code --cmdhelp} order. Options of fio's that jfio cannot apply are
 * declared too, with parsers that refuse them with the reason ({@link RefusedKeys} and others);
 * options of fio's engines that jfio lacks are the engine registry's to refuse. Immutable; safe
 * from any thread (array defaults are never handed out: the records that read them copy them).
 */
public final class CoreOptions {
    private static final List<CoreOption<?>> ALL;
    private static final Map<String, CoreOption<?>> BY_NAME;

    static {
        List<CoreOption<?>> implemented = new ArrayList<>();
        implemented.addAll(TargetKeys.declared());
        implemented.addAll(IoTypeKeys.declared());
        implemented.addAll(PacingKeys.declared());
        implemented.addAll(LatencyKeys.declared());
        implemented.addAll(JobControlKeys.declared());
        implemented.addAll(DataKeys.declared());
        implemented.addAll(BufferKeys.declared());
        implemented.addAll(ZoneKeys.declared());
        implemented.addAll(VerifyKeys.declared());
        implemented.addAll(AsyncVerifyKeys.declared());
        implemented.addAll(SchedulingKeys.declared());
        implemented.addAll(LogKeys.declared());
        implemented.addAll(ProfileKeys.declared());
        implemented.addAll(RefusedKeys.declared());
        implemented.addAll(ReplayKeys.declared());
        implemented.addAll(FileLifecycleKeys.declared());
        implemented.addAll(MeasureKeys.declared());
        implemented.addAll(LockAndSyncRangeKeys.declared());
        implemented.addAll(RankKeys.declared());
        List<CoreOption<?>> all = new ArrayList<>(implemented);
        ALL = Collections.unmodifiableList(all);
        Map<String, CoreOption<?>> m = new LinkedHashMap<>();
        for (CoreOption<?> o : all) {
            for (String n : o.names()) {
                if (m.put(n, o) != null) {
                    throw new IllegalStateException("duplicate core option name " + n);
                }
            }
        }
        BY_NAME = Collections.unmodifiableMap(m);
    }

    private CoreOptions() {}

    /** Every core option, implemented ones first, in {@code --cmdhelp} order. */
    public static List<CoreOption<?>> all() {
        return ALL;
    }

    /** The option a name or alias (any case) refers to, or null. */
    public static CoreOption<?> find(String name) {
        return BY_NAME.get(name.toLowerCase(Locale.ROOT));
    }

    /** Every core name and alias. */
    public static Set<String> names() {
        return BY_NAME.keySet();
    }

    /**
     * {@code --cmdhelp}: with "all" one line per option (name and help); otherwise the option's
     * help, aliases, type, default and whether jfio supports it.
     *
     * @throws JobSpecException when no core option has that name
     */
    public static String helpFor(String option) {
        StringBuilder sb = new StringBuilder();
        if (option == null || option.isEmpty() || option.equals("all")) {
            String category = null;
            for (CoreOption<?> d : ALL) {
                if (!d.category().equals(category)) {
                    category = d.category();
                    sb.append(category).append(":\n");
                }
                sb.append(String.format("  %-28s: %s%n", d.name(), d.help()));
            }
            return sb.toString();
        }
        CoreOption<?> d = find(option);
        if (d == null) {
            throw new JobSpecException(null, "no option named '" + option + "'");
        }
        sb.append(String.format("%20s: %s%n", d.name(), d.help()));
        if (!d.aliases().isEmpty()) {
            sb.append(String.format("%20s: %s%n", "alias", String.join(", ", d.aliases())));
        }
        sb.append(String.format("%20s: %s%n", "type", d.type().description()));
        if (!d.choices().isEmpty()) {
            sb.append(String.format("%20s: %s%n", "valid values", String.join(", ", d.choices())));
        }
        if (d.defaultText() != null) {
            sb.append(String.format("%20s: %s%n", "default", d.defaultText()));
        }
        String refusal = d.refusal();
        if (refusal != null) {
            sb.append(String.format("%20s: %s%n", "jfio", "refuses it: " + refusal));
        }
        return sb.toString();
    }
}
