package io.darkscope.sim.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The tool models by the names scenarios use. */
public final class ToolModels {
    private static final Map<String, Supplier<ToolModel>> MODELS = new LinkedHashMap<>();

    static {
        MODELS.put("mirai", Mirai::leaked);
        MODELS.put("mirai-early", Mirai::early);
        MODELS.put("zmap", ZMap::classic);
        MODELS.put("zmap-4.1", ZMap::modern);
        MODELS.put("masscan", Masscan::new);
        MODELS.put("tr069", () -> StackScanner.linux("tr069"));
        MODELS.put("ssh", () -> StackScanner.linux("ssh"));
        MODELS.put("linux", () -> StackScanner.linux("linux"));
        MODELS.put("windows", StackScanner::windows);
        MODELS.put("netis", () -> new UdpProbe("netis"));
        MODELS.put("udp", () -> new UdpProbe("udp"));
        MODELS.put("icmp-sweep", IcmpSweep::new);
        MODELS.put("backscatter", Backscatter::new);
        MODELS.put("ipv6-scan", Ipv6Scanner::new);
        MODELS.put("gre", GreProbe::new);
        MODELS.put("fragments", FragmentedProbe::new);
        MODELS.put("spoofed", SpoofedPackets::new);
    }

    private ToolModels() {
    }

    /** A new model instance; models keep no state between sources, but a fresh one per actor keeps it obvious. */
    public static ToolModel byName(String name) {
        Supplier<ToolModel> model = MODELS.get(name);
        if (model == null) {
            throw new IllegalArgumentException("unknown tool '" + name + "' (one of " + MODELS.keySet() + ")");
        }
        return model.get();
    }
}
