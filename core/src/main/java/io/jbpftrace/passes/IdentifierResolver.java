package io.jbpftrace.passes;

import io.jbpftrace.btf.Btf;
import io.jbpftrace.types.Type;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * What a bare identifier that is no builtin means: a macro of a header the script includes (the
 * preprocessor comes first), else an enumerator of the kernel's BTF. Script {@code #define}s never
 * get here, the lexer has already replaced them.
 */
final class IdentifierResolver {
    /** A compile-time value and the type the language gives it. */
    record Constant(long value, Type type) {}

    private final List<String> includes;
    private final HeaderMacros macros;
    private final Function<String, OptionalLong> enumerators;

    IdentifierResolver(List<String> includes, HeaderMacros macros, Function<String, OptionalLong> enumerators) {
        this.includes = List.copyOf(includes);
        this.macros = macros;
        this.enumerators = enumerators;
    }

    /** Resolves against the shipped macro table and the running kernel's BTF. */
    static IdentifierResolver forKernel(List<String> includes) {
        return new IdentifierResolver(includes, HeaderMacros.shipped(), IdentifierResolver::kernelEnumerator);
    }

    private static OptionalLong kernelEnumerator(String name) {
        try {
            return Btf.vmlinux().enumerator(name);
        } catch (RuntimeException e) {
            return OptionalLong.empty(); // no BTF on this kernel: the identifier stays unknown
        }
    }

    Optional<Constant> resolve(String name) {
        // A macro expands to an integer literal; an enumerator is an unsigned 64-bit value, as in bpftrace.
        OptionalLong macro = macros.lookup(includes, name);
        if (macro.isPresent()) return Optional.of(new Constant(macro.getAsLong(), Type.Int.S64));
        OptionalLong enumerator = enumerators.apply(name);
        if (enumerator.isPresent()) return Optional.of(new Constant(enumerator.getAsLong(), Type.Int.U64));
        return Optional.empty();
    }
}
