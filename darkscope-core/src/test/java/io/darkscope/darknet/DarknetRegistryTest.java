package io.darkscope.darknet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DarknetRegistryTest {
    @TempDir
    Path dir;

    private static int ip(String dotted) {
        String[] p = dotted.split("\\.");
        return (Integer.parseInt(p[0]) << 24) | (Integer.parseInt(p[1]) << 16) | (Integer.parseInt(p[2]) << 8) | Integer.parseInt(p[3]);
    }

    @Test
    void prefixesParseInBothFamiliesAndRefuseHostBits() {
        assertThat(Prefix.parse("198.51.100.0/22").lastIpv4()).isEqualTo(0xC63367FFL);
        assertThat(Prefix.parse("203.0.113.7").length()).isEqualTo(32);
        assertThat(Prefix.parse("0.0.0.0/0").size().longValue()).isEqualTo(1L << 32);
        assertThat(Prefix.parse("2001:db8::/32").toString()).isEqualTo("2001:db8:0:0:0:0:0:0/32");
        assertThatThrownBy(() -> Prefix.parse("198.51.100.5/24")).hasMessageContaining("host bits").hasMessageContaining("198.51.100.0/24");
        assertThatThrownBy(() -> Prefix.parse("2001:db8::1/64")).hasMessageContaining("2001:db8:0:0:0:0:0:0/64");
        assertThatThrownBy(() -> Prefix.parse("300.1.1.1/32")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Prefix.parse("example.com/24")).hasMessageContaining("not an IPv4 or IPv6 prefix");
        assertThatThrownBy(() -> Prefix.parse("10.0.0.0/33")).hasMessageContaining("out of range 0-32");
    }

    @Test
    void ipv6PrefixesOfAnyLengthContainTheirAddresses() {
        Prefix p48 = Prefix.parse("2001:db8:1::/48");
        assertThat(p48.containsIpv6(0x20010db800010000L | 0xffffL, 5)).isTrue();
        assertThat(p48.containsIpv6(0x20010db800020000L, 0)).isFalse();
        Prefix p96 = Prefix.parse("2001:db8::aaaa:0:0/96");
        assertThat(p96.containsIpv6(0x20010db800000000L, 0x0000aaaa12345678L)).isTrue();
        assertThat(p96.containsIpv6(0x20010db800000000L, 0x0000aaab12345678L)).isFalse();
        assertThat(Prefix.parse("::/0").containsIpv6(-1, -1)).isTrue();
    }

    @Test
    void monitoredSpaceDependsOnTheDayAndOverlapsCountOnce() {
        DarknetRegistry registry = new DarknetRegistry(List.of(
                new DarknetRegistry.Entry(Prefix.parse("198.51.100.0/24"), LocalDate.of(2005, 1, 1), LocalDate.of(2010, 12, 31)),
                new DarknetRegistry.Entry(Prefix.parse("198.51.100.128/25"), null, null),
                new DarknetRegistry.Entry(Prefix.parse("203.0.112.0/22"), LocalDate.of(2016, 1, 1), null)));
        assertThat(registry.ipv4Addresses(LocalDate.of(2004, 12, 31))).isEqualTo(128);
        assertThat(registry.ipv4Addresses(LocalDate.of(2005, 1, 1))).isEqualTo(256);
        assertThat(registry.ipv4Addresses(LocalDate.of(2010, 12, 31))).isEqualTo(256);
        assertThat(registry.ipv4Addresses(LocalDate.of(2016, 9, 20))).isEqualTo(128 + 1024);
        DarknetRegistry.Filter in2016 = registry.on(LocalDate.of(2016, 9, 20));
        assertThat(in2016.containsIpv4(ip("198.51.100.127"))).isFalse();
        assertThat(in2016.containsIpv4(ip("198.51.100.128"))).isTrue();
        assertThat(in2016.containsIpv4(ip("203.0.115.255"))).isTrue();
        assertThat(in2016.containsIpv4(ip("203.0.116.0"))).isFalse();
        assertThat(registry.on(LocalDate.of(2006, 1, 1)).containsIpv4(ip("198.51.100.1"))).isTrue();
    }

    @Test
    void adjacentAndHighAddressRangesAreHandledAsUnsigned() {
        DarknetRegistry registry = DarknetRegistry.ofPrefixes(List.of(Prefix.parse("255.255.255.0/24"), Prefix.parse("128.0.0.0/24"),
                Prefix.parse("128.0.1.0/24")));
        DarknetRegistry.Filter f = registry.on(LocalDate.of(2020, 1, 1));
        assertThat(f.containsIpv4(ip("255.255.255.255"))).isTrue();
        assertThat(f.containsIpv4(ip("128.0.1.200"))).isTrue();
        assertThat(f.containsIpv4(ip("127.255.255.255"))).isFalse();
        assertThat(f.ipv4Addresses()).isEqualTo(768);
    }

    @Test
    void aCidrListNamesTheFileAndLineOfABadEntry() throws Exception {
        Path list = dir.resolve("darknet.txt");
        Files.writeString(list, "# telescope\n198.51.100.0/24  # main\n\n2001:db8::/32\n");
        assertThat(DarknetRegistry.readCidrList(list).entries()).hasSize(2);
        Files.writeString(list, "198.51.100.0/24\n198.51.100.1/24\n");
        assertThatThrownBy(() -> DarknetRegistry.readCidrList(list)).hasMessageContaining("darknet.txt:2:");
        Files.writeString(list, "# nothing\n");
        assertThatThrownBy(() -> DarknetRegistry.readCidrList(list)).hasMessageContaining("no prefixes");
    }

    @Test
    void anEntryThatEndsBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> new DarknetRegistry.Entry(Prefix.parse("198.51.100.0/24"), LocalDate.of(2016, 1, 2), LocalDate.of(2016, 1, 1)))
                .hasMessageContaining("before");
    }
}
