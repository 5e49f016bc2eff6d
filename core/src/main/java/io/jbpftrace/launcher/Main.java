package io.jbpftrace.launcher;

import io.jbpftrace.lang.CompileError;
import io.jbpftrace.kernel.KernelException;
import io.jbpftrace.kernel.VerifierException;
import io.jbpftrace.passes.ScriptConfig;
import io.jbpftrace.spi.ProbeException;

/** The {@code jbpftrace} command: prints errors as values, exit code 1, stack traces only with -d. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Options options;
        try {
            options = Options.parse(RawArguments.recover(args));
        } catch (Options.UsageError e) {
            System.err.println("ERROR: " + e.getMessage());
            System.err.print(Options.USAGE);
            return 1;
        }
        if (!options.help) io.jbpftrace.kernel.NativeWarmup.startInBackground();
        if (options.help) {
            System.out.print(Options.USAGE);
            return 0;
        }
        try {
            return new Session(options).run();
        } catch (CompileError e) {
            System.err.println(e.format());
            debug(options, e);
        } catch (ScriptConfig.EnvironmentError | ChildCommand.Failure | Privileges.Missing e) {
            System.err.println("ERROR: " + e.getMessage());
        } catch (ProbeRejected e) {
            System.err.println(e.report(options.verbose));
            debug(options, e);
        } catch (VerifierException e) {
            System.err.println("ERROR: the kernel's verifier rejected " + e.getMessage());
            debug(options, e);
        } catch (KernelException | ProbeException e) {
            System.err.println("ERROR: " + e.getMessage());
            debug(options, e);
        } catch (Exception e) {
            System.err.println("ERROR: " + e);
            debug(options, e);
        } catch (StackOverflowError e) {
            // the nesting limits should make this unreachable; still no stack trace for the user
            System.err.println("ERROR: the script is too large or too deeply nested to compile");
            if (options.debug) e.printStackTrace();
        }
        return 1;
    }

    private static void debug(Options options, Exception e) {
        if (options.debug) e.printStackTrace();
    }
}
