package io.darkscope.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs tshark, the independent reference the decoder is checked against. */
public final class Tshark {
    /** The fields read per frame, in order. */
    public static final String[] FIELDS = {
        "frame.number", "frame.time_epoch", "ip.src", "ip.dst", "ipv6.src", "ipv6.dst", "ip.proto", "ip.id", "ip.ttl",
        "ip.frag_offset", "tcp.srcport", "tcp.dstport", "tcp.seq_raw", "tcp.flags", "tcp.window_size_value",
        "udp.srcport", "udp.dstport", "icmp.type", "icmp.code", "icmpv6.type", "icmpv6.code"
    };

    private Tshark() {
    }

    public static boolean available() {
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
        for (String[] f : run(capture, List.of("-E", "occurrence=a", "-E", "aggregator=,"),
                "tcp.options.mss_val", "tcp.options.wscale.shift", "tcp.option_kind")) {
            List<Integer> kinds = new ArrayList<>();
            if (f.length > 2 && !f[2].isEmpty()) {
                for (String k : f[2].split(",")) {
                    kinds.add(Integer.parseInt(k));
                }
            }
            frames.add(new TcpOptions(first(f, 0), first(f, 1), kinds));
        }
        return frames;
    }

    private static String first(String[] fields, int i) {
        return i < fields.length ? fields[i].split(",")[0] : "";
    }

    /** Every frame of a capture, with reassembly off so that each frame is judged on its own. */
    public static List<Frame> read(Path capture) throws IOException, InterruptedException {
        List<Frame> frames = new ArrayList<>();
        for (String[] f : run(capture, List.of("-E", "occurrence=f"), FIELDS)) {
            frames.add(new Frame(f));
        }
        return frames;
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
