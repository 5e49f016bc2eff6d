/*
 * The bpftrace language: syntax. Tokens come from BpfTraceLexer.g4; the AST is built by the
 * hand-written AstBuilder. Expression levels follow C precedence, one rule per level.
 */
parser grammar BpfTraceParser;

options { tokenVocab = BpfTraceLexer; }

@members {
    private static final java.util.Set<String> INT_TYPES = java.util.Set.of(
            "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64");

    /** Names bpftrace's lexer takes as builtins, so "(pid) - 1" is arithmetic, not a cast. */
    private static final java.util.regex.Pattern BUILTIN = java.util.regex.Pattern.compile(
            "s?arg[0-9]|args|cgroup|comm|cpid|cpu|ctx|curtask|elapsed|func|gid|jiffies|kstack|nsecs"
            + "|numaid|pid|probe|rand|retval|tid|uid|username|ustack");

    /** Whether '(' starts a cast: "(struct x", "(name *", "(int type)" or, as in bpftrace, "(name)" of a non-builtin. */
    private boolean castAhead() {
        int t2 = _input.LA(2);
        if (t2 == STRUCT || t2 == UNION) return true;
        if (t2 != IDENT) return false;
        String name = _input.LT(2).getText();
        if (_input.LA(3) == STAR || INT_TYPES.contains(name)) return true;
        return _input.LA(3) == RPAREN && !BUILTIN.matcher(name).matches();
    }

    /**
     * Active rule invocations, to stop a hostile nesting before the Java stack runs out. A list of
     * statements recurses through stmts once per statement, so stmts does not count.
     */
    private int ruleDepth;

    @Override public void enterRule(org.antlr.v4.runtime.ParserRuleContext ctx, int state, int ruleIndex) {
        if (ruleIndex != RULE_stmts && ++ruleDepth > io.jbpftrace.lang.NestingLimit.MAX_RULE_DEPTH) {
            throw new NestingTooDeep(getCurrentToken());
        }
        super.enterRule(ctx, state, ruleIndex);
    }

    @Override public void exitRule() {
        if (_ctx.getRuleIndex() != RULE_stmts) ruleDepth--;
        super.exitRule();
    }

    @Override public void reset() {
        super.reset();
        ruleDepth = 0;
    }
}

// ---------------------------------------------------------------- program structure

program
    : topItem* config? probe+ EOF
    ;

topItem
    : PREPROC
    | structDef
    ;

structDef
    : kind=(STRUCT | UNION) name=IDENT LBRACE fieldDecl* RBRACE SEMI?
    ;

fieldDecl
    : cType STAR* name=IDENT (LBRACKET INT RBRACKET)? SEMI
    ;

/** A C type name as written in a struct definition: "struct foo", "unsigned long", "u64". */
cType
    : (STRUCT | UNION) IDENT
    | IDENT+
    ;

config
    : CONFIG ASSIGN LBRACE (configEntry (SEMI configEntry)* SEMI?)? RBRACE
    ;

configEntry
    : IDENT ASSIGN expr
    ;

probe
    : attachPoint (COMMA attachPoint)* predicate? block
    ;

attachPoint
    : ATTACH_POINT
    | IDENT
    ;

predicate
    : DIV expr ENDPRED
    ;

// ---------------------------------------------------------------- statements

block
    : LBRACE stmts RBRACE
    ;

/** Simple statements are separated by ';' (the last one may omit it); compound ones need none. */
stmts
    : (compoundStmt stmts | simpleStmt (SEMI stmts)?)?
    ;

compoundStmt
    : ifStmt                                                # ifCompound
    | UNROLL LPAREN expr RPAREN block                       # unrollStmt
    | WHILE LPAREN expr RPAREN block                        # whileStmt
    | FOR LPAREN VAR COLON mapRef RPAREN block              # forStmt
    ;

ifStmt
    : IF LPAREN expr RPAREN block (ELSE (block | ifStmt))?
    ;

simpleStmt
    : lvalue op=assignOp expr                               # assignStmt
    | LET VAR (ASSIGN expr)?                                # letStmt
    | BREAK                                                 # breakStmt
    | CONTINUE                                              # continueStmt
    | RETURN                                                # returnStmt
    | expr                                                  # exprStmt
    ;

lvalue
    : mapRef
    | VAR
    ;

assignOp
    : ASSIGN | PLUS_ASSIGN | MINUS_ASSIGN | MUL_ASSIGN | DIV_ASSIGN | MOD_ASSIGN
    | AND_ASSIGN | OR_ASSIGN | XOR_ASSIGN | SHL_ASSIGN | SHR_ASSIGN
    ;

// ---------------------------------------------------------------- expressions (C precedence)

expr
    : conditional
    ;

conditional
    : logicalOr (QUESTION expr COLON conditional)?
    ;

logicalOr      : logicalAnd (ops+=LOR logicalAnd)* ;
logicalAnd     : bitOr (ops+=LAND bitOr)* ;
bitOr          : bitXor (ops+=BOR bitXor)* ;
bitXor         : bitAnd (ops+=BXOR bitAnd)* ;
bitAnd         : equality (ops+=BAND equality)* ;
equality       : relational (ops+=(EQ | NE) relational)* ;
relational     : shift (ops+=(LT | LE | GT | GE) shift)* ;
shift          : additive (ops+=(SHL | SHR) additive)* ;
additive       : multiplicative (ops+=(PLUS | MINUS) multiplicative)* ;
multiplicative : castExpr (ops+=(STAR | DIV | MOD) castExpr)* ;

castExpr
    : {castAhead()}? LPAREN castType RPAREN castExpr        # cast
    | unary                                                 # notCast
    ;

castType
    : (STRUCT | UNION) IDENT STAR*
    | IDENT STAR*
    ;

unary
    : op=(INCREMENT | DECREMENT) lvalue                     # preIncrement
    | op=(LNOT | BNOT | MINUS | STAR | BAND) castExpr       # prefixOp
    | lvalue op=(INCREMENT | DECREMENT)                     # postIncrement
    | postfix                                               # plainPostfix
    ;

postfix
    : primary postfixOp*
    ;

postfixOp
    : DOT INT                                               # tupleIndexOp
    | DOT fieldName                                         # dotOp
    | ARROW fieldName                                       # arrowOp
    | LBRACKET expr RBRACKET                                # indexOp
    ;

primary
    : INT                                                   # intLit
    | STRING                                                # strLit
    | PARAM                                                 # param
    | PARAMCOUNT                                            # paramCount
    | mapRef                                                # mapExpr
    | VAR                                                   # varExpr
    | SIZEOF LPAREN castType RPAREN                         # sizeofType
    | SIZEOF LPAREN expr RPAREN                             # sizeofExpr
    | OFFSETOF LPAREN castType COMMA fieldName RPAREN       # offsetofExpr
    | IDENT LPAREN (expr (COMMA expr)*)? RPAREN             # call
    | IDENT                                                 # builtin
    | LPAREN expr (COMMA expr)* RPAREN                      # parenOrTuple
    ;

mapRef
    : MAP (LBRACKET expr (COMMA expr)* RBRACKET)?
    ;

/** Struct fields may be named like keywords. */
fieldName
    : IDENT | STRUCT | UNION | CONFIG | IF | ELSE | UNROLL | WHILE | FOR | BREAK | CONTINUE
    | RETURN | LET | SIZEOF | OFFSETOF
    ;

