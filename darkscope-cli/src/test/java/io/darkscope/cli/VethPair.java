package io.darkscope.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces joined by a veth pair, made by a test and removed after it: "dsa" sends
 * (vethA 192.0.2.1, a route to the darknet through the pair, a static neighbour), "dsb" captures
 * (vethB 192.0.2.2, no route anywhere, no forwarding). The sender has no other interface, so
 * nothing it sends can leave the pair. Names carry this JVM's pid; namespaces left by a killed
 * test JVM are swept at the next start, their processes killed first (a namespace lives on while
 * a process is in it).
 */
final class VethPair implements AutoCloseable {
    private static final String PREFIX_SEND = "dsa";
    private static final String PREFIX_CAPTURE = "dsb";
    static final String SENDER_IP = "192.0.2.1";
    static final String SENDER_MAC = "02:00:00:00:00:01";
    static final String CAPTURE_MAC = "02:00:00:00:00:02";
    static final String SEND_INTERFACE = "vethA";
    static final String CAPTURE_INTERFACE = "vethB";

    final String sender;
    final String capture;
    private final Thread hook = new Thread(this::delete, "veth-cleanup");

    /** Why a test cannot build namespaces here, or null if it can. */
    static String unavailable() {
        try {
            boolean root = Files.readString(Path.of("/proc/self/status")).lines()
                    .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[2].equals("0"));
            if (!root) {
                return "network namespaces need root";
            }
            return run(10, "ip", "netns", "list").exit == 0 ? null : "'ip netns' does not work here";
        } catch (IOException e) {
            return "'ip' (iproute2) is not installed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Whether a command is on the PATH. */
    static boolean have(String tool) {
        try {
            return run(10, "sh", "-c", "command -v " + tool).exit == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Builds the pair, with a route from the sender to {@code darknet} through it. */
    VethPair(String darknet) throws IOException, InterruptedException {
        long pid = ProcessHandle.current().pid();
        sender = PREFIX_SEND + pid;
        capture = PREFIX_CAPTURE + pid;
        sweepStale();
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            must("ip", "netns", "add", sender);
            must("ip", "netns", "add", capture);
            must("ip", "link", "add", SEND_INTERFACE, "netns", sender, "address", SENDER_MAC, "type", "veth",
                    "peer", "name", CAPTURE_INTERFACE, "netns", capture, "address", CAPTURE_MAC);
            for (String ns : List.of(sender, capture)) {
                must("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1",
                        "net.ipv6.conf.default.disable_ipv6=1", "net.ipv4.ip_forward=0");
                must("ip", "-n", ns, "link", "set", "lo", "up");
            }
            must("ip", "-n", sender, "addr", "add", SENDER_IP + "/30", "dev", SEND_INTERFACE);
            must("ip", "-n", capture, "addr", "add", "192.0.2.2/30", "dev", CAPTURE_INTERFACE);
            must("ip", "-n", sender, "link", "set", SEND_INTERFACE, "up");
            must("ip", "-n", capture, "link", "set", CAPTURE_INTERFACE, "up");
            must("ip", "-n", sender, "route", "add", darknet, "via", "192.0.2.2", "dev", SEND_INTERFACE);
            must("ip", "-n", sender, "neigh", "replace", "192.0.2.2", "lladdr", CAPTURE_MAC, "dev", SEND_INTERFACE, "nud", "permanent");
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts a command in a namespace, its output (with errors) to {@code log}. */
    Process start(String namespace, Path log, String... command) throws IOException {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        c.addAll(List.of(command));
        return new ProcessBuilder(c).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Runs a command in a namespace to its end (bounded by {@code seconds}). */
    Result exec(String namespace, long seconds, String... command) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        c.addAll(List.of(command));
        return run(seconds, c.toArray(String[]::new));
    }

    /** What a command printed and returned. */
    record Result(int exit, String out) {
    }

    static Result run(long seconds, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return new Result(-1, "timed out: " + String.join(" ", command));
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static void must(String... command) throws IOException, InterruptedException {
        Result r = run(20, command);
        if (r.exit != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + r.out);
        }
    }

    /** Namespaces of test JVMs that no longer run. */
    private static void sweepStale() throws IOException, InterruptedException {
        for (String line : run(10, "ip", "netns", "list").out.split("\n")) {
            String name = line.split(" ")[0];
            for (String prefix : List.of(PREFIX_SEND, PREFIX_CAPTURE)) {
                String pid = name.startsWith(prefix) ? name.substring(prefix.length()) : "";
                if (pid.matches("\\d+") && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
                    remove(name);
                }
            }
        }
    }

    private static void remove(String namespace) throws IOException, InterruptedException {
        for (String pid : run(10, "ip", "netns", "pids", namespace).out.split("\\s+")) {
            if (pid.matches("\\d+")) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        run(10, "ip", "netns", "del", namespace); // removes the veth end inside, and with it the pair
    }

    private void delete() {
        try {
            remove(sender);
            remove(capture);
        } catch (IOException | InterruptedException e) {
            // the next run's sweep removes what is left
        }
    }

    @Override
    public void close() {
        delete();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook does it
        }
    }
}
