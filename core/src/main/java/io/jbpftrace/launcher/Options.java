package io.jbpftrace.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** The command line, parsed the way bpftrace reads it. */
final class Options {
    String program;          // -e
    String scriptFile;       // first operand when there is no -e
    final List<String> params = new ArrayList<>();
    boolean list;
    String listPattern;
    boolean verbose, debug, quiet, help, version, unsafe;
    int helperChecks;
    String command;          // -c
    OptionalInt pid = OptionalInt.empty();
    String outputFile;       // -o
    String format = "text";  // -f
    String buffering = "line"; // -B: line, full or none
    String flamegraph;       // --flamegraph FILE.svg: stack maps as an SVG flame graph at exit
    String folded;           // --folded FILE: stack maps in the stackcollapse format at exit

    /** A usage error, printed with the usage text and exit code 1. */
    static final class UsageError extends Exception {
        UsageError(String message) { super(message); }
    }

    static Options parse(String[] args) throws UsageError {
        Options o = new Options();
        int i = 0;
        for (; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("-") || a.equals("-") || a.equals("--")) {
                if (a.equals("--")) i++;
                break;
            }
            for (String option : split(a)) i = o.apply(option, args, i);
        }
        List<String> rest = List.of(args).subList(Math.min(i, args.length), args.length);
        if (o.program == null && !o.list && !rest.isEmpty()) {
            o.scriptFile = rest.get(0);
            rest = rest.subList(1, rest.size());
        }
        if (o.list && o.listPattern == null && !rest.isEmpty() && o.program == null) {
            o.listPattern = rest.get(0);
            rest = rest.subList(1, rest.size());
        }
        o.params.addAll(rest);
        if (!o.help && !o.version && !o.list && o.program == null && o.scriptFile == null) {
            throw new UsageError("No program specified");
        }
        return o;
    }

    /**
     * Reads one option at args[i] ({@code option} may be one letter of a bundle such as {@code -lv});
     * returns the index of the last argument it used.
     */
    private int apply(String option, String[] args, int i) throws UsageError {
        switch (option) {
            case "-e" -> program = value(args, ++i, option);
            case "-l" -> {
                list = true;
                if (i + 1 < args.length && !args[i + 1].startsWith("-")) listPattern = args[++i];
            }
            case "-v" -> verbose = true;
            case "-d" -> debug = true;
            case "-q" -> quiet = true;
            case "-c" -> command = value(args, ++i, option);
            case "-p" -> pid = OptionalInt.of(pid(value(args, ++i, option)));
            case "-o" -> outputFile = value(args, ++i, option);
            case "-f" -> format = format(value(args, ++i, option));
            case "-h", "--help" -> help = true;
            case "-V", "--version" -> version = true;
            case "--unsafe" -> unsafe = true;
            case "-k" -> helperChecks = Math.min(2, helperChecks + 1);
            case "-B" -> buffering = buffering(value(args, ++i, option));
            case "--flamegraph" -> flamegraph = value(args, ++i, option);
            case "--folded" -> folded = value(args, ++i, option);
            default -> throw new UsageError("unrecognized option '" + option + "'");
        }
        return i;
    }

    /** Flags without a value may be bundled as getopt allows ({@code -lv}, {@code -kk}, {@code -qk}). */
    private static final String BUNDLEABLE = "lvdqhVk";

    private static List<String> split(String arg) {
        if (arg.startsWith("--") || arg.length() <= 2) return List.of(arg);
        List<String> letters = new ArrayList<>();
        for (char c : arg.substring(1).toCharArray()) {
            if (BUNDLEABLE.indexOf(c) < 0) return List.of(arg); // reported whole, as given
            letters.add("-" + c);
        }
        return letters;
    }

    private static String value(String[] args, int i, String option) throws UsageError {
        if (i >= args.length) throw new UsageError("option '" + option + "' requires an argument");
        return args[i];
    }

    private static int pid(String s) throws UsageError {
        try {
            int pid = Integer.parseInt(s);
            if (pid > 0) return pid;
        } catch (NumberFormatException e) {
            // fall through to the error
        }
        throw new UsageError("pid '" + s + "' is not a valid positive number");
    }

    private static String buffering(String s) throws UsageError {
        if (s.equals("line") || s.equals("full") || s.equals("none")) return s;
        throw new UsageError("Invalid buffer mode: " + s + "\nValid modes: 'line', 'full' and 'none'");
    }

    private static String format(String s) throws UsageError {
        if (s.equals("text") || s.equals("json")) return s;
        throw new UsageError("Invalid output format \"" + s + "\"\nValid formats: 'text' and 'json'");
    }

    static final String USAGE = """
            USAGE:
                jbpftrace [options] filename
                jbpftrace [options] - <stdin input>
                jbpftrace [options] -e 'program'

            OPTIONS:
                -B MODE        output buffering mode ('full', 'none', 'line')
                -c 'CMD'       run CMD and enable USDT probes on resulting process
                -d             debug info: stack traces and generated instructions
                -e 'program'   execute this program
                -f FORMAT      output format ('text', 'json')
                --flamegraph FILE.svg
                               at exit, also write maps keyed by kstack/ustack as an
                               interactive SVG flame graph (several maps: FILE_name.svg)
                --folded FILE  at exit, also write those maps as folded stacks
                               ("root;child;leaf count", flamegraph.pl's input)
                -h, --help     show this help message
                -k             emit a warning when a bpf helper returns an error (except read functions)
                -kk            check all bpf helper functions
                -l [search]    list probes
                -o file        redirect bpftrace output to file
                -p PID         enable USDT probes on PID
                -q             keep messages quiet
                --unsafe       allow unsafe builtin functions
                -v             verbose messages
                -V, --version  jbpftrace version and the loaded providers

            EXAMPLES:
            jbpftrace -l '*sleep*'
                list probes containing "sleep"
            jbpftrace -e 'tracepoint:syscalls:sys_enter_nanosleep { printf("PID %d sleeping...\\n", pid); }'
                trace processes calling sleep
            jbpftrace -e 'tracepoint:raw_syscalls:sys_enter { @[comm] = count(); }'
                count syscalls by process name
            """;
}
