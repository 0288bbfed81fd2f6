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

    /** Every frame of a capture, with reassembly off so that each frame is judged on its own. */
    public static List<Frame> read(Path capture) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", capture.toString(),
                "-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE", "-o", "tcp.analyze_sequence_numbers:FALSE",
                "-T", "fields", "-E", "occurrence=f", "-E", "separator=|"));
        for (String f : FIELDS) {
            command.add("-e");
            command.add(f);
        }
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("tshark did not finish on " + capture);
        }
        List<Frame> frames = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isEmpty()) {
                frames.add(new Frame(line.split("\\|", -1)));
            }
        }
        return frames;
    }
}
