package io.darkscope.report;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every port its own colour, however many ports a report ranks and draws together. */
class PaletteTest {
    /** Colours this far apart in CIE L*a*b* (CIE76) are told apart at a glance, even as thin lines. */
    private static final double DISTINCT = 20;

    @Test
    void theDefaultTenPortsAndSixMoreSeriesAreColouredApart() {
        // the user's report: 2323/tcp 7th of the ranking, 5555/tcp drawn beside it in Figure 4
        List<String> ranked = List.of("23/tcp", "53413/udp", "5358/tcp", "6789/tcp", "22/tcp", "445/tcp", "2323/tcp", "2222/tcp",
                "3389/tcp", "80/tcp");
        Palette palette = new Palette(ranked);
        List<Color> colours = new ArrayList<>();
        ranked.forEach(p -> colours.add(palette.port(p)));
        List.of("7547/tcp", "5555/tcp", "37215/tcp", "52869/tcp", "8080/tcp", "81/tcp").forEach(p -> colours.add(palette.port(p)));
        for (int i = 0; i < colours.size(); i++) {
            assertThat(distance(colours.get(i), Palette.OTHER)).as("port %d against the other bar's grey", i).isGreaterThanOrEqualTo(DISTINCT);
            for (int j = i + 1; j < colours.size(); j++) {
                assertThat(distance(colours.get(i), colours.get(j))).as("ports %d and %d", i, j).isGreaterThanOrEqualTo(DISTINCT);
            }
        }
    }

    @Test
    void portsBeyondThePaletteStillGetColoursOfTheirOwn() {
        List<String> ports = IntStream.range(0, 60).mapToObj(i -> (8000 + i) + "/tcp").toList();
        Palette palette = new Palette(ports);
        assertThat(ports.stream().map(palette::port).toList()).doesNotHaveDuplicates().doesNotContain(Palette.OTHER);
    }

    @Test
    void aPortKeepsItsColour() {
        Palette palette = new Palette(List.of("23/tcp", "2323/tcp"));
        Color telnet = palette.port("23/tcp");
        palette.port("7547/tcp");
        assertThat(palette.port("23/tcp")).isEqualTo(telnet);
    }

    /** CIE76 colour difference: the Euclidean distance in L*a*b* (sRGB, D65). */
    private static double distance(Color a, Color b) {
        double[] p = lab(a);
        double[] q = lab(b);
        return Math.sqrt(Math.pow(p[0] - q[0], 2) + Math.pow(p[1] - q[1], 2) + Math.pow(p[2] - q[2], 2));
    }

    private static double[] lab(Color c) {
        double r = linear(c.getRed());
        double g = linear(c.getGreen());
        double b = linear(c.getBlue());
        double x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
        double y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
        double z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
        return new double[] {116 * y - 16, 500 * (x - y), 200 * (y - z)};
    }

    private static double linear(int channel) {
        double u = channel / 255.0;
        return u <= 0.04045 ? u / 12.92 : Math.pow((u + 0.055) / 1.055, 2.4);
    }

    private static double f(double t) {
        return t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116.0;
    }
}
