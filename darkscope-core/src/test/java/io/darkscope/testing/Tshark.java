package io.darkscope.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Runs tshark, the independent reference the decoder is checked against. */
public final class Tshark {
    /** The fields read per frame, in order. */
    public static final String[] FIELDS = {
        "frame.number", "frame.time_epoch", "ip.src", "ip.dst", "ipv6.src", "ipv6.dst", "ip.proto", "ip.id", "ip.ttl",
        "ip.frag_offset", "tcp.srcport", "tcp.dstport", "tcp.seq_raw", "tcp.flags", "tcp.window_size_value",
        "udp.srcport", "udp.dstport", "icmp.type", "icmp.code", "icmpv6.type", "icmpv6.code"
    };

    private static final boolean AVAILABLE = runs();
    private static final String[] OPTION_FIELDS = {"tcp.options.mss_val", "tcp.options.wscale.shift", "tcp.option_kind"};
    private static final Map<Path, List<String[]>> RUNS = new ConcurrentHashMap<>();

    private Tshark() {
    }

    /** Whether tshark runs here (asked once: a start of tshark costs half a second). */
    public static boolean available() {
        return AVAILABLE;
    }

    private static boolean runs() {
        try {
            Process p = new ProcessBuilder("tshark", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One frame as tshark decodes it (first occurrence of each field, so the outer header of a tunnel). */
    public record Frame(String[] values) {
        public String get(String field) {
            for (int i = 0; i < FIELDS.length; i++) {
                if (FIELDS[i].equals(field)) {
                    return i < values.length ? values[i] : "";
                }
            }
            throw new IllegalArgumentException(field);
        }

        public boolean has(String field) {
            return !get(field).isEmpty();
        }
    }

    /** A frame's TCP options as tshark reads them: MSS and window scale ("" without), and every option kind in order. */
    public record TcpOptions(String mss, String windowScale, List<Integer> kinds) {
    }

    /** The TCP options of every frame of a capture (empty kinds for a frame without any). */
    public static List<TcpOptions> readTcpOptions(Path capture) throws IOException, InterruptedException {
        List<TcpOptions> frames = new ArrayList<>();
        for (String[] f : fields(capture)) {
            List<Integer> kinds = new ArrayList<>();
            String all = at(f, FIELDS.length + 2);
            if (!all.isEmpty()) {
                for (String k : all.split(",")) {
                    kinds.add(Integer.parseInt(k));
                }
            }
            frames.add(new TcpOptions(first(f, FIELDS.length), first(f, FIELDS.length + 1), kinds));
        }
        return frames;
    }

    /** Every frame of a capture, with reassembly off so that each frame is judged on its own (each field's first occurrence). */
    public static List<Frame> read(Path capture) throws IOException, InterruptedException {
        List<Frame> frames = new ArrayList<>();
        for (String[] f : fields(capture)) {
            String[] values = new String[FIELDS.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = first(f, i);
            }
            frames.add(new Frame(values));
        }
        return frames;
    }

    private static String at(String[] fields, int i) {
        return i < fields.length ? fields[i] : "";
    }

    private static String first(String[] fields, int i) {
        return at(fields, i).split(",")[0];
    }

    /**
     * Runs tshark on the captures on as many threads as there are cores, ahead of the tests that
     * read them: a tshark run costs a second, mostly its start.
     */
    public static void readAhead(List<Path> captures) throws InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            for (Path capture : captures) {
                threads.submit(() -> fields(capture));
            }
        } finally {
            threads.shutdown();
            threads.awaitTermination(10, TimeUnit.MINUTES);
        }
    }

    /** Every field of every frame, each field's occurrences joined by commas: one tshark run a capture, kept for the next test. */
    private static List<String[]> fields(Path capture) throws IOException, InterruptedException {
        List<String[]> fields = RUNS.get(capture);
        if (fields == null) {
            String[] all = Arrays.copyOf(FIELDS, FIELDS.length + OPTION_FIELDS.length);
            System.arraycopy(OPTION_FIELDS, 0, all, FIELDS.length, OPTION_FIELDS.length);
            fields = run(capture, List.of("-E", "occurrence=a", "-E", "aggregator=,"), all);
            RUNS.put(capture, fields);
        }
        return fields;
    }

    /** The fields of every frame, one array a frame. */
    private static List<String[]> run(Path capture, List<String> options, String... fields) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", capture.toString(),
                "-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE", "-o", "tcp.analyze_sequence_numbers:FALSE",
                "-T", "fields", "-E", "separator=|"));
        command.addAll(options);
        for (String f : fields) {
            command.add("-e");
            command.add(f);
        }
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("tshark did not finish on " + capture);
        }
        List<String[]> frames = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isEmpty()) {
                frames.add(line.split("\\|", -1));
            }
        }
        return frames;
    }
}
