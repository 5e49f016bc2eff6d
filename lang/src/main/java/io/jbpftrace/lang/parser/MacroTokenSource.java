package io.jbpftrace.lang.parser;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.misc.Pair;

/**
 * Object-like {@code #define NAME value} macros, as bpftrace gets them from clang's preprocessor:
 * an identifier named like a macro is replaced by the tokens of its value, which take the
 * identifier's position (so errors point where the macro was used). Values may use other macros; a
 * macro is not expanded inside its own value. Function-like macros ({@code #define F(x) ...}) are
 * not expanded, as in bpftrace 0.17, where calling one fails as an unknown function.
 */
public final class MacroTokenSource implements TokenSource {
    private static final Pattern DEFINE = Pattern.compile("^[ \\t]*#[ \\t]*define[ \\t]+([A-Za-z_][A-Za-z0-9_]*)(?![A-Za-z0-9_(])[ \\t]*(.*?)[ \\t]*$", Pattern.MULTILINE);

    private final BpfTraceLexer lexer;
    private final Map<String, String> macros;
    private final Deque<Token> pending = new ArrayDeque<>();

    public MacroTokenSource(BpfTraceLexer lexer, Map<String, String> macros) {
        this.lexer = lexer;
        this.macros = macros;
    }

    /** The object-like macros a script defines, in order; a later definition replaces an earlier one. */
    public static Map<String, String> definitions(String source) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = DEFINE.matcher(source);
        while (m.find()) out.put(m.group(1), stripComment(m.group(2)));
        return out;
    }

    private static String stripComment(String value) {
        int c = value.indexOf("//");
        return (c >= 0 ? value.substring(0, c) : value).strip();
    }

    @Override public Token nextToken() {
        if (!pending.isEmpty()) return pending.poll();
        Token t = lexer.nextToken();
        if (t.getType() != BpfTraceLexer.IDENT || !macros.containsKey(t.getText())) return t;
        pending.addAll(expand(t, Set.of()));
        return pending.isEmpty() ? nextToken() : pending.poll();
    }

    private List<Token> expand(Token at, Set<String> expanding) {
        String name = at.getText();
        Set<String> inner = new java.util.HashSet<>(expanding);
        inner.add(name);
        BpfTraceLexer valueLexer = new BpfTraceLexer(CharStreams.fromString(macros.get(name)));
        valueLexer.removeErrorListeners();
        valueLexer.pushMode(BpfTraceLexer.CODE);
        List<Token> out = new java.util.ArrayList<>();
        for (Token v = valueLexer.nextToken(); v.getType() != Token.EOF; v = valueLexer.nextToken()) {
            if (v.getType() == BpfTraceLexer.IDENT && macros.containsKey(v.getText()) && !inner.contains(v.getText())) {
                for (Token nested : expand(v, inner)) out.add(placed(nested, at));
            } else {
                out.add(placed(v, at));
            }
        }
        return out;
    }

    /** A value token moved to where the macro was used. */
    private Token placed(Token v, Token at) {
        CommonToken t = new CommonToken(new Pair<>(at.getTokenSource(), at.getInputStream()), v.getType(), v.getChannel(),
                at.getStartIndex(), at.getStopIndex());
        t.setText(v.getText());
        t.setLine(at.getLine());
        t.setCharPositionInLine(at.getCharPositionInLine());
        return t;
    }

    @Override public int getLine() { return lexer.getLine(); }

    @Override public int getCharPositionInLine() { return lexer.getCharPositionInLine(); }

    @Override public CharStream getInputStream() { return lexer.getInputStream(); }

    @Override public String getSourceName() { return lexer.getSourceName(); }

    @Override public void setTokenFactory(TokenFactory<?> factory) { lexer.setTokenFactory(factory); }

    @Override public TokenFactory<?> getTokenFactory() { return lexer.getTokenFactory(); }
}
