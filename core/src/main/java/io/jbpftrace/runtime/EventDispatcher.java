package io.jbpftrace.runtime;

import io.jbpftrace.codegen.EventKind;
import io.jbpftrace.codegen.OutputTable;
import io.jbpftrace.kernel.KernelException;
import io.jbpftrace.output.Conversion;
import io.jbpftrace.output.Printf;
import io.jbpftrace.output.Strftime;
import java.io.IOException;
import io.jbpftrace.output.ByteOutput;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;

/** Carries out what a ring buffer record asks for: print, run a command, show a file, exit, ... */
final class EventDispatcher {
    /** What records about maps and exiting need from the tracer. */
    interface MapActions {
        void print(int mapId, int top, int div) throws KernelException;

        void clear(int mapId) throws KernelException;

        void zero(int mapId) throws KernelException;

        void exit(long code);
    }

    private final OutputTable table;
    private final ValueDecoder decoder;
    private final OutputSink output;
    private final MapActions maps;
    private final List<String> joined = new java.util.ArrayList<>();
    /** Each formatted site's parsed format (printf, system, cat), by site id: parsing per record cost more than formatting. */
    private final java.util.Map<Integer, List<Conversion>> conversions = new java.util.HashMap<>();
    /** Each printf site's fast-path plan by site id, once asked for; {@link #NO_PLAN} if it has none. */
    private final PrintfPlan[] plans;
    private static final PrintfPlan NO_PLAN = PrintfPlan.of("", List.of(), List.of());

    EventDispatcher(OutputTable table, ValueDecoder decoder, OutputSink output, MapActions maps) {
        this.table = table;
        this.decoder = decoder;
        this.output = output;
        this.maps = maps;
        this.plans = new PrintfPlan[table.siteCount()];
    }

    /** The record of {@code size} bytes at {@code at} of the (little-endian) ring. */
    void dispatch(ByteBuffer ring, int at, int size) throws KernelException {
        long header = ring.getLong(at);
        if (EventKind.kind(header) == EventKind.PRINTF) {
            ByteOutput bytes = output.printfBuffer();
            PrintfPlan plan = bytes == null ? NO_PLAN : plan(EventKind.id(header));
            if (plan != NO_PLAN) {
                plan.write(ring, at + EventKind.HEADER, bytes);
                return;
            }
        }
        dispatch(ring.slice(at, size).order(ByteOrder.LITTLE_ENDIAN));
    }

    private PrintfPlan plan(int id) {
        PrintfPlan plan = plans[id];
        if (plan == null) {
            OutputTable.Formatted site = table.site(id);
            plan = PrintfPlan.of(site.format(), conversions(id, site), site.argTypes());
            plans[id] = plan = plan == null ? NO_PLAN : plan;
        }
        return plan;
    }

    private List<Conversion> conversions(int id, OutputTable.Formatted site) {
        return conversions.computeIfAbsent(id, i -> Printf.parse(site.format()));
    }

    private void dispatch(ByteBuffer buf) throws KernelException {
        long header = buf.getLong(0);
        long kind = EventKind.kind(header);
        int id = EventKind.id(header);
        if (kind == EventKind.EXIT) maps.exit(buf.getLong(EventKind.HEADER));
        else if (kind == EventKind.PRINT) maps.print(id, (int) buf.getLong(EventKind.HEADER), (int) buf.getLong(EventKind.HEADER + 8));
        else if (kind == EventKind.CLEAR) maps.clear(id);
        else if (kind == EventKind.ZERO) maps.zero(id);
        else if (kind == EventKind.JOIN_ARG) joined.add(ValueDecoder.string(buf, EventKind.HEADER + 8, buf.limit() - EventKind.HEADER - 8));
        else if (kind == EventKind.HELPER_ERROR) helperError(table.helperSite(id), (int) buf.getLong(EventKind.HEADER));
        else if (kind == EventKind.JOIN_END) {
            output.printf(String.join(table.site(id).format(), joined) + "\n");
            joined.clear();
        } else formatted(kind, id, table.site(id), buf);
    }

    private void formatted(long kind, int id, OutputTable.Formatted site, ByteBuffer buf) {
        List<Object> args = decoder.decodeAll(buf, EventKind.HEADER, site.argTypes());
        args.replaceAll(a -> ValueDecoder.printable(a, 8));
        if (kind == EventKind.PRINTF) {
            output.printf(Printf.format(site.format(), conversions(id, site), args));
        } else if (kind == EventKind.TIME) output.printf(Strftime.format(site.format(), ZonedDateTime.now()));
        else if (kind == EventKind.PRINT_VALUE) output.value(ValueDecoder.toMapValue(args.get(0), site.argTypes().get(0)));
        else if (kind == EventKind.SYSTEM) output.printf(run(Printf.format(site.format(), conversions(id, site), args)));
        else if (kind == EventKind.CAT) output.printf(cat(Printf.format(site.format(), conversions(id, site), args)));
    }

    /** -k/-kk: "stdin:1:14: WARNING: Failed to probe_read: Bad address (-14)" and the source line. */
    private void helperError(OutputTable.HelperSite site, int code) {
        String error = io.jbpftrace.kernel.Errno.text(code) + " (" + code + ")";
        output.helperError(site.warning().replace(OutputTable.HelperSite.ERROR, error), site.helper(), code, site.line(), site.col());
    }

    /** system(): runs the command through the shell and passes its output on, like bpftrace. */
    private static String run(String command) {
        try {
            Process p = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static String cat(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "ERROR: failed to open file '" + file + "': " + e.getMessage() + "\n";
        }
    }
}
