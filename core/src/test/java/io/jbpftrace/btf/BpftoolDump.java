package io.jbpftrace.btf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The oracle for the vmlinux tests: {@code bpftool btf dump file … format raw}, parsed just enough
 * to compute each struct's byte offsets independently of the code under test.
 */
final class BpftoolDump {
    record Member(String name, int typeId, long bitsOffset, int bitfieldSize) {}

    record Entry(int id, String kind, String name, Map<String, String> attrs, List<Member> members) {
        int attr(String key) { return Integer.parseInt(attrs.get(key)); }
    }

    private static final Pattern TYPE = Pattern.compile("^\\[(\\d+)] (\\w+) '([^']*)'(.*)$");
    private static final Pattern ATTR = Pattern.compile("(\\w+)=(\\S+)");
    private static final Pattern MEMBER = Pattern.compile(
            "^\\t'([^']*)' type_id=(\\d+) bits_offset=(\\d+)(?: bitfield_size=(\\d+))?$");
    private static final Set<String> MODIFIERS = Set.of("TYPEDEF", "CONST", "VOLATILE", "RESTRICT", "TYPE_TAG");

    final Map<Integer, Entry> types = new HashMap<>();

    /** Empty when bpftool is not installed or cannot read the file. */
    static Optional<BpftoolDump> of(String file) {
        try {
            Process p = new ProcessBuilder("bpftool", "btf", "dump", "file", file, "format", "raw")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BpftoolDump dump = new BpftoolDump();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                dump.read(in);
            }
            return p.waitFor() == 0 && !dump.types.isEmpty() ? Optional.of(dump) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private void read(BufferedReader in) throws IOException {
        Entry current = null;
        for (String line; (line = in.readLine()) != null; ) {
            Matcher t = TYPE.matcher(line);
            if (t.matches()) {
                Map<String, String> attrs = new HashMap<>();
                Matcher a = ATTR.matcher(t.group(4));
                while (a.find()) attrs.put(a.group(1), a.group(2));
                current = new Entry(Integer.parseInt(t.group(1)), t.group(2), t.group(3), attrs, new ArrayList<>());
                types.put(current.id(), current);
                continue;
            }
            Matcher m = MEMBER.matcher(line);
            if (m.matches() && current != null && (current.kind().equals("STRUCT") || current.kind().equals("UNION"))) {
                current.members().add(new Member(m.group(1), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)),
                        m.group(4) == null ? 0 : Integer.parseInt(m.group(4))));
            }
        }
    }

    /** Structs (or unions) whose name occurs exactly once among that kind. */
    List<Entry> uniquelyNamed(String kind) {
        Map<String, List<Entry>> byName = new HashMap<>();
        for (Entry e : types.values())
            if (e.kind().equals(kind) && !e.name().equals("(anon)")) byName.computeIfAbsent(e.name(), k -> new ArrayList<>()).add(e);
        return byName.values().stream().filter(l -> l.size() == 1).map(l -> l.get(0)).toList();
    }

    Entry named(String kind, String name) {
        return types.values().stream().filter(e -> e.kind().equals(kind) && e.name().equals(name)).findFirst().orElseThrow();
    }

    /** Byte offset of every whole-byte, non-bitfield member, anonymous members flattened. */
    Map<String, Integer> byteOffsets(Entry aggregate) {
        Map<String, Integer> offsets = new LinkedHashMap<>();
        collect(aggregate, 0, offsets);
        return offsets;
    }

    private void collect(Entry aggregate, int base, Map<String, Integer> out) {
        for (Member m : aggregate.members()) {
            if (m.bitfieldSize() != 0 || m.bitsOffset() % 8 != 0) continue;
            Entry target = resolve(m.typeId());
            if (target != null && target.kind().equals("INT") && target.attr("nr_bits") != 8 * target.attr("size")) continue;
            int offset = base + (int) (m.bitsOffset() / 8);
            boolean aggregateType = target != null && (target.kind().equals("STRUCT") || target.kind().equals("UNION"));
            if (m.name().equals("(anon)")) {
                if (aggregateType) collect(target, offset, out);
            } else {
                out.put(m.name(), offset);
            }
        }
    }

    private Entry resolve(int id) {
        Entry e = types.get(id);
        while (e != null && MODIFIERS.contains(e.kind())) e = types.get(e.attr("type_id"));
        return e;
    }
}
