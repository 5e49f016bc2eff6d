package io.jbpftrace.lang;

import io.jbpftrace.lang.ast.Pos;
import io.jbpftrace.lang.ast.Program;
import io.jbpftrace.lang.parser.AstBuilder;
import io.jbpftrace.lang.parser.BpfTraceLexer;
import io.jbpftrace.lang.parser.BpfTraceParser;
import io.jbpftrace.lang.parser.Conditionals;
import io.jbpftrace.lang.parser.MacroTokenSource;
import io.jbpftrace.lang.parser.NestingTooDeep;
import io.jbpftrace.lang.parser.SyntaxErrorStrategy;
import io.jbpftrace.lang.parser.SyntaxErrorStrategy.SyntaxError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
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
        return parse(fileName, source, java.util.Set.of());
    }

    /**
     * @param predefined macro names defined before the script, for its {@code #ifdef}s
     *                   (the compiler defines {@code BPFTRACE_HAVE_BTF} when the kernel has BTF)
     */
    public static Program parse(String fileName, String source, java.util.Set<String> predefined) {
        ScriptText.requireUtf8(fileName, source);
        return DeepStack.call(() -> {
            Program program;
            try {
                program = parseDeep(fileName, source, predefined);
            } catch (NestingTooDeep e) {
                Token t = e.at();
                throw new CompileError(fileName, source, new Pos(t.getLine(), t.getCharPositionInLine() + 1), NestingLimit.MESSAGE);
            }
            NestingLimit.check(program);
            return program;
        });
    }

    private static Program parseDeep(String fileName, String source, java.util.Set<String> predefined) {
        String text = Conditionals.apply(source, predefined);
        BpfTraceLexer lexer = new BpfTraceLexer(CharStreams.fromString(text, fileName));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(new MacroTokenSource(lexer, MacroTokenSource.definitions(text)));
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
                throw toCompileError(fileName, source, e);
            }
        }
        return new AstBuilder(fileName, source).buildProgram(tree);
    }

    private static CompileError toCompileError(String fileName, String source, SyntaxError e) {
        Token t = e.offending();
        Pos pos = new Pos(t.getLine(), t.getCharPositionInLine() + 1);
        int length = t.getType() == Token.EOF ? 1 : Math.max(1, t.getStopIndex() - t.getStartIndex() + 1);
        String message = switch (t.getType()) {
            case BpfTraceLexer.UNTERMINATED_STRING -> "unterminated string";
            case BpfTraceLexer.BLOCK_COMMENT -> "end of file during comment";
            case BpfTraceLexer.ERROR_CHAR -> "invalid character '" + visible(t.getText()) + "'";
            default -> syntaxMessage(t, e.expected());
        };
        if (t.getType() == Token.EOF) pos = endOfSource(source);
        return new CompileError(fileName, source, pos, length, message);
    }

    /** A control character as a C escape ({@code \x00}), so the message shows what is there. */
    private static String visible(String text) {
        char c = text.isEmpty() ? ' ' : text.charAt(0);
        return c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : text;
    }

    private static String syntaxMessage(Token t, IntervalSet expected) {
        StringBuilder message = new StringBuilder("syntax error, unexpected ").append(describe(t.getType()));
        List<String> names = new ArrayList<>();
        if (expected != null) {
            // bison reduces a finished operand before it reports, so it never offers operators that
            // would continue it; ANTLR still has them in its set
            boolean afterOperand = expected.contains(BpfTraceLexer.PLUS);
            for (Map.Entry<Integer, String> e : TOKEN_NAMES.entrySet()) {
                if (afterOperand && CONTINUATIONS.contains(e.getKey())) continue;
                if (expected.contains(e.getKey())) names.add(e.getValue());
            }
        }
        if (!names.isEmpty() && names.size() <= MAX_EXPECTED) {
            message.append(", expecting ").append(String.join(" or ", names));
        }
        return message.toString();
    }

    /** Tokens that extend an expression already complete: binary, postfix and assignment operators. */
    private static final java.util.Set<Integer> CONTINUATIONS = java.util.Set.of(
            BpfTraceLexer.QUESTION, BpfTraceLexer.ARROW, BpfTraceLexer.DOT, BpfTraceLexer.LBRACKET,
            BpfTraceLexer.INCREMENT, BpfTraceLexer.DECREMENT, BpfTraceLexer.PLUS_ASSIGN, BpfTraceLexer.MINUS_ASSIGN,
            BpfTraceLexer.MUL_ASSIGN, BpfTraceLexer.DIV_ASSIGN, BpfTraceLexer.MOD_ASSIGN, BpfTraceLexer.AND_ASSIGN,
            BpfTraceLexer.OR_ASSIGN, BpfTraceLexer.XOR_ASSIGN, BpfTraceLexer.SHL_ASSIGN, BpfTraceLexer.SHR_ASSIGN,
            BpfTraceLexer.EQ, BpfTraceLexer.NE, BpfTraceLexer.LE, BpfTraceLexer.GE, BpfTraceLexer.SHL, BpfTraceLexer.SHR,
            BpfTraceLexer.LT, BpfTraceLexer.GT, BpfTraceLexer.LAND, BpfTraceLexer.LOR, BpfTraceLexer.ASSIGN,
            BpfTraceLexer.PLUS, BpfTraceLexer.MINUS, BpfTraceLexer.STAR, BpfTraceLexer.DIV, BpfTraceLexer.MOD,
            BpfTraceLexer.BAND, BpfTraceLexer.BOR, BpfTraceLexer.BXOR);

    private static String describe(int type) {
        return TOKEN_NAMES.getOrDefault(type, BpfTraceLexer.VOCABULARY.getDisplayName(type));
    }

    /**
     * Token names as bpftrace prints them (punctuation bare, "," quoted, kinds in words), in the
     * order an "expecting" list shows them.
     */
    private static final Map<Integer, String> TOKEN_NAMES = new LinkedHashMap<>();

    static {
        Object[] names = {
            BpfTraceLexer.LBRACE, "{", BpfTraceLexer.RBRACE, "}", BpfTraceLexer.LPAREN, "(",
            BpfTraceLexer.RPAREN, ")", BpfTraceLexer.LBRACKET, "[", BpfTraceLexer.RBRACKET, "]",
            BpfTraceLexer.SEMI, ";", BpfTraceLexer.COMMA, "\",\"", BpfTraceLexer.COLON, ":",
            BpfTraceLexer.QUESTION, "?", BpfTraceLexer.ARROW, "->", BpfTraceLexer.DOT, ".",
            BpfTraceLexer.INCREMENT, "++", BpfTraceLexer.DECREMENT, "--",
            BpfTraceLexer.PLUS_ASSIGN, "+=", BpfTraceLexer.MINUS_ASSIGN, "-=", BpfTraceLexer.MUL_ASSIGN, "*=",
            BpfTraceLexer.DIV_ASSIGN, "/=", BpfTraceLexer.MOD_ASSIGN, "%=", BpfTraceLexer.AND_ASSIGN, "&=",
            BpfTraceLexer.OR_ASSIGN, "|=", BpfTraceLexer.XOR_ASSIGN, "^=", BpfTraceLexer.SHL_ASSIGN, "<<=",
            BpfTraceLexer.SHR_ASSIGN, ">>=", BpfTraceLexer.EQ, "==", BpfTraceLexer.NE, "!=",
            BpfTraceLexer.LE, "<=", BpfTraceLexer.GE, ">=", BpfTraceLexer.SHL, "<<", BpfTraceLexer.SHR, ">>",
            BpfTraceLexer.LT, "<", BpfTraceLexer.GT, ">", BpfTraceLexer.LAND, "&&", BpfTraceLexer.LOR, "||",
            BpfTraceLexer.ASSIGN, "=", BpfTraceLexer.PLUS, "+", BpfTraceLexer.MINUS, "-", BpfTraceLexer.STAR, "*",
            BpfTraceLexer.DIV, "/", BpfTraceLexer.MOD, "%", BpfTraceLexer.BAND, "&", BpfTraceLexer.BOR, "|",
            BpfTraceLexer.BXOR, "^", BpfTraceLexer.LNOT, "!", BpfTraceLexer.BNOT, "~",
            BpfTraceLexer.STRUCT, "struct", BpfTraceLexer.UNION, "union", BpfTraceLexer.CONFIG, "config",
            BpfTraceLexer.IF, "if", BpfTraceLexer.ELSE, "else", BpfTraceLexer.UNROLL, "unroll",
            BpfTraceLexer.WHILE, "while", BpfTraceLexer.FOR, "for", BpfTraceLexer.BREAK, "break",
            BpfTraceLexer.CONTINUE, "continue", BpfTraceLexer.RETURN, "return", BpfTraceLexer.LET, "let",
            BpfTraceLexer.SIZEOF, "sizeof", BpfTraceLexer.OFFSETOF, "offsetof",
            BpfTraceLexer.ENDPRED, "end predicate", BpfTraceLexer.IDENT, "identifier",
            BpfTraceLexer.ATTACH_POINT, "attach point", BpfTraceLexer.INT, "integer",
            BpfTraceLexer.STRING, "string", BpfTraceLexer.MAP, "map", BpfTraceLexer.VAR, "variable",
            BpfTraceLexer.PARAM, "positional parameter", BpfTraceLexer.PARAMCOUNT, "$#",
            BpfTraceLexer.PREPROC, "preprocessor directive", Token.EOF, "end of file",
        };
        for (int i = 0; i < names.length; i += 2) TOKEN_NAMES.put((Integer) names[i], (String) names[i + 1]);
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
