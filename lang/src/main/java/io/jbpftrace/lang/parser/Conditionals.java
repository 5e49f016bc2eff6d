package io.jbpftrace.lang.parser;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code #ifdef}, {@code #ifndef}, {@code #if}, {@code #elif}, {@code #else} and {@code #endif}, as
 * the C preprocessor applies them before bpftrace parses a script. Lines of a branch not taken are
 * blanked (newlines kept), so every position in the rest of the script stays where it was.
 * {@code #if} understands integer literals and {@code defined NAME}/{@code defined(NAME)} with
 * {@code !}; any other condition counts as true, so such a branch is kept as it was before.
 */
public final class Conditionals {
    private static final Pattern DIRECTIVE = Pattern.compile("^[ \\t]*#[ \\t]*(ifdef|ifndef|if|elif|else|endif|define|undef)\\b[ \\t]*(.*?)[ \\t]*$");
    private static final Pattern DEFINED = Pattern.compile("(!?)\\s*defined\\s*\\(?\\s*([A-Za-z_]\\w*)\\s*\\)?");

    private Conditionals() {}

    /** One open {@code #if…}: whether its enclosing region is live, and whether a branch was taken yet. */
    private record Frame(boolean outerLive, boolean taken) {}

    /**
     * @param predefined names defined before the script starts (as bpftrace defines {@code BPFTRACE_HAVE_BTF})
     */
    public static String apply(String source, Set<String> predefined) {
        if (source.indexOf('#') < 0) return source;
        Set<String> defined = new HashSet<>(predefined);
        Deque<Frame> open = new ArrayDeque<>();
        boolean live = true;
        StringBuilder out = new StringBuilder(source.length());
        int start = 0;
        while (start <= source.length()) {
            int end = source.indexOf('\n', start);
            if (end < 0) end = source.length();
            String line = source.substring(start, end);
            Matcher d = DIRECTIVE.matcher(line);
            boolean keep = live;
            if (d.matches()) {
                String arg = d.group(2).replaceFirst("//.*$", "").strip();
                switch (d.group(1)) {
                    case "ifdef", "ifndef", "if" -> {
                        boolean cond = d.group(1).equals("if") ? evaluate(arg, defined)
                                : defined.contains(firstWord(arg)) == d.group(1).equals("ifdef");
                        open.push(new Frame(live, live && cond));
                        live = live && cond;
                        keep = false;
                    }
                    case "elif", "else" -> {
                        Frame f = open.isEmpty() ? new Frame(true, true) : open.pop();
                        boolean cond = d.group(1).equals("else") || evaluate(arg, defined);
                        live = f.outerLive() && !f.taken() && cond;
                        open.push(new Frame(f.outerLive(), f.taken() || live));
                        keep = false;
                    }
                    case "endif" -> {
                        live = open.isEmpty() || open.pop().outerLive();
                        keep = false;
                    }
                    case "define" -> { if (live) defined.add(firstWord(arg)); }
                    case "undef" -> { if (live) defined.remove(firstWord(arg)); }
                    default -> throw new IllegalStateException(d.group(1));
                }
            }
            out.append(keep ? line : line.replaceAll("[^\\t]", " "));
            if (end < source.length()) out.append('\n');
            start = end + 1;
        }
        return out.toString();
    }

    private static String firstWord(String arg) {
        int i = 0;
        while (i < arg.length() && (Character.isLetterOrDigit(arg.charAt(i)) || arg.charAt(i) == '_')) i++;
        return arg.substring(0, i);
    }

    private static boolean evaluate(String cond, Set<String> defined) {
        Matcher m = DEFINED.matcher(cond);
        if (m.matches()) return defined.contains(m.group(2)) != m.group(1).equals("!");
        if (cond.matches("\\d+")) return Long.parseLong(cond) != 0;
        return true;
    }
}
