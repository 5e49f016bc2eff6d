package io.jbpftrace.registry;

import io.jbpftrace.spi.ProbeProvider;

/** Formats the {@code --version} line for a provider: {@code "tracepoint 0.1.0 (bundle-name)"}. */
final class ProviderDescription {
    private ProviderDescription() {}

    static String of(ProbeProvider provider, String version, String origin) {
        String type = provider.probeTypes().isEmpty() ? provider.getClass().getName() : provider.probeTypes().get(0);
        return type + " " + version + " (" + origin + ")";
    }

    /** Drops an OSGi qualifier or a Maven -SNAPSHOT suffix: users care about major.minor.micro. */
    static String shortVersion(String version) {
        if (version == null || version.isBlank()) return "unknown";
        String[] parts = version.split("[.-]");
        int n = Math.min(3, parts.length);
        StringBuilder sb = new StringBuilder(parts[0]);
        for (int i = 1; i < n && parts[i].chars().allMatch(Character::isDigit); i++) sb.append('.').append(parts[i]);
        return sb.toString();
    }
}
