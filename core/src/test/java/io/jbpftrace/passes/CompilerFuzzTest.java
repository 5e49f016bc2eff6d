package io.jbpftrace.passes;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.jbpftrace.bpf.ProgType;
import io.jbpftrace.lang.CompileError;
import io.jbpftrace.registry.ProviderRegistry;
import io.jbpftrace.runtime.BeginEndProvider;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.spi.ProbeProvider;
import io.jbpftrace.spi.ProbeTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A bounded fuzzer over the whole compiler (parse, probe expansion, semantic analysis, code
 * generation; no kernel): valid scripts from the golden corpus mutated token by token, and random
 * token soup. Each input must compile or fail with a positioned {@link CompileError}, never another
 * exception, and quickly. Seeded, so a failure replays: {@code -Dfuzz.seed=N}; {@code -Dfuzz.seconds}
 * sets the budget (default 30). Inputs that broke it once live on in it/'s hostile corpus.
 */
class CompilerFuzzTest {
    private static final long SECONDS = Long.getLong("fuzz.seconds", 30);
    private static final long SEED = Long.getLong("fuzz.seed", 20261207L);
    private static final long SLOW_MS = 5_000;
    private static final Pattern TOKEN = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"|[A-Za-z_][A-Za-z0-9_]*|0x[0-9a-fA-F]+|\\d+"
            + "|[@$][A-Za-z0-9_]*|<<=|>>=|->|\\+\\+|--|[-+*/%&|^<>=!]=|&&|\\|\\||<<|>>|\\s+|.", Pattern.DOTALL);
    private static final String[] VOCABULARY = {
        "BEGIN", "END", "interval:s:1", "i:ms:1", "tracepoint:a:b", "{", "}", "(", ")", "[", "]", ";", ",", ":", "?", "/",
        "->", ".", "++", "--", "=", "+=", "<<=", "==", "!=", "<", "<=", "&&", "||", "!", "~", "-", "*", "&", "+", "%", "<<",
        "if", "else", "while", "unroll", "for", "break", "continue", "return", "let", "sizeof", "offsetof", "struct", "union",
        "config", "0", "1", "-1", "18446744073709551615", "18446744073709551616", "0xffffffffffffffffff", "9223372036854775807",
        "\"\"", "\"%d %s\\n\"", "\"%s\"", "\"a\\x\"", "\"" + "x".repeat(300) + "\"", "$x", "$1", "$#", "@", "@m", "@m[1]",
        "printf", "print", "count", "sum", "avg", "min", "max", "stats", "hist", "lhist", "str", "buf", "join", "exit", "delete",
        "clear", "zero", "time", "strftime", "ksym", "usym", "kstack", "ustack", "ntop", "strncmp", "strcontains", "has_key",
        "len", "bswap", "cgroupid", "macaddr", "signal", "system", "cat", "reg", "uaddr", "kaddr", "pid", "comm", "nsecs",
        "args", "retval", "arg0", "curtask", "probe", "cpu", "elapsed", "(uint8)", "(struct task_struct *)", "\n", " ",
        "#define X 1\n", "/*", "*/", "//", "\"", "\\", "\u0000", "\u00ff", "\uDCFF",
    };

    private final ProviderRegistry registry;

    CompilerFuzzTest() throws Exception {
        ProbeProvider interval = mock(ProbeProvider.class);
        when(interval.probeTypes()).thenReturn(List.of("interval", "i", "tracepoint", "t"));
        when(interval.expand(any(), any())).thenAnswer(inv -> List.of(new ProbeTarget("interval:s:1", null)));
        when(interval.programType(any())).thenReturn(ProgType.PERF_EVENT);
        when(interval.builtin(any(), any())).thenReturn(Optional.empty());
        registry = new ProviderRegistry(List.of(new BeginEndProvider(), interval));
    }

    @Test
    void mutatedAndRandomScriptsCompileOrFailWithAPositionedError() throws IOException {
        List<String> seeds = seeds();
        Random random = new Random(SEED);
        long deadline = System.nanoTime() + SECONDS * 1_000_000_000L;
        int runs = 0, errors = 0;
        while (System.nanoTime() < deadline) {
            String input = random.nextInt(5) == 0 ? soup(random) : mutate(seeds.get(random.nextInt(seeds.size())), random);
            if (check(input)) errors++;
            runs++;
        }
        System.out.printf("compiler fuzz: %d inputs in %d s (%d positioned errors, %d compiled), seed %d%n",
                runs, SECONDS, errors, runs - errors, SEED);
        assertTrue(runs > 100, "only " + runs + " inputs in " + SECONDS + " s");
    }

    /** True when the input was refused with a positioned error, false when it compiled; fails the test otherwise. */
    private boolean check(String input) {
        long start = System.nanoTime();
        boolean refused;
        try {
            new Compiler(registry, mock(Kernel.class)).environment(java.util.Map.of()).compile("stdin", input, List.of("1"));
            refused = false;
        } catch (CompileError e) {
            if (e.pos() == null || e.pos().line() <= 0) fail("error without a position: " + e.format() + "\nfor input:\n" + input);
            refused = true;
        } catch (Throwable t) {
            throw new AssertionError("not a CompileError for input:\n" + input + "\n", t);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (ms > SLOW_MS) fail("took " + ms + " ms for input:\n" + input);
        return refused;
    }

    private static String mutate(String seed, Random random) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(seed);
        while (m.find()) tokens.add(m.group());
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && !tokens.isEmpty(); i++) {
            int at = random.nextInt(tokens.size());
            switch (random.nextInt(6)) {
                case 0 -> tokens.remove(at);
                case 1 -> tokens.add(at, tokens.get(random.nextInt(tokens.size())));
                case 2 -> tokens.set(at, VOCABULARY[random.nextInt(VOCABULARY.length)]);
                case 3 -> tokens.add(at, VOCABULARY[random.nextInt(VOCABULARY.length)]);
                case 4 -> java.util.Collections.swap(tokens, at, random.nextInt(tokens.size()));
                default -> tokens.subList(at, tokens.size()).clear();
            }
        }
        return String.join("", tokens);
    }

    private static String soup(Random random) {
        StringBuilder s = new StringBuilder(random.nextBoolean() ? "BEGIN { " : "");
        int n = random.nextInt(40);
        for (int i = 0; i < n; i++) s.append(VOCABULARY[random.nextInt(VOCABULARY.length)]).append(random.nextBoolean() ? " " : "");
        return s.toString();
    }

    /** it/'s golden scripts when the source tree is there, else a few of our own. */
    private static List<String> seeds() throws IOException {
        Path golden = Path.of("..", "it", "src", "test", "resources", "golden");
        List<String> seeds = new ArrayList<>();
        if (Files.isDirectory(golden)) {
            try (Stream<Path> files = Files.walk(golden)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".bt")).sorted().toList()) seeds.add(Files.readString(p));
            }
        }
        if (seeds.isEmpty()) {
            seeds.add("BEGIN { @x[1, \"a\"] = count(); printf(\"%d %s\\n\", 1, \"b\"); exit(); }");
            seeds.add("i:s:1 /@n < 3/ { $t = (1, \"x\"); @h = hist($t.0); if ($t.0 > 0) { @n++; } else { delete(@h); } }");
        }
        return seeds;
    }
}
