package io.jbpftrace.output;

/** JSON string escaping exactly as bpftrace does it (a few named escapes, other controls as \\u00xx). */
final class JsonText {
    private JsonText() {}

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.toString();
    }

    static String quote(String s) {
        return "\"" + escape(s) + "\"";
    }
}
