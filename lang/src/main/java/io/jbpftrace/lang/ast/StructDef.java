package io.jbpftrace.lang.ast;

import java.util.List;

/** {@code struct name { type field; ... }} written in the script. */
public record StructDef(String name, List<FieldDecl> fields, Pos pos) implements Node {
    /** {@code typeName} is as written ("int", "char", "struct foo", "uint64_t"); pointerDepth counts '*'; arrayLength 0 = scalar. */
    public record FieldDecl(String typeName, int pointerDepth, String name, int arrayLength, Pos pos) implements Node {}
}
