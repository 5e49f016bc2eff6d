/*
 * The bpftrace language: tokens.
 *
 * Attach points are lexed as single ATTACH_POINT tokens: between top-level items, the lexer
 * reads a whole "type:target:func" run (paths, wildcards, offsets, quoted parts) as one token,
 * which keeps '/', '*', ':' and '+' in attach points away from the expression grammar. Inside
 * braces and predicates (mode CODE) it is a plain C-like tokenizer.
 */
lexer grammar BpfTraceLexer;

@members {
    /** True from a top-level '/' (predicate start) until the probe's '{'. */
    private boolean inPredicate;

    /** A '/' ends a predicate when only white space and comments separate it from the probe's '{'. */
    private boolean endsPredicate() {
        if (!inPredicate) return false;
        int i = 1;
        while (true) {
            int c = _input.LA(i);
            if (c == '{') return true;
            if (c == '/' && _input.LA(i + 1) == '/') {
                while (_input.LA(i) != '\n' && _input.LA(i) != IntStream.EOF) i++;
            } else if (c == '/' && _input.LA(i + 1) == '*') {
                i += 2;
                while (!(_input.LA(i) == '*' && _input.LA(i + 1) == '/')) {
                    if (_input.LA(i) == IntStream.EOF) return false;
                    i++;
                }
                i += 2;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f') {
                i++;
            } else {
                return false;
            }
        }
    }

    /** '{' opens a code frame, except the probe's '{' right after a predicate, which reuses the predicate's frame. */
    private void openBrace() {
        if (inPredicate) inPredicate = false;
        else pushMode(CODE);
    }

    private void closeBrace() {
        if (!_modeStack.isEmpty()) popMode();
    }
}

// ---------------------------------------------------------------- lexer
//
// Two modes instead of semantic predicates, so that ANTLR can cache the lexer DFA:
// the default mode is "between top-level items" (attach points, #include, struct, config),
// CODE is inside braces and predicates. The token types are shared (-> type(...)).

SHEBANG       : '#!' ~[\r\n]* -> skip ;
PREPROC       : '#' ~[\r\n]* ;
LINE_COMMENT  : '//' ~[\r\n]* -> skip ;
// A comment that reaches the end of file stays a token, which the parser reports.
BLOCK_COMMENT : '/*' .*? ('*/' | EOF) { if (getText().length() >= 4 && getText().endsWith("*/")) skip(); } ;
WS            : [ \t\r\n\f]+ -> skip ;

LBRACE   : '{' { pushMode(CODE); } ;
RBRACE   : '}' ;
SEMI     : ';' ;
COMMA    : ',' ;
ASSIGN   : '=' ;
// A top-level '/' starts a predicate; its expression is lexed in CODE mode.
DIV      : '/' { inPredicate = true; pushMode(CODE); } ;

// Keywords come before IDENT so that they win ties.
STRUCT   : 'struct' ;
UNION    : 'union' ;
CONFIG   : 'config' ;
IDENT    : IDENT_TEXT ;

/** A whole attach point; ties with IDENT (BEGIN, END) go to IDENT. */
ATTACH_POINT : AP_START (AP_CHAR | AP_QUOTED)* ;

ERROR_CHAR : . ;

mode CODE;

C_LINE_COMMENT  : '//' ~[\r\n]* -> skip ;
C_BLOCK_COMMENT : '/*' .*? ('*/' | EOF)
                  { setType(BLOCK_COMMENT); if (getText().length() >= 4 && getText().endsWith("*/")) skip(); } ;
C_WS            : [ \t\r\n\f]+ -> skip ;

C_LBRACE : '{' { openBrace(); } -> type(LBRACE) ;
C_RBRACE : '}' { closeBrace(); } -> type(RBRACE) ;
LPAREN   : '(' ;
RPAREN   : ')' ;
LBRACKET : '[' ;
RBRACKET : ']' ;
C_SEMI   : ';' -> type(SEMI) ;
C_COMMA  : ',' -> type(COMMA) ;
COLON    : ':' ;
QUESTION : '?' ;
ARROW    : '->' ;
DOT      : '.' ;

INCREMENT : '++' ;
DECREMENT : '--' ;
PLUS_ASSIGN  : '+=' ;
MINUS_ASSIGN : '-=' ;
MUL_ASSIGN   : '*=' ;
DIV_ASSIGN   : '/=' ;
MOD_ASSIGN   : '%=' ;
AND_ASSIGN   : '&=' ;
OR_ASSIGN    : '|=' ;
XOR_ASSIGN   : '^=' ;
SHL_ASSIGN   : '<<=' ;
SHR_ASSIGN   : '>>=' ;

EQ   : '==' ;
NE   : '!=' ;
LE   : '<=' ;
GE   : '>=' ;
SHL  : '<<' ;
SHR  : '>>' ;
LT   : '<' ;
GT   : '>' ;
LAND : '&&' ;
LOR  : '||' ;
C_ASSIGN : '=' -> type(ASSIGN) ;
PLUS  : '+' ;
MINUS : '-' ;
STAR  : '*' ;
// Only this rule carries a predicate, so only '/' misses the lexer's DFA cache.
ENDPRED : '/' {endsPredicate()}? ;
C_DIV : '/' -> type(DIV) ;
MOD   : '%' ;
BAND  : '&' ;
BOR   : '|' ;
BXOR  : '^' ;
LNOT  : '!' ;
BNOT  : '~' ;

C_STRUCT : 'struct' -> type(STRUCT) ;
C_UNION  : 'union' -> type(UNION) ;
C_CONFIG : 'config' -> type(CONFIG) ;
IF       : 'if' ;
ELSE     : 'else' ;
UNROLL   : 'unroll' ;
WHILE    : 'while' ;
FOR      : 'for' ;
BREAK    : 'break' ;
CONTINUE : 'continue' ;
RETURN   : 'return' ;
LET      : 'let' ;
SIZEOF   : 'sizeof' ;
OFFSETOF : 'offsetof' ;

PARAMCOUNT : '$#' ;
PARAM      : '$' [0-9]+ ;
VAR        : '$' IDENT_TEXT ;
MAP        : '@' IDENT_TEXT? ;

INT
    : [0-9] [0-9_]* ([eE] [0-9]+)? INT_SUFFIX?
    | '0' [xX] [0-9a-fA-F] [0-9a-fA-F_]* INT_SUFFIX?
    ;

STRING              : '"' STRING_CHAR* '"' ;
UNTERMINATED_STRING : '"' STRING_CHAR* ;

C_IDENT : IDENT_TEXT -> type(IDENT) ;

C_ERROR_CHAR : . -> type(ERROR_CHAR) ;

fragment IDENT_TEXT  : [a-zA-Z_] [a-zA-Z0-9_]* ;
fragment INT_SUFFIX  : [uU] [lL]? | [lL] [uU]? ;
fragment STRING_CHAR : ~["\\\r\n] | '\\' ~[\r\n] ;
fragment AP_START    : [a-zA-Z_*.] ;
fragment AP_CHAR     : ~[ \t\r\n\f,{}();="] ;
fragment AP_QUOTED   : '"' STRING_CHAR* '"' ;
