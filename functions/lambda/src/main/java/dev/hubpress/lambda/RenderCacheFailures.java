package dev.hubpress.lambda;

import dev.hubpress.core.port.RenderCache;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a function's render cache refused during one piece of its work (a channel's publish, an
 * ingest, a digest job), told once. The work stands: what the cache would have kept is computed
 * again. But a cache that keeps failing (a policy that denies its prefix, a bucket gone) makes
 * every cold container parse and render the whole hub, so a piece of work that met any failure
 * logs one warning, and its count is the {@link Metric#RENDER_CACHE_FAILURES} the function emits
 * (0 included), which {@code RenderCacheFailuresAlarm} watches.
 *
 * <p>A container handles one invocation at a time, so the count between two marks is that work's.
 */
public final class RenderCacheFailures {

    private final RenderCache cache;
    private final JsonLog log;

    public RenderCacheFailures(RenderCache cache, JsonLog log) {
        this.cache = cache;
        this.log = log;
    }

    /** Where the count stands: taken when a piece of work starts. */
    public long mark() {
        return cache.failures();
    }

    /**
     * The reads and writes that failed since the mark; when any did, one warning.
     *
     * @param work   what was being done, for the warning ("site of r12", "the ingest of r12")
     * @param fields the work's log fields (hub, revision, …), the count added
     */
    public long since(long mark, String work, Map<String, ?> fields) {
        long failed = cache.failures() - mark;
        if (failed > 0) {
            Map<String, Object> warning = new LinkedHashMap<>(fields);
            warning.put("failures", failed);
            log.warn("the render cache failed " + failed + " reads or writes during " + work
                    + "; what it would have kept was computed again", warning);
        }
        return failed;
    }
}
