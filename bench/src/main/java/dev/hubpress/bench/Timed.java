package dev.hubpress.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One whole process timed by GNU time ({@code /usr/bin/time -f "%e %M %U %S"}), the same way for
 * ours and for the peers: wall seconds, peak resident set size, CPU seconds (user + system), the
 * exit status, and the {@code RESULT key value} lines a bench child prints.
 */
record Timed(double seconds, long maxRssKb, double cpuSeconds, int exit, Map<String, String> results) {

    double rssMb() {
        return maxRssKb / 1024.0;
    }

    /**
     * Runs the command in {@code dir} with these extra environment variables; its output (both
     * streams) goes to {@code log}, overwritten. A failing command is reported, not thrown.
     */
    static Timed run(List<String> command, Path dir, Map<String, String> env, Path log) throws IOException, InterruptedException {
        // Beside the log, not in dir: ours run from the repository root, which must stay clean.
        Path timeFile = Files.createTempFile(log.toAbsolutePath().getParent(), "time", ".txt");
        List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-o", timeFile.toString(), "-f", "%e %M %U %S"));
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        int status = builder.start().waitFor();
        // GNU time writes "Command exited with non-zero status N" before the figures when it fails.
        List<String> lines = Files.readAllLines(timeFile);
        Files.delete(timeFile);
        String[] f = lines.get(lines.size() - 1).trim().split("\\s+");
        Map<String, String> results = new LinkedHashMap<>();
        for (String line : new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("RESULT ")) {
                String[] parts = line.split(" ", 3);
                results.put(parts[1], parts.length > 2 ? parts[2] : "");
            }
        }
        return new Timed(Double.parseDouble(f[0]), Long.parseLong(f[1]), Double.parseDouble(f[2]) + Double.parseDouble(f[3]),
                status, results);
    }
}
