package dev.hubpress.bench;

import java.lang.management.ManagementFactory;

/** Samples the heap in use on a daemon thread every 2 ms; the peak includes garbage not yet collected. */
final class HeapSampler implements Runnable {
    private volatile boolean running = true;
    private volatile long peak;
    private final Thread thread = new Thread(this, "heap-sampler");

    static HeapSampler start() {
        HeapSampler sampler = new HeapSampler();
        sampler.peak = used();
        sampler.thread.setDaemon(true);
        sampler.thread.start();
        return sampler;
    }

    private static long used() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Override
    public void run() {
        while (running) {
            peak = Math.max(peak, used());
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    long stop() {
        running = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Math.max(peak, used());
    }
}
