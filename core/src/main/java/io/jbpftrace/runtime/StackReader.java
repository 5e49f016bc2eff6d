package io.jbpftrace.runtime;

import io.jbpftrace.kernel.BpfMap;
import io.jbpftrace.kernel.KernelException;
import io.jbpftrace.symbols.KernelSymbols;
import io.jbpftrace.symbols.StackTrace;
import io.jbpftrace.symbols.UserSymbols;
import io.jbpftrace.types.Type;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** Turns a stack id from a BPF program into symbolized frames, reading the stack maps lazily. */
final class StackReader {
    private final IntFunction<BpfMap> stackMapByFrames;
    private final Map<Long, StackTrace> cache = new HashMap<>();

    StackReader(IntFunction<BpfMap> stackMapByFrames) { this.stackMapByFrames = stackMapByFrames; }

    StackTrace read(Type.Stack type, long raw) {
        return cache.computeIfAbsent(raw * 31 + type.hashCode(), k -> load(type, raw));
    }

    private StackTrace load(Type.Stack type, long raw) {
        int id = (int) raw;
        List<StackTrace.Frame> frames = new ArrayList<>();
        if (id >= 0) {
            BpfMap map = stackMapByFrames.apply(Math.min(type.limit(), 127));
            byte[] key = ValueDecoder.le(new byte[4]).putInt(0, id).array();
            byte[] value = new byte[map.lookupSize()];
            try {
                if (map.lookup(key, value)) {
                    ByteBuffer v = ValueDecoder.le(value);
                    int pid = (int) (raw >>> 32);
                    for (int i = 0; i < Math.min(type.limit(), value.length / 8); i++) {
                        long ip = v.getLong(i * 8);
                        if (ip == 0) break;
                        frames.add(new StackTrace.Frame(ip, type.user() ? userSymbol(pid, ip) : KernelSymbols.get().resolve(ip, true)));
                    }
                }
            } catch (KernelException e) {
                // an unreadable stack prints as empty, like a failed bpf_get_stackid
            }
        }
        return new StackTrace(frames, type.mode());
    }

    private static String userSymbol(int pid, long ip) {
        return UserSymbols.get().resolve(pid, ip, true);
    }
}
