package io.jbpftrace.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code golden/*.bt} must parse to the AST dump in the {@code .ast} beside it; every
 * {@code golden/error/*.bt} must fail with exactly the diagnostic in its {@code .err}.
 * Run with {@code -Dgolden.update=true} to rewrite the expected files (then review the diff).
 */
class GoldenFileTest {
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TestFactory
    Stream<DynamicTest> scriptsParseToTheirAst() throws IOException, URISyntaxException {
        return scripts("golden").map(bt -> DynamicTest.dynamicTest(bt.getFileName().toString(), () -> {
            String actual = AstPrinter.print(ScriptParser.parse("stdin", read(bt)));
            check(bt, ".ast", actual);
        }));
    }

    @TestFactory
    Stream<DynamicTest> badScriptsFailWithTheirDiagnostic() throws IOException, URISyntaxException {
        return scripts("golden/error").map(bt -> DynamicTest.dynamicTest(bt.getFileName().toString(), () -> {
            CompileError e = assertThrows(CompileError.class, () -> ScriptParser.parse("stdin", read(bt)));
            check(bt, ".err", e.format() + "\n");
        }));
    }

    private static Stream<Path> scripts(String folder) throws IOException, URISyntaxException {
        Path dir = Path.of(GoldenFileTest.class.getResource("/" + folder).toURI());
        return Files.list(dir).filter(p -> p.toString().endsWith(".bt")).sorted();
    }

    private static void check(Path bt, String extension, String actual) throws IOException {
        Path expectedFile = bt.resolveSibling(bt.getFileName().toString().replaceAll("\\.bt$", extension));
        if (UPDATE) {
            // Write to the source tree, not target/, so the update survives the next build.
            Path source = Path.of("src/test/resources").resolve(
                    Path.of(GoldenFileTest.class.getResource("/").getPath()).relativize(expectedFile).toString());
            Files.writeString(source, actual, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(read(expectedFile), actual, "for " + bt.getFileName());
    }

    private static String read(Path p) throws IOException { return Files.readString(p, StandardCharsets.UTF_8); }
}
