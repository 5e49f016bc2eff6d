package io.jbpftrace.spi;

import java.util.regex.Pattern;

/** Shell-style wildcards ({@code *}, {@code ?}) as used in probe names and -l patterns. */
public final class Glob {
    private final Pattern pattern;

    private Glob(Pattern pattern) { this.pattern = pattern; }

    public static Glob of(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new Glob(Pattern.compile(re.toString()));
    }

    public static boolean hasWildcard(String s) { return s.indexOf('*') >= 0 || s.indexOf('?') >= 0; }

    public boolean matches(String s) { return pattern.matcher(s).matches(); }
}
