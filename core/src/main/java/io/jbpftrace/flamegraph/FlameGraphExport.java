package io.jbpftrace.flamegraph;

import io.jbpftrace.output.MapEntry;
import io.jbpftrace.passes.MapInfo;
import io.jbpftrace.types.Type;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code --flamegraph FILE.svg} and {@code --folded FILE}: writes every map keyed by a kstack/ustack
 * with an integer value (count, sum, min, max, or an assigned integer) as a flame graph and/or in
 * the folded format. With one such map the files get exactly the names given. With several, maps
 * are taken in name order and each gets its own file: {@code @} keeps the name given, {@code @x}
 * inserts {@code _x} before the extension ({@code out.svg} becomes {@code out_x.svg}).
 */
public final class FlameGraphExport {
    private FlameGraphExport() {}

    /**
     * Writes the files for the stack maps among {@code maps}, whose keys are decoded but not formatted
     * (stacks are StackTrace objects). Either path may be null. Returns the files written; when no map
     * qualifies, warns on {@code warnings} and writes nothing.
     */
    public static List<Path> write(Map<MapInfo, List<MapEntry>> maps, Path svg, Path folded, PrintStream warnings)
            throws IOException {
        List<MapInfo> stackMaps = maps.keySet().stream().filter(FlameGraphExport::qualifies)
                .sorted(Comparator.comparing(MapInfo::name)).toList();
        List<Path> written = new ArrayList<>();
        if (svg == null && folded == null) return written;
        if (stackMaps.isEmpty()) {
            warnings.println("WARNING: " + (svg != null ? "--flamegraph" : "--folded")
                    + ": no map is keyed by kstack or ustack with a count/sum/min/max value; nothing written");
            return written;
        }
        for (MapInfo info : stackMaps) {
            StackProfile profile = StackKeys.profile(info.keyTypes(), maps.get(info));
            String suffix = stackMaps.size() == 1 ? null : info.name();
            if (svg != null) {
                Path file = withMapName(svg, suffix);
                Files.writeString(file, FlameGraphSvg.render(profile, "Flame Graph", subtitle(info, profile)), StandardCharsets.UTF_8);
                written.add(file);
            }
            if (folded != null) {
                Path file = withMapName(folded, suffix);
                Files.writeString(file, FoldedFormat.render(profile), StandardCharsets.UTF_8);
                written.add(file);
            }
        }
        return written;
    }

    /** Maps a flame graph can show: a stack in the key and one integer per key. */
    public static boolean qualifies(MapInfo info) {
        if (!StackKeys.hasStack(info.keyTypes())) return false;
        return switch (info.kind()) {
            case COUNT, SUM, MIN, MAX -> true;
            case VALUE -> info.valueType() instanceof Type.Int;
            default -> false;
        };
    }

    /** {@code out.svg} for the map {@code @x} becomes {@code out_x.svg}; {@code @} and a null name keep the file. */
    static Path withMapName(Path file, String mapName) {
        if (mapName == null || mapName.equals("@")) return file;
        String tag = "_" + (mapName.startsWith("@") ? mapName.substring(1) : mapName);
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String renamed = dot > 0 ? name.substring(0, dot) + tag + name.substring(dot) : name + tag;
        return file.resolveSibling(renamed);
    }

    private static String subtitle(MapInfo info, StackProfile profile) {
        return info.name() + ": " + info.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + profile.total()
                + " \u00b7 user frames red to yellow, kernel frames blue, key parts grey";
    }
}
