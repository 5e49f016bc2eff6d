package io.jbpftrace.lang.ast;

import java.util.List;
import java.util.Map;

/**
 * A parsed script.
 *
 * @param includes  {@code #include} targets as written (without brackets/quotes)
 * @param structs   struct definitions written in the script
 * @param config    {@code config = { key = value; ... }} entries
 */
public record Program(String fileName, String source, List<String> includes, List<StructDef> structs,
                      Map<String, Expr> config, List<Probe> probes) {}
