package dev.jfio.cli;

import dev.jfio.run.StopSignal;
import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SIGINT (Ctrl-C) and SIGTERM (systemd, Kubernetes, {@code timeout}) as fio handles them: the
 * first stops the jobs, so the partial report is written to stdout or {@code --output} and jfio
 * exits 128, fio's status for a run it stopped on a signal; a second one exits at once with
 * 128 + the signal's number, as a shell reports a death by that signal, without a report.
 *
 * <p>Why {@code sun.misc.Signal} and not a shutdown hook: a hook runs only after the JVM has
 * decided to exit (status 130 or 143, with the report not yet written), so the hook would have to
 * hold the exit until the main thread has stopped the jobs and written the report, and a second
 * signal during the hooks is swallowed, so it could not exit at once. A signal handler instead
 * runs on a thread of its own while the JVM carries on: the main thread ends the run as usual,
 * writes the report, checks it and picks the exit status. {@code sun.misc.Signal} is in the
 * exported module jdk.unsupported on JDK 17 and 25 and prints no warning; it is reached through
 * reflection so that javac's "internal proprietary API" warning stays out of the build, and where
 * it is missing the JVM's default handling (exit at once) stays.
 */
final class Interrupts {
    /** fio's exit status for a run it stopped on SIGINT or SIGTERM (fio 3.33's exit_value = 128). */
    static final int EXIT_STATUS = 128;

    private static final String[] SIGNALS = {"INT", "TERM"};

    private final StopSignal stop;
    private final PrintStream err;
    private final AtomicInteger received = new AtomicInteger();

    private Interrupts(StopSignal stop, PrintStream err) {
        this.stop = stop;
        this.err = err;
    }

    /** Interrupts that never come: for in-process runs, where signals belong to the caller. */
    static Interrupts none() {
        return new Interrupts(new StopSignal(), System.err);
    }

    /** Installs the handlers for SIGINT and SIGTERM, which request {@code stop}. */
    static Interrupts install(StopSignal stop, PrintStream err) {
        Interrupts interrupts = new Interrupts(stop, err);
        for (String signal : SIGNALS) {
            interrupts.handle(signal);
        }
        return interrupts;
    }

    /** Whether a signal has asked the run to stop: the exit status is then {@link #EXIT_STATUS}. */
    boolean received() {
        return received.get() > 0;
    }

    private void onSignal(String name, int number) {
        if (received.getAndIncrement() > 0) {
            err.println();
            err.println("jfio: SIG" + name + " again, exiting now without the report");
            err.flush();
            Runtime.getRuntime().halt(128 + number);
        }
        stop.request("stopped by SIG" + name);
        err.println();
        err.println("jfio: SIG" + name + ": stopping the jobs and writing the report"
                + (name.equals("INT") ? " (Ctrl-C again to exit at once)" : " (signal again to exit at once)"));
        err.flush();
    }

    private void handle(String signalName) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance(signalName);
            int number = (Integer) signalClass.getMethod("getNumber").invoke(signal);
            InvocationHandler onSignal = (proxy, method, args) -> {
                if (method.getName().equals("handle")) {
                    onSignal(signalName, number);
                    return null;
                }
                return method.getDeclaringClass() == Object.class ? objectMethod(proxy, method.getName(), args) : null;
            };
            Object handler =
                    Proxy.newProxyInstance(Interrupts.class.getClassLoader(), new Class<?>[] {handlerClass}, onSignal);
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // no sun.misc.Signal here (or the signal is reserved): the JVM's default handling stays
        }
    }

    private static Object objectMethod(Object proxy, String name, Object[] args) {
        switch (name) {
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            default:
                return "jfio signal handler";
        }
    }
}
