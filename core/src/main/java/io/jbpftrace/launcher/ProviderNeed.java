package io.jbpftrace.launcher;

import java.util.HashSet;
import java.util.Set;

/**
 * Whether a script may need provider bundles, guessed from its text before it is parsed: every probe
 * but BEGIN and END is written {@code type:...}, so a script with no colon outside its comments and
 * string literals has none. A wrong "yes" (a ternary's colon) only starts the framework needlessly;
 * there is no wrong "no", since the registry still starts it on first use.
 */
final class ProviderNeed {
    private ProviderNeed() {}

    static boolean mayNeedProviders(String source) {
        if (source == null) return true;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == ':') return true;
            if (c == '"') i = skipString(source, i);
            else if (source.startsWith("//", i)) i = endOf(source, "\n", i);
            else if (source.startsWith("/*", i)) i = endOf(source, "*/", i);
        }
        return false;
    }

    /**
     * The words written just before a colon outside comments and string literals: a superset of the
     * script's probe types ({@code tracepoint} and {@code syscalls} of {@code tracepoint:syscalls:x}),
     * so only the provider bundles of those types need to start. A type missed here (a probe type
     * spelled through a macro, say) is still found: the registry then starts the other bundles.
     */
    static Set<String> wordsBeforeColons(String source) {
        Set<String> words = new HashSet<>();
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == ':') {
                int start = i;
                while (start > 0 && isWordChar(source.charAt(start - 1))) start--;
                if (start < i) words.add(source.substring(start, i));
            } else if (c == '"') {
                i = skipString(source, i);
            } else if (source.startsWith("//", i)) {
                i = endOf(source, "\n", i);
            } else if (source.startsWith("/*", i)) {
                i = endOf(source, "*/", i);
            }
        }
        return words;
    }

    private static boolean isWordChar(char c) { return Character.isLetterOrDigit(c) || c == '_'; }

    private static int skipString(String s, int open) {
        for (int i = open + 1; i < s.length(); i++) {
            if (s.charAt(i) == '\\') i++;
            else if (s.charAt(i) == '"') return i;
        }
        return s.length();
    }

    private static int endOf(String s, String end, int from) {
        int at = s.indexOf(end, from + 2);
        return at < 0 ? s.length() : at + end.length() - 1;
    }
}
