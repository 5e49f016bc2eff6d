package io.jbpftrace.provider.profile;

import io.jbpftrace.spi.Kernel;

/** {@code profile:hz:99}: fires on every online CPU at the given rate or period, for sampling. */
public final class ProfileProvider extends TimerProvider {
    public ProfileProvider() { super("profile", "p"); }

    @Override
    int[] cpus(Kernel kernel) { return kernel.onlineCpus(); }
}
