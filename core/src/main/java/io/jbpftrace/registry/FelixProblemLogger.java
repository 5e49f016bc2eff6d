package io.jbpftrace.registry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.felix.framework.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * Keeps the framework's error messages instead of letting Felix print them to stdout, where they
 * would mix with trace output; the launcher decides whether and how to show them.
 */
final class FelixProblemLogger extends Logger {
    private final List<String> problems = new CopyOnWriteArrayList<>();

    FelixProblemLogger() { setLogLevel(LOG_ERROR); }

    @Override
    protected void doLog(Bundle bundle, ServiceReference sr, int level, String msg, Throwable throwable) {
        if (level > LOG_ERROR) return;
        String where = bundle == null ? "" : bundle.getSymbolicName() + ": ";
        problems.add(where + msg + (throwable == null ? "" : " (" + throwable + ")"));
    }

    List<String> problems() { return List.copyOf(problems); }
}
