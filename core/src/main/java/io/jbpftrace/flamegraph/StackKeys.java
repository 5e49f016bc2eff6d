package io.jbpftrace.flamegraph;

import io.jbpftrace.output.MapEntry;
import io.jbpftrace.output.MapValue;
import io.jbpftrace.symbols.StackTrace;
import io.jbpftrace.types.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns entries of a map keyed by kstack/ustack into weighted stacks. The other key parts (comm,
 * pid, ...) become root frames in key order, as stackcollapse puts the command first; then come
 * user stacks and then kernel stacks, each reversed to root first, since a user stack calls into
 * the kernel and not the other way round.
 */
public final class StackKeys {
    /** bpftrace prints {@code function+offset}; flame graphs merge by function. */
    private static final Pattern OFFSET = Pattern.compile("\\+(0x[0-9a-fA-F]+|\\d+)$");

    private StackKeys() {}

    /** Whether a map with these key types can become a flame graph. */
    public static boolean hasStack(List<Type> keyTypes) {
        for (Type t : keyTypes) {
            if (t instanceof Type.Stack) return true;
            if (t instanceof Type.Tuple tu && hasStack(tu.elements())) return true;
        }
        return false;
    }

    /**
     * The weighted stacks of a map's entries, whose key parts are decoded but not formatted (stacks are
     * {@link StackTrace}s, tuples lists). Entries whose value is not an integer (histograms, avg) are skipped.
     */
    public static StackProfile profile(List<Type> keyTypes, List<MapEntry> entries) {
        StackProfile profile = new StackProfile();
        for (MapEntry e : entries) {
            if (!(e.value() instanceof MapValue.Int v)) continue;
            List<Frame> keys = new ArrayList<>(), user = new ArrayList<>(), kernel = new ArrayList<>();
            collect(keyTypes, e.key(), keys, user, kernel);
            keys.addAll(user);
            keys.addAll(kernel);
            profile.add(keys, v.value());
        }
        return profile;
    }

    private static void collect(List<Type> types, List<?> parts, List<Frame> keys, List<Frame> user, List<Frame> kernel) {
        for (int i = 0; i < parts.size(); i++) {
            Object part = parts.get(i);
            Type type = i < types.size() ? types.get(i) : null;
            if (part instanceof StackTrace st) {
                boolean isUser = type instanceof Type.Stack s && s.user();
                addRootFirst(st, isUser ? user : kernel, isUser ? Frame.Kind.USER : Frame.Kind.KERNEL);
            } else if (part instanceof List<?> inner) {
                collect(type instanceof Type.Tuple tu ? tu.elements() : List.of(), inner, keys, user, kernel);
            } else {
                keys.add(Frame.key(String.valueOf(part)));
            }
        }
    }

    private static void addRootFirst(StackTrace stack, List<Frame> into, Frame.Kind kind) {
        List<StackTrace.Frame> frames = stack.frames();
        for (int i = frames.size() - 1; i >= 0; i--) {
            into.add(new Frame(withoutOffset(frames.get(i).symbol()), kind));
        }
    }

    static String withoutOffset(String symbol) {
        return OFFSET.matcher(symbol).replaceFirst("");
    }
}
