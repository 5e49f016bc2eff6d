package io.jbpftrace.lang.parser;

import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.FailedPredicateException;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Stops at the first syntax error (no recovery, no console output) and hands it to the caller as
 * a {@link SyntaxError} carrying the offending token and the tokens that would have been valid.
 */
public final class SyntaxErrorStrategy extends DefaultErrorStrategy {

    /** The first syntax error; unchecked so it crosses the generated parser's catch blocks. */
    public static final class SyntaxError extends RuntimeException {
        private final transient Token offending;
        private final transient IntervalSet expected;

        SyntaxError(Token offending, IntervalSet expected) {
            super(null, null, false, false);
            this.offending = offending;
            this.expected = expected;
        }

        public Token offending() { return offending; }

        public IntervalSet expected() { return expected; }
    }

    @Override public void reportError(Parser parser, RecognitionException e) {
        Token offending = e.getOffendingToken() != null ? e.getOffendingToken() : parser.getCurrentToken();
        IntervalSet expected;
        if (e instanceof NoViableAltException || e instanceof FailedPredicateException) {
            // many alternatives: say only what was unexpected, unless an operand inside brackets was complete
            expected = insideBrackets(parser.getInputStream(), offending);
        } else {
            expected = new IntervalSet(e.getExpectedTokens() != null ? e.getExpectedTokens() : parser.getExpectedTokens());
            expected.addAll(insideBrackets(parser.getInputStream(), offending));
        }
        throw new SyntaxError(offending, expected);
    }

    /**
     * After a complete operand inside {@code (…} or {@code […} (a call, tuple, map key), bison expects
     * the closing bracket or a comma: {@code @x[1 = 2} says "expecting ] or ","". Otherwise nothing.
     */
    static IntervalSet insideBrackets(TokenStream tokens, Token offending) {
        int at = offending.getTokenIndex();
        if (at < 1) return IntervalSet.EMPTY_SET;
        java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<Boolean> lists = new java.util.ArrayDeque<>();
        for (int i = 0; i < at; i++) {
            int type = tokens.get(i).getType();
            if (type == BpfTraceLexer.LPAREN || type == BpfTraceLexer.LBRACKET || type == BpfTraceLexer.LBRACE) {
                int before = i > 0 ? tokens.get(i - 1).getType() : Token.INVALID_TYPE;
                open.push(type);
                lists.push(before != BpfTraceLexer.IF && before != BpfTraceLexer.WHILE && before != BpfTraceLexer.UNROLL);
            } else if ((type == BpfTraceLexer.RPAREN || type == BpfTraceLexer.RBRACKET || type == BpfTraceLexer.RBRACE) && !open.isEmpty()) {
                open.pop();
                lists.pop();
            }
        }
        if (open.isEmpty() || open.peek() == BpfTraceLexer.LBRACE || !OPERAND_ENDS.contains(tokens.get(at - 1).getType())) {
            return IntervalSet.EMPTY_SET;
        }
        IntervalSet set = IntervalSet.of(open.peek() == BpfTraceLexer.LPAREN ? BpfTraceLexer.RPAREN : BpfTraceLexer.RBRACKET);
        if (lists.peek()) set.add(BpfTraceLexer.COMMA);
        return set;
    }

    private static final java.util.Set<Integer> OPERAND_ENDS = java.util.Set.of(
            BpfTraceLexer.INT, BpfTraceLexer.STRING, BpfTraceLexer.VAR, BpfTraceLexer.MAP, BpfTraceLexer.IDENT,
            BpfTraceLexer.PARAM, BpfTraceLexer.PARAMCOUNT, BpfTraceLexer.RPAREN, BpfTraceLexer.RBRACKET);

    @Override public void recover(Parser parser, RecognitionException e) {
        throw new SyntaxError(e.getOffendingToken(), IntervalSet.EMPTY_SET);
    }

    @Override public Token recoverInline(Parser parser) {
        reportError(parser, new InputMismatchException(parser));
        return null; // not reached
    }

    /** Like the default sync, but fails at once instead of deleting or skipping tokens. */
    @Override public void sync(Parser parser) {
        ATNState state = parser.getInterpreter().atn.states.get(parser.getState());
        int la = parser.getInputStream().LA(1);
        IntervalSet next = parser.getATN().nextTokens(state);
        if (next.contains(la) || next.contains(Token.EPSILON)) return;
        switch (state.getStateType()) {
            case ATNState.BLOCK_START, ATNState.STAR_BLOCK_START, ATNState.PLUS_BLOCK_START,
                 ATNState.STAR_LOOP_ENTRY, ATNState.PLUS_LOOP_BACK, ATNState.STAR_LOOP_BACK ->
                    throw new SyntaxError(parser.getCurrentToken(), parser.getExpectedTokens());
            default -> { }
        }
    }
}
