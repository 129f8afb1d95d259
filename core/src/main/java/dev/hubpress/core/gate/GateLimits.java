package dev.hubpress.core.gate;

/**
 * Size limits a revision must respect. The defaults keep a Lambda invocation well inside its
 * memory and time even for a 10,000-page hub.
 */
public record GateLimits(long maxFileBytes, long maxTotalBytes, int maxFiles) {

    public static final GateLimits DEFAULT = new GateLimits(1024 * 1024, 200L * 1024 * 1024, 20_000);
}
