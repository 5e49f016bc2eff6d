package io.jbpftrace.lang;

import io.jbpftrace.lang.ast.Pos;
import io.jbpftrace.lang.ast.Program;
import io.jbpftrace.lang.parser.AstBuilder;
import io.jbpftrace.lang.parser.BpfTraceLexer;
import io.jbpftrace.lang.parser.BpfTraceParser;
import io.jbpftrace.lang.parser.SyntaxErrorStrategy;
import io.jbpftrace.lang.parser.SyntaxErrorStrategy.SyntaxError;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.misc.IntervalSet;

/** Parses bpftrace script text into a {@link Program}, or fails with the first {@link CompileError}. */
public final class ScriptParser {
    /** Like bison's verbose errors, list what was expected only when it is a short list. */
    private static final int MAX_EXPECTED = 4;

    private ScriptParser() {}

    /**
     * @param fileName how errors name the script: the file path, or {@code stdin} for {@code -e}
     * @throws CompileError for the first lexical or syntax error
     */
    public static Program parse(String fileName, String source) {
        BpfTraceLexer lexer = new BpfTraceLexer(CharStreams.fromString(source, fileName));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        BpfTraceParser parser = new BpfTraceParser(tokens);
        parser.removeErrorListeners();
        parser.setErrorHandler(new SyntaxErrorStrategy());
        // Fast SLL prediction first; only a failure needs the full LL run to find the true error.
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        BpfTraceParser.ProgramContext tree;
        try {
            tree = parser.program();
        } catch (SyntaxError sll) {
            tokens.seek(0);
            parser.reset();
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            try {
                tree = parser.program();
            } catch (SyntaxError e) {
                throw toCompileError(fileName, source, e, parser.getVocabulary());
            }
        }
        return new AstBuilder(fileName, source).buildProgram(tree);
    }

    private static CompileError toCompileError(String fileName, String source, SyntaxError e, Vocabulary vocabulary) {
        Token t = e.offending();
        Pos pos = new Pos(t.getLine(), t.getCharPositionInLine() + 1);
        int length = t.getType() == Token.EOF ? 1 : Math.max(1, t.getStopIndex() - t.getStartIndex() + 1);
        String message = switch (t.getType()) {
            case BpfTraceLexer.UNTERMINATED_STRING -> "unterminated string";
            case BpfTraceLexer.BLOCK_COMMENT -> "end of file during comment";
            case BpfTraceLexer.ERROR_CHAR -> "invalid character '" + t.getText() + "'";
            default -> syntaxMessage(t, e.expected(), vocabulary);
        };
        if (t.getType() == Token.EOF) pos = endOfSource(source);
        return new CompileError(fileName, source, pos, length, message);
    }

    private static String syntaxMessage(Token t, IntervalSet expected, Vocabulary vocabulary) {
        StringBuilder message = new StringBuilder("syntax error, unexpected ").append(describe(t.getType(), vocabulary));
        List<String> names = new ArrayList<>();
        if (expected != null) {
            for (Interval range : expected.getIntervals()) {
                for (int type = range.a; type <= range.b; type++) {
                    if (type != Token.EPSILON) names.add(describe(type, vocabulary));
                }
            }
        }
        if (!names.isEmpty() && names.size() <= MAX_EXPECTED) {
            message.append(", expecting ").append(String.join(" or ", names));
        }
        return message.toString();
    }

    /** Token names as bpftrace prints them: punctuation bare, "," quoted, kinds in words. */
    private static String describe(int type, Vocabulary vocabulary) {
        switch (type) {
            case Token.EOF: return "end of file";
            case BpfTraceLexer.IDENT: return "identifier";
            case BpfTraceLexer.INT: return "integer";
            case BpfTraceLexer.STRING: return "string";
            case BpfTraceLexer.MAP: return "map";
            case BpfTraceLexer.VAR: return "variable";
            case BpfTraceLexer.PARAM: return "positional parameter";
            case BpfTraceLexer.ENDPRED: return "end predicate";
            case BpfTraceLexer.ATTACH_POINT: return "attach point";
            case BpfTraceLexer.PREPROC: return "preprocessor directive";
            case BpfTraceLexer.COMMA: return "\",\"";
            default:
                String literal = vocabulary.getLiteralName(type);
                if (literal != null) return literal.substring(1, literal.length() - 1);
                return vocabulary.getDisplayName(type);
        }
    }

    /** Where "end of file" errors point: just after the last non-blank character. */
    private static Pos endOfSource(String source) {
        String trimmed = source.stripTrailing();
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < trimmed.length(); i++) {
            if (trimmed.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Pos(line, trimmed.length() - lineStart + 1);
    }
}
