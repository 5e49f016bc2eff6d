package io.jbpftrace.launcher;

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
