package io.darkscope.report;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The report in headless Chromium, in both languages: it renders, every figure is drawn at
 * page width with legible text, no two texts of a figure overlap (the marks' labels included),
 * the series drawn together differ in colour, the page does not overflow sideways, on a phone's
 * 375 px either, and on A4 nothing is clipped nor a heading wrapped inside a word; the PDF prints.
 * Screenshots and the PDF's pages are saved in target/report-screenshots/. Needs Debian's chromium
 * and chromium-driver (.ci/run installs them), and poppler-utils for the PDF's pages; without
 * them each test is skipped, saying so. One browser serves every test, each setting the window
 * and the emulation it needs, and each language's PDF is printed once.
 */
class RenderTest {
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("DARKSCOPE_CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "report-screenshots");
    /** A4 less the print style's 15 mm margins, in points: the width a figure has on paper. */
    private static final double A4_TEXT_WIDTH_POINTS = (210 - 2 * 15) / 25.4 * 72;
    /** The same width in CSS pixels (96 an inch), rounded down: the width the page is laid out at for print. */
    private static final int A4_TEXT_WIDTH_PIXELS = (int) ((210 - 2 * 15) / 25.4 * 96);
    private static final int PHONE_WIDTH = 375;

    @TempDir
    static Path dir;
    private static final Chromium chromium = Chromium.find().orElse(null);
    private static final boolean BROWSER = chromium != null && Files.isExecutable(CHROMEDRIVER);
    private static final Map<Language, Path> reports = new EnumMap<>(Language.class);
    private static final Map<Language, Path> pdfs = new EnumMap<>(Language.class);
    private static ChromeDriver driver;

    @BeforeAll
    static void writeReports() throws Exception {
        if (!BROWSER) {
            return; // each test is skipped, saying why
        }
        ReportFixture fixture = ReportFixture.shared();
        for (Language language : Language.values()) {
            Path html = dir.resolve("report-" + language.code() + ".html");
            Files.writeString(html, fixture.html(language), StandardCharsets.UTF_8);
            reports.put(language, html);
        }
        Files.createDirectories(SCREENSHOTS);
    }

    @BeforeEach
    void needsTheBrowser() {
        assumeTrue(BROWSER, "needs chromium and chromium-driver (Debian packages; .ci/run installs them)");
    }

    @AfterAll
    static void quitTheBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    /** The browser, started by the first test that needs it, with no emulation and its first window size. */
    private static ChromeDriver browser() {
        if (driver == null) {
            driver = start();
        }
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1000, 1200));
        return driver;
    }

    /** A language's report printed to PDF, once. */
    private static synchronized Path pdf(Language language) throws Exception {
        Path pdf = pdfs.get(language);
        if (pdf == null) {
            pdf = dir.resolve("report-" + language.code() + ".pdf");
            chromium.printToPdf(reports.get(language), pdf);
            pdfs.put(language, pdf);
        }
        return pdf;
    }

    private static ChromeDriver start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.executable().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run", "--hide-scrollbars",
                "--window-size=1000,1200");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        return new ChromeDriver(service, options);
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void rendersWithEveryFigureLegibleAndNoTextOverlapping(Language language) throws Exception {
        WebDriver driver = browser();
        driver.get(reports.get(language).toUri().toString());
        assertThat(driver.getTitle()).isEqualTo(new Text(language).get("title", "2016"));
        JavascriptExecutor js = (JavascriptExecutor) driver;
        for (String figure : List.of("figure1", "figure2", "figure3", "figure4", "figure5")) {
            WebElement svg = driver.findElement(By.cssSelector("#" + figure + " svg"));
            assertThat(svg.getRect().getWidth()).as(figure + " width").isGreaterThan(700);
            assertThat(svg.findElements(By.cssSelector("text"))).as(figure + " has its labels").hasSizeGreaterThan(8);
            Object overlaps = js.executeScript(OVERLAPS, svg);
            assertThat((List<?>) overlaps).as(figure + ": texts that overlap").isEmpty();
            double smallest = ((Number) js.executeScript("return Math.min(...Array.from(arguments[0].querySelectorAll('text'))"
                    + ".map(t => parseFloat(getComputedStyle(t).fontSize))) / arguments[0].viewBox.baseVal.width;", svg)).doubleValue();
            assertThat(smallest * svg.getRect().getWidth()).as(figure + ": smallest text on screen, CSS pixels").isGreaterThanOrEqualTo(10);
            assertThat(smallest * A4_TEXT_WIDTH_POINTS).as(figure + ": smallest text on A4, points").isGreaterThanOrEqualTo(7);
        }
        Number overflow = (Number) js.executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
        assertThat(overflow.intValue()).as("no sideways scrolling").isLessThanOrEqualTo(0);
        BufferedImage page = screenshot(driver, language);
        assertThat(page.getHeight()).isGreaterThan(4000);
        assertThat(pixelsNear(page, Palette.TCP.getRGB())).as("TCP lines drawn").isGreaterThan(500);
    }

    /** Pairs of text elements whose boxes intersect by more than a pixel each way. */
    private static final String OVERLAPS = String.join("\n",
            "const boxes = Array.from(arguments[0].querySelectorAll('text')).filter(t => t.textContent.trim())",
            "  .map(t => [t.textContent, t.getBoundingClientRect()]);",
            "const hits = [];",
            "for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {",
            "  const a = boxes[i][1], b = boxes[j][1];",
            "  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left), h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);",
            "  if (w > 1 && h > 1) hits.push(boxes[i][0] + ' / ' + boxes[j][0]);",
            "}",
            "return hits;");

    private static BufferedImage screenshot(WebDriver driver, Language language) throws Exception {
        long height = (Long) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight;");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1000, (int) height + 100));
        byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve("report-" + language.code() + ".png"), png);
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    private static long pixelsNear(BufferedImage image, int rgb) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int p = image.getRGB(x, y);
                int d = Math.abs(((p >> 16) & 0xff) - ((rgb >> 16) & 0xff)) + Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff))
                        + Math.abs((p & 0xff) - (rgb & 0xff));
                n += d < 30 ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void everySeriesDrawnTogetherHasItsOwnColour() {
        ChromeDriver driver = browser();
        driver.get(reports.get(Language.EN).toUri().toString());
        for (String figure : List.of("figure1", "figure4")) {
            List<String> labels = driver.findElements(By.cssSelector("#" + figure + "-data th")).stream().skip(1)
                    .map(th -> th.getDomProperty("textContent")).toList();
            Object swatches = driver.executeScript("return Array.from(arguments[0].querySelectorAll('text'))"
                    + ".filter(t => arguments[1].includes(t.textContent)).map(t => t.previousElementSibling)"
                    + ".filter(p => p && p.tagName === 'path').map(p => getComputedStyle(p).stroke);",
                    driver.findElement(By.cssSelector("#" + figure + " svg")), labels);
            assertThat((List<?>) swatches).as(figure + ": the legend's colours of " + labels).hasSize(labels.size()).doesNotHaveDuplicates();
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void readsOnAPhone(Language language) throws Exception {
        ChromeDriver driver = browser();
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", PHONE_WIDTH, "height", 812, "deviceScaleFactor", 1, "mobile", true));
        driver.get(reports.get(language).toUri().toString());
        assertThat(((Number) driver.executeScript("return window.innerWidth;")).intValue()).as("laid out for the phone, not zoomed out")
                .isEqualTo(PHONE_WIDTH);
        assertThat((List<?>) driver.executeScript(NARROW_PROBLEMS)).isEmpty();
        assertThat((Boolean) driver.executeScript("const t = document.getElementById('dos-attacks');"
                + "return t.offsetWidth > t.parentElement.clientWidth;")).as("the DoS table is wider than the phone: it scrolls in its box").isTrue();
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        Files.write(SCREENSHOTS.resolve("report-" + language.code() + "-" + PHONE_WIDTH + "px.png"),
                Base64.getDecoder().decode((String) shot.get("data")));
    }

    /** What would not fit a narrow screen: the page scrolling sideways, a chart not at its box's width, a table's box past the page, text overflowing. */
    private static final String NARROW_PROBLEMS = String.join("\n",
            "const width = document.documentElement.clientWidth, problems = [];",
            "if (document.documentElement.scrollWidth > width) problems.push('the page is ' + document.documentElement.scrollWidth + ' px wide');",
            "for (const svg of document.querySelectorAll('figure svg')) {",
            "  const box = svg.parentElement.getBoundingClientRect(), r = svg.getBoundingClientRect();",
            "  if (Math.abs(r.width - box.width) > 1 || r.right > width) problems.push(svg.id + ': ' + r.width + ' px in a ' + box.width + ' px figure');",
            "}",
            "for (const table of document.querySelectorAll('table')) {",
            "  const box = table.parentElement, name = table.id || table.className;",
            "  if (box.getBoundingClientRect().right > width + 0.5) problems.push(name + ': its box runs past the page');",
            "  if (table.offsetWidth > box.clientWidth && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX))",
            "    problems.push(name + ': wider than its box, which does not scroll');",
            "}",
            "for (const e of document.querySelectorAll('h1, h2, h3, p, li, caption, figcaption, summary'))",
            "  if (e.scrollWidth > e.clientWidth + 1) problems.push('overflows: ' + e.textContent.slice(0, 60));",
            "return problems;");

    @ParameterizedTest
    @EnumSource(Language.class)
    void laysOutOnA4WithNothingClippedAndNoHeadingBrokenInsideAWord(Language language) {
        ChromeDriver driver = browser();
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", A4_TEXT_WIDTH_PIXELS, "height", 1000, "deviceScaleFactor", 1, "mobile", false));
        driver.get(reports.get(language).toUri().toString());
        assertThat(((Number) driver.executeScript("return document.querySelectorAll('th').length;")).intValue()).as("headings measured")
                .isGreaterThan(20);
        assertThat((List<?>) driver.executeScript(PRINT_PROBLEMS)).isEmpty();
    }

    /**
     * What would be clipped or badly wrapped on paper: the page or a table wider than the text
     * width, a heading that breaks a line inside a word (anywhere but at a space, a wbr or a
     * bracket) or holds one character a line.
     */
    private static final String PRINT_PROBLEMS = String.join("\n",
            "const width = document.documentElement.clientWidth, problems = [];",
            "if (document.documentElement.scrollWidth > width) problems.push('the page is ' + document.documentElement.scrollWidth + ' px wide');",
            "for (const table of document.querySelectorAll('table')) {",
            "  if (!table.offsetParent) continue;",
            "  const box = table.parentElement;",
            "  if (table.scrollWidth > box.clientWidth || box.getBoundingClientRect().right > width + 0.5)",
            "    problems.push((table.id || table.className) + ': ' + table.scrollWidth + ' px in ' + box.clientWidth + ' px');",
            "}",
            "for (const th of document.querySelectorAll('th')) {",
            "  if (!th.offsetParent) continue;",
            "  const chars = [];",
            "  let wbr = false;",
            "  for (const node of th.childNodes) {",
            "    if (node.nodeName.toLowerCase() === 'wbr') { wbr = true; continue; }",
            "    for (let i = 0; i < (node.data || '').length; i++) {",
            "      const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);",
            "      const rect = range.getClientRects()[0];",
            "      if (rect) chars.push({c: node.data[i], top: rect.top, wbr: wbr && i === 0});",
            "    }",
            "    wbr = false;",
            "  }",
            "  const half = parseFloat(getComputedStyle(th).lineHeight) / 2, lines = [[]];",
            "  for (let k = 0; k < chars.length; k++) {",
            "    const ch = chars[k], line = lines[lines.length - 1];",
            "    if (/\\s/.test(ch.c)) continue;",
            "    if (line.length && ch.top > line[line.length - 1].top + half) {",
            "      const prev = chars[k - 1].c;",
            "      if (!(/\\s/.test(prev) || ch.wbr || '（(['.includes(ch.c) || '）)]、'.includes(prev)))",
            "        problems.push(th.textContent + ': a line breaks inside a word, before ' + ch.c);",
            "      lines.push([]);",
            "    }",
            "    lines[lines.length - 1].push(ch);",
            "  }",
            "  if (lines.length > 1 && lines.every(l => l.length <= 1)) problems.push(th.textContent + ': one character a line');",
            "}",
            "return problems;");

    @ParameterizedTest
    @EnumSource(Language.class)
    void printsPagesOfA4WithNothingInTheMargins(Language language) throws Exception {
        Optional<Path> pdftoppm = onPath("pdftoppm");
        assumeTrue(pdftoppm.isPresent(), "needs pdftoppm (Debian package poppler-utils) to render the PDF's pages");
        Path pdf = pdf(language);
        String prefix = "report-" + language.code() + "-pdf";
        try (Stream<Path> old = Files.list(SCREENSHOTS)) {
            for (Path png : old.filter(p -> p.getFileName().toString().startsWith(prefix + "-")).toList()) {
                Files.delete(png);
            }
        }
        Process render = new ProcessBuilder(pdftoppm.get().toString(), "-r", "72", "-png", pdf.toString(), SCREENSHOTS.resolve(prefix).toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(render.waitFor()).as("pdftoppm's exit status").isZero();
        List<Path> pages;
        try (Stream<Path> files = Files.list(SCREENSHOTS)) {
            pages = files.filter(p -> p.getFileName().toString().startsWith(prefix + "-")).sorted().toList();
        }
        assertThat(pages).as("pages").hasSizeGreaterThan(3);
        for (Path png : pages) {
            BufferedImage page = ImageIO.read(png.toFile());
            assertThat((double) page.getHeight() / page.getWidth()).as(png + ": A4 portrait").isCloseTo(297 / 210.0, within(0.01));
            int margin = (int) (page.getWidth() * 14 / 210.0); // the print style's 15 mm, less one for rounding
            assertThat(inkOutside(page, margin)).as(png + ": pixels drawn in the margins").isZero();
        }
    }

    /** Pixels that are not white in the band of {@code margin} pixels around the page. */
    private static long inkOutside(BufferedImage page, int margin) {
        long ink = 0;
        for (int y = 0; y < page.getHeight(); y++) {
            for (int x = 0; x < page.getWidth(); x++) {
                boolean inMargin = x < margin || y < margin || x >= page.getWidth() - margin || y >= page.getHeight() - margin;
                ink += inMargin && (page.getRGB(x, y) & 0xffffff) != 0xffffff ? 1 : 0;
            }
        }
        return ink;
    }

    private static Optional<Path> onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).map(d -> Path.of(d, program))
                .filter(Files::isExecutable).findFirst();
    }

    @Test
    void printsToPdf() throws Exception {
        byte[] bytes = Files.readAllBytes(pdf(Language.JA));
        assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(bytes.length).isGreaterThan(50_000);
    }
}
