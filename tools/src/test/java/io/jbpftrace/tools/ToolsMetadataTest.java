package io.jbpftrace.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What every shipped tool carries besides its probes, checked for each tools/*.bt without root:
 * the {@code #!} line and executable bit that let it run as {@code ./NAME.bt}, a header comment with
 * its usage and overhead, a troff man page man/man8/NAME.8 that names it and documents its
 * arguments, and NAME_example.txt with captured output.
 */
class ToolsMetadataTest {
    private static final List<String> SECTIONS = List.of("NAME", "SYNOPSIS", "DESCRIPTION", "EXAMPLES", "SEE ALSO");
    /** A positional parameter ($1 ...) means the tool takes arguments, which its page must explain. */
    private static final Pattern POSITIONAL = Pattern.compile("\\$[1-9]");

    @Test
    void noMarkdownPagesAreLeft() throws IOException {
        Path man = ToolsCompileTest.toolsDir().resolve("man");
        try (Stream<Path> files = Files.list(man)) {
            assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".md")).toList(), "man pages are troff, in man/man8");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyToolRunsByItsHashBangLine() throws IOException {
        return each(tool -> {
            String source = Files.readString(tool);
            assertTrue(source.startsWith("#!/usr/bin/env jbpftrace\n"), tool + " must start with #!/usr/bin/env jbpftrace");
            assertTrue(Files.isExecutable(tool), tool + " must be executable (git update-index --chmod=+x)");
        });
    }

    @TestFactory
    Stream<DynamicTest> everyToolHasAHeaderCommentWithUsageAndOverhead() throws IOException {
        return each(tool -> {
            String source = Files.readString(tool);
            String afterShebang = source.substring(source.indexOf('\n') + 1);
            assertTrue(afterShebang.startsWith("/*") || afterShebang.startsWith("//"), tool + ": a header comment must follow the #! line");
            String header = afterShebang.startsWith("/*") ? afterShebang.substring(0, Math.max(0, afterShebang.indexOf("*/")))
                    : afterShebang.lines().takeWhile(l -> l.startsWith("//")).reduce("", (a, b) -> a + b + "\n");
            assertTrue(header.contains(name(tool)), tool + ": the header should name the tool");
            assertTrue(header.contains("USAGE:"), tool + ": the header has no USAGE: line");
            assertTrue(header.toLowerCase().contains("overhead"), tool + ": the header does not say what the tool costs (overhead)");
        });
    }

    @TestFactory
    Stream<DynamicTest> everyToolHasAManPage() throws IOException {
        return each(tool -> {
            Path page = manPage(tool);
            assertTrue(Files.isRegularFile(page), "missing man page " + page);
            String text = Files.readString(page);
            assertTrue(Pattern.compile("(?m)^\\.TH ").matcher(text).find(), page + " has no .TH title line");
            for (String section : SECTIONS) {
                assertTrue(Pattern.compile("(?m)^\\.SH \"?" + section + "\"?$").matcher(text).find(), page + " has no " + section + " section");
            }
            Matcher nameLine = Pattern.compile("(?m)^\\.SH \"?NAME\"?\\n(.*)$").matcher(text);
            assertTrue(nameLine.find(), page + ": NAME section is empty");
            assertTrue(nameLine.group(1).matches(Pattern.quote(name(tool)) + "(\\.bt)?( |,|\\\\-).*"),
                    page + ": NAME section must start with the tool's name, found: " + nameLine.group(1));
            if (POSITIONAL.matcher(Files.readString(tool)).find()) {
                assertTrue(Pattern.compile("(?m)^\\.SH \"?(ARGUMENTS|OPTIONS)\"?$").matcher(text).find(),
                        page + ": the tool takes arguments ($1 ...), so its page needs an ARGUMENTS or OPTIONS section");
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> everyManPageRendersWithoutWarnings() throws IOException {
        return each(tool -> {
            assumeTrue(Files.isExecutable(Path.of("/usr/bin/man")), "man(1) is not installed");
            Process p = new ProcessBuilder("man", "--warnings", "-l", manPage(tool).toString())
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "man -l did not finish");
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("NAME"), "man -l rendered nothing:\n" + out);
            assertFalse(out.contains("warning:"), "groff warns:\n" + out.lines().filter(l -> l.contains("warning:")).toList());
        });
    }

    @TestFactory
    Stream<DynamicTest> everyToolHasCapturedExampleOutput() throws IOException {
        return each(tool -> {
            Path example = tool.resolveSibling(name(tool) + "_example.txt");
            assertTrue(Files.isRegularFile(example), "missing example output " + example);
            assertFalse(Files.readString(example).isBlank(), example + " is empty");
        });
    }

    private interface ToolCheck { void check(Path tool) throws Exception; }

    private static Stream<DynamicTest> each(ToolCheck check) throws IOException {
        List<Path> tools = ToolsCompileTest.tools();
        assertFalse(tools.isEmpty(), "no tools in " + ToolsCompileTest.toolsDir());
        return tools.stream().map(tool -> DynamicTest.dynamicTest(tool.getFileName().toString(), () -> check.check(tool)));
    }

    private static String name(Path tool) { return tool.getFileName().toString().replaceFirst("\\.bt$", ""); }

    private static Path manPage(Path tool) { return ToolsCompileTest.toolsDir().resolve("man/man8/" + name(tool) + ".8"); }
}
