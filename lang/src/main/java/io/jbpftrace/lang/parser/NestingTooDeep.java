package io.jbpftrace.lang.parser;

import org.antlr.v4.runtime.Token;

/** The parser went deeper than {@link io.jbpftrace.lang.NestingLimit#MAX_RULE_DEPTH}; {@link #at()} is where. */
public final class NestingTooDeep extends RuntimeException {
    private final transient Token at;

    NestingTooDeep(Token at) {
        super(null, null, false, false);
        this.at = at;
    }

    public Token at() { return at; }
}
