package io.darkscope.report;

import io.darkscope.analysis.traffic.PortSpec;
import io.darkscope.query.QueryService;
import io.darkscope.store.Store;
import org.junit.jupiter.api.BeforeAll;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The report in headless Chromium, in both languages: it renders, every figure is drawn at
 * page width with legible text, no two texts of a figure overlap (the marks' labels included),
 * the page does not overflow sideways, and the PDF prints. Screenshots are saved in
 * target/report-screenshots/. Needs Debian's chromium and chromium-driver (.ci/run installs them).
 */
class RenderTest {
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("DARKSCOPE_CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "report-screenshots");
    /** A4 less the print style's 15 mm margins, in points: the width a figure has on paper. */
    private static final double A4_TEXT_WIDTH_POINTS = (210 - 2 * 15) / 25.4 * 72;

    @TempDir
    static Path dir;
    private static Chromium chromium;
    private static final Map<Language, Path> reports = new EnumMap<>(Language.class);

    @BeforeAll
    static void writeReports() throws Exception {
        chromium = Chromium.find().orElse(null);
        assumeTrue(chromium != null && Files.isExecutable(CHROMEDRIVER), "needs chromium and chromium-driver");
        ReportFixture fixture = ReportFixture.create(dir);
        try (Store store = Store.openReadOnly(fixture.data)) {
            ReportData data = ReportData.gather(new QueryService(store, fixture.geo), new ReportOptions(2016, "JP", List.of(PortSpec.parse("22/tcp")), 10));
            for (Language language : Language.values()) {
                Path html = dir.resolve("report-" + language.code() + ".html");
                Files.writeString(html, HtmlReport.render(data, language), StandardCharsets.UTF_8);
                reports.put(language, html);
            }
        }
        fixture.geo.close();
        Files.createDirectories(SCREENSHOTS);
    }

    private static WebDriver browser() {
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
        try {
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
        } finally {
            driver.quit();
        }
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
    void printsToPdf() throws Exception {
        Path pdf = dir.resolve("report-ja.pdf");
        chromium.printToPdf(reports.get(Language.JA), pdf);
        byte[] bytes = Files.readAllBytes(pdf);
        assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(bytes.length).isGreaterThan(50_000);
    }
}
