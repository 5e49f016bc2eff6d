package io.jbpftrace.lang.parser;

import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.FailedPredicateException;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
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
            expected = IntervalSet.EMPTY_SET; // many alternatives: say only what was unexpected
        } else {
            expected = e.getExpectedTokens() != null ? e.getExpectedTokens() : parser.getExpectedTokens();
        }
        throw new SyntaxError(offending, expected);
    }

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
