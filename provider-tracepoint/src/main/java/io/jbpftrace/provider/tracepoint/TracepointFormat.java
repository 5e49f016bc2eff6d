package io.jbpftrace.provider.tracepoint;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parsed {@code format} file of one tracepoint: its fields in record order. */
public record TracepointFormat(List<FormatField> fields) {

    // field:<declaration>;	offset:<n>;	size:<n>;	signed:<0|1>;
    private static final Pattern FIELD = Pattern.compile(
            "^\\s*field:(.+?);\\s*offset:(\\d+);\\s*size:(\\d+);\\s*(?:signed:(\\d+);)?");
    private static final Pattern ARRAY_NAME = Pattern.compile("^(\\w+)\\[(\\w*)\\]$");

    public static TracepointFormat parse(String text) {
        List<FormatField> fields = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = FIELD.matcher(line);
            if (m.find()) {
                fields.add(field(m.group(1).trim(), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                        "1".equals(m.group(4))));
            }
        }
        return new TracepointFormat(List.copyOf(fields));
    }

    /** Splits {@code const char * filename} or {@code char prev_comm[16]} into type and name. */
    private static FormatField field(String declaration, int offset, int size, boolean signed) {
        int cut = Math.max(declaration.lastIndexOf(' '), declaration.lastIndexOf('\t'));
        String cType = cut < 0 ? "" : declaration.substring(0, cut).trim();
        String name = declaration.substring(cut + 1);
        while (name.startsWith("*")) { // "char *name": the star belongs to the type
            cType = cType + " *";
            name = name.substring(1);
        }
        Matcher array = ARRAY_NAME.matcher(name);
        if (!array.matches()) return new FormatField(cType, name, false, 0, offset, size, signed);
        String length = array.group(2);
        int n = length.chars().allMatch(Character::isDigit) && !length.isEmpty() ? Integer.parseInt(length) : 0;
        return new FormatField(cType, array.group(1), true, n, offset, size, signed);
    }

    /** Fields a script can read: everything after the common header. */
    public List<FormatField> scriptFields() { return fields.stream().filter(f -> !f.isCommon()).toList(); }

    /** Bytes from the start of the record to the end of its last field. */
    public int recordSize() { return fields.stream().mapToInt(f -> f.offset() + f.size()).max().orElse(0); }

    /** The field lines {@code bpftrace -lv} shows under the probe name. */
    public List<String> describe() { return scriptFields().stream().map(f -> "    " + f.declaration()).toList(); }
}
