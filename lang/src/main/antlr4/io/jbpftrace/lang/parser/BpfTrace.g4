/*
 * The bpftrace language.
 *
 * Attach points are lexed as single ATTACH_POINT tokens: outside any braces and before a
 * predicate, the lexer reads a whole "type:target:func" run (paths, wildcards, offsets, quoted
 * parts) as one token, which keeps '/', '*', ':' and '+' in attach points away from the
 * expression grammar. Inside braces and predicates the lexer is a plain C-like tokenizer.
 */
grammar BpfTrace;

@lexer::members {
    /** How many '{' are open; 0 means we are between top-level items. */
    private int depth;
    /** True from a top-level '/' (predicate start) until the probe's '{'. */
    private boolean inPredicate;

    private boolean atProbeHeader() { return depth == 0 && !inPredicate; }

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
}

@parser::members {
    private static final java.util.Set<String> INT_TYPES = java.util.Set.of(
            "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64");

    /** Whether '(' starts a cast: "(struct x", "(name *" or "(int type)". */
    private boolean castAhead() {
        int t2 = _input.LA(2);
        if (t2 == STRUCT || t2 == UNION) return true;
        if (t2 != IDENT) return false;
        return _input.LA(3) == STAR || INT_TYPES.contains(_input.LT(2).getText());
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
    | lvalue op=(INCREMENT | DECREMENT)                     # postIncStmt
    | op=(INCREMENT | DECREMENT) lvalue                     # preIncStmt
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
    : op=(LNOT | BNOT | MINUS | STAR | BAND) castExpr       # prefixOp
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

// ---------------------------------------------------------------- lexer

SHEBANG       : '#!' ~[\r\n]* -> skip ;
PREPROC       : '#' ~[\r\n]* ;
LINE_COMMENT  : '//' ~[\r\n]* -> skip ;
// A comment that reaches the end of file stays a token, which the parser reports.
BLOCK_COMMENT : '/*' .*? ('*/' | EOF) { if (getText().length() >= 4 && getText().endsWith("*/")) skip(); } ;
WS            : [ \t\r\n\f]+ -> skip ;

// Punctuation. ')' comes before ',' so "expecting ) or ," reads like bpftrace.
LBRACE   : '{' { depth++; inPredicate = false; } ;
RBRACE   : '}' { if (depth > 0) depth--; } ;
LPAREN   : '(' ;
RPAREN   : ')' ;
LBRACKET : '[' ;
RBRACKET : ']' ;
SEMI     : ';' ;
COMMA    : ',' ;
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
ASSIGN : '=' ;
PLUS  : '+' ;
MINUS : '-' ;
STAR  : '*' ;
ENDPRED : '/' {endsPredicate()}? { inPredicate = false; } ;
DIV   : '/' { if (depth == 0) inPredicate = true; } ;
MOD   : '%' ;
BAND  : '&' ;
BOR   : '|' ;
BXOR  : '^' ;
LNOT  : '!' ;
BNOT  : '~' ;

// Keywords come before IDENT so that they win ties.
STRUCT   : 'struct' ;
UNION    : 'union' ;
CONFIG   : 'config' ;
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

IDENT : IDENT_TEXT ;

/** Only at top level: a whole attach point; ties with IDENT (BEGIN, END) go to IDENT. */
ATTACH_POINT : {atProbeHeader()}? AP_START (AP_CHAR | AP_QUOTED)* ;

ERROR_CHAR : . ;

fragment IDENT_TEXT  : [a-zA-Z_] [a-zA-Z0-9_]* ;
fragment INT_SUFFIX  : [uU] [lL]? | [lL] [uU]? ;
fragment STRING_CHAR : ~["\\\r\n] | '\\' ~[\r\n] ;
fragment AP_START    : [a-zA-Z_*.] ;
fragment AP_CHAR     : ~[ \t\r\n\f,{}();="] ;
fragment AP_QUOTED   : '"' STRING_CHAR* '"' ;
