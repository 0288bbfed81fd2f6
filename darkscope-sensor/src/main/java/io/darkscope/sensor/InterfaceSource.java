package io.darkscope.sensor;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import io.darkscope.capture.FrameBatch;
import io.darkscope.darknet.DarknetRegistry;
import io.darkscope.store.Provenance;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.NotOpenException;

import java.io.IOException;
import java.lang.reflect.Field;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * A live capture through libpcap: pcap4j opens and configures the handle (snap length, a large
 * kernel ring, nanosecond timestamps, a BPF filter that keeps only the darknet's destinations);
 * frames are read with a direct call of {@code pcap_next_ex}, which allocates nothing per packet
 * (pcap4j's own reading allocates a few hundred bytes a packet). The handle is non-blocking:
 * libpcap's blocking read never returns on an idle link, and a sensor must notice a stop request.
 */
public final class InterfaceSource implements FrameSource {
    /** Longest a frame waits in a partly filled batch. */
    private static final long HAND_ON_NANOS = 100_000_000L;
    private static final long IDLE_SLEEP_NANOS = 5_000_000L;

    private final String interfaceName;
    private final PcapHandle handle;
    private final int linkType;
    private final Libpcap.Reader reader;
    private final byte[] frame;
    private volatile boolean stopped;
    private final long[] lastCounters = new long[3];
    private final long[] totals = new long[3];

    private InterfaceSource(String interfaceName, PcapHandle handle, int snapLength) throws NotOpenException {
        this.interfaceName = interfaceName;
        this.handle = handle;
        this.linkType = handle.getDlt().value();
        this.reader = new Libpcap.Reader(handle);
        this.frame = new byte[snapLength];
    }

    /**
     * Opens an interface for capture, promiscuous, keeping only packets to the registry's prefixes.
     *
     * @param snapLength  bytes kept of each frame (headers only: 128 covers Ethernet, VLAN, IPv6 and TCP options)
     * @param bufferBytes the kernel's ring for the capture (64 MiB lost nothing at 200K packets/s here)
     * @throws SensorException if libpcap is missing, the interface does not exist, or capturing is not permitted
     */
    public static InterfaceSource open(String interfaceName, DarknetRegistry registry, int snapLength, int bufferBytes) throws SensorException {
        PcapHandle handle;
        try {
            handle = new PcapHandle.Builder(interfaceName)
                    .snaplen(snapLength)
                    .bufferSize(bufferBytes)
                    .timeoutMillis(100)
                    .promiscuousMode(PcapNetworkInterface.PromiscuousMode.PROMISCUOUS)
                    .timestampPrecision(PcapHandle.TimestampPrecision.NANO)
                    .build();
        } catch (LinkageError e) {
            throw new SensorException("libpcap not found: install it (apt-get install libpcap0.8)", e);
        } catch (PcapNativeException e) {
            throw new SensorException("cannot capture on " + interfaceName + ": " + e.getMessage()
                    + (e.getMessage() != null && e.getMessage().contains("ermission") ? " (capturing needs root or CAP_NET_RAW)" : ""), e);
        }
        try {
            handle.setFilter(filter(registry), BpfProgram.BpfCompileMode.OPTIMIZE);
            handle.setBlockingMode(PcapHandle.BlockingMode.NONBLOCKING);
            return new InterfaceSource(interfaceName, handle, snapLength);
        } catch (PcapNativeException | NotOpenException e) {
            handle.close();
            throw new SensorException("cannot capture on " + interfaceName + ": " + e.getMessage(), e);
        }
    }

    /** A BPF filter for packets to any of the registry's prefixes, tagged with a VLAN or not. */
    static String filter(DarknetRegistry registry) {
        String destinations = registry.entries().stream().map(e -> "dst net " + e.prefix()).distinct()
                .collect(Collectors.joining(" or "));
        return "(" + destinations + ") or (vlan and (" + destinations + "))";
    }

    @Override
    public boolean next(FrameBatch batch) throws IOException {
        long first = 0;
        int limit = batch.data().length - frame.length;
        while (!stopped) {
            int rc = reader.next(frame);
            if (rc == 1) {
                batch.append(linkType, reader.timestampNanos, reader.wireLength, frame, 0, reader.capturedLength);
                if (batch.count() == 1) {
                    first = System.nanoTime();
                }
                if (batch.dataLength() >= limit || System.nanoTime() - first >= HAND_ON_NANOS) {
                    return true;
                }
            } else if (rc == 0) {
                if (batch.count() > 0) {
                    return true;
                }
                LockSupport.parkNanos(IDLE_SLEEP_NANOS);
            } else if (rc == -2) {
                return batch.count() > 0;
            } else {
                throw new IOException("capture on " + interfaceName + " failed: " + reader.error());
            }
        }
        return batch.count() > 0;
    }

    /** libpcap's counters are unsigned 32-bit and wrap (in hours at 100K packets/s): they are summed as deltas. */
    @Override
    public synchronized Provenance.CaptureStats stats() {
        try {
            PcapStat s = handle.getStats();
            long[] now = {s.getNumPacketsReceived() & 0xffffffffL, s.getNumPacketsDropped() & 0xffffffffL,
                s.getNumPacketsDroppedByIf() & 0xffffffffL};
            for (int i = 0; i < 3; i++) {
                totals[i] += (now[i] - lastCounters[i]) & 0xffffffffL;
                lastCounters[i] = now[i];
            }
        } catch (PcapNativeException | NotOpenException e) {
            // the handle is closing: the last counters stand
        }
        return new Provenance.CaptureStats(totals[0], totals[1], totals[2]);
    }

    @Override
    public void stop() {
        stopped = true;
    }

    @Override
    public String describe() {
        return "interface " + interfaceName;
    }

    /** Call only once the capture thread has left {@link #next}. */
    @Override
    public void close() {
        handle.close();
    }

    /** The few libpcap calls made directly, bound to the same library pcap4j loaded. */
    static final class Libpcap {
        static {
            Native.register(Libpcap.class, NativeLibrary.getInstance(System.getProperty("org.pcap4j.core.pcapLibName", "pcap")));
        }

        private Libpcap() {
        }

        static native int pcap_next_ex(Pointer pcap, Pointer header, Pointer data);

        static native String pcap_geterr(Pointer pcap);

        /** Reads packets of one handle into a caller's array, reusing its native pointers. */
        static final class Reader {
            private final Pointer pcap;
            private final Memory headerAddress = new Memory(8);
            private final Memory dataAddress = new Memory(8);
            private final Pointer header = new Pointer(0);
            private final Pointer data = new Pointer(0);
            long timestampNanos;
            int capturedLength;
            int wireLength;

            Reader(PcapHandle handle) {
                this.pcap = pcapT(handle);
            }

            /** pcap4j keeps the {@code pcap_t*} private; on the class path it may be read. */
            private static Pointer pcapT(PcapHandle handle) {
                try {
                    Field f = PcapHandle.class.getDeclaredField("handle");
                    f.setAccessible(true);
                    return (Pointer) f.get(handle);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("this pcap4j version keeps its handle elsewhere", e);
                }
            }

            /** 1: a packet was read into {@code frame}; 0: none waiting; -1: error; -2: end. */
            int next(byte[] frame) {
                int rc = pcap_next_ex(pcap, headerAddress, dataAddress);
                if (rc == 1) {
                    Pointer.nativeValue(header, headerAddress.getLong(0));
                    Pointer.nativeValue(data, dataAddress.getLong(0));
                    // struct pcap_pkthdr on LP64: timeval {sec; nsec with nanosecond precision}, caplen, len
                    timestampNanos = header.getLong(0) * 1_000_000_000L + header.getLong(8);
                    capturedLength = Math.min(header.getInt(16), frame.length);
                    wireLength = header.getInt(20);
                    data.read(0, frame, 0, capturedLength);
                }
                return rc;
            }

            String error() {
                return pcap_geterr(pcap);
            }
        }
    }
}
