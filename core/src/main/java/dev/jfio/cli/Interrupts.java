package dev.jfio.cli;

import dev.jfio.run.StopSignal;

import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;

/**
 * Ctrl-C as fio users expect it: the first SIGINT stops the jobs, so the partial report is
 * printed and jfio exits 130; a second one exits at once.
 *
 * <p>Uses {@code sun.misc.Signal} (module jdk.unsupported) through reflection, so the build
 * needs no internal API; where it is missing the JVM's default (exit at once) stays.
 */
final class Interrupts {
    /** The stop reason recorded for Ctrl-C. */
    static final String REASON = "interrupted by the user (Ctrl-C)";
    /** The exit status of a run stopped by Ctrl-C, as a shell reports a SIGINT death. */
    static final int EXIT_STATUS = 130;

    private Interrupts() {
    }

    static void install(StopSignal stop, PrintStream err) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object sigint = signalClass.getConstructor(String.class).newInstance("INT");
            InvocationHandler onSignal = (proxy, method, args) -> {
                if (!method.getName().equals("handle")) {
                    return method.getDeclaringClass() == Object.class ? objectMethod(proxy, method.getName(), args) : null;
                }
                if (stop.requested() && REASON.equals(stop.reason())) {
                    err.println();
                    err.println("jfio: interrupted again, exiting now");
                    err.flush();
                    Runtime.getRuntime().halt(EXIT_STATUS);
                }
                stop.request(REASON);
                err.println();
                err.println("jfio: stopping the jobs (Ctrl-C again to exit at once)");
                err.flush();
                return null;
            };
            Object handler = Proxy.newProxyInstance(Interrupts.class.getClassLoader(), new Class<?>[] {handlerClass},
                    onSignal);
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, sigint, handler);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // no sun.misc.Signal here (or SIGINT is reserved): the JVM's default handling stays
        }
    }

    private static Object objectMethod(Object proxy, String name, Object[] args) {
        switch (name) {
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            default:
                return "jfio SIGINT handler";
        }
    }
}
