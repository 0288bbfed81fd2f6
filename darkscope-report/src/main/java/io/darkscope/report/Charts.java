package io.darkscope.report;

import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.apache.batik.svggen.SVGIDGenerator;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.DateTickUnitType;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.StringWriter;
import java.text.NumberFormat;
import java.text.SimpleDateFormat;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

/**
 * The report's figures as inline SVG, drawn by JFreeChart on Batik's SVG canvas: daily series over a year, with
 * dated marks whose labels are laid out so that none overlaps another, and share bars.
 */
final class Charts {
    static final int WIDTH = 760;
    static final int HEIGHT = 330;
    private static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font LABELS = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font MARKS = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Color GRID = new Color(0xdddddd);
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");
    private static final int ROW = 14;
    private static final int MAX_ROWS = 8;
    private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";

    private final Text text;

    Charts(Text text) {
        this.text = text;
    }

    /** A line over the days; a null value is a day without data, drawn as a gap. */
    record Line(String label, Color color, Map<LocalDate, Long> values) {
    }

    /** A dated mark: a dashed line at the date labelled at the top, and a labelled point (a peak). */
    record Mark(LocalDate date, Color color, String label, LocalDate pointDate, long pointValue, String pointLabel) {
    }

    /** A bar of the share chart. */
    record Bar(String label, Color color, double share) {
    }

    String daily(String id, LocalDate first, LocalDate last, String yLabel, List<Line> lines, List<Mark> marks) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        for (Line line : lines) {
            XYSeries series = new XYSeries(line.label(), false, false);
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                series.add(millis(d), line.values().get(d));
            }
            dataset.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(null, null, yLabel, dataset, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setDomainAxis(dateAxis(first, last));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setDrawSeriesLineAsPath(true);
        for (int i = 0; i < lines.size(); i++) {
            renderer.setSeriesPaint(i, lines.get(i).color());
            renderer.setSeriesStroke(i, new BasicStroke(1.6f));
        }
        plot.setRenderer(renderer);
        NumberAxis values = (NumberAxis) plot.getRangeAxis();
        values.setStandardTickUnits(NumberAxis.createIntegerTickUnits()); // counts: no tick between two integers
        values.setNumberFormatOverride(compact());
        values.setUpperMargin(0.1 + 0.06 * (Math.min(4, marks.size()) + 1)); // headroom for the marks' labels
        style(chart);
        placeMarks(chart, plot, marks);
        return svg(id, chart);
    }

    String shares(String id, String valueLabel, List<Bar> bars) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (Bar bar : bars) {
            dataset.addValue(100 * bar.share(), "share", bar.label());
        }
        JFreeChart chart = ChartFactory.createBarChart(null, null, valueLabel, dataset, PlotOrientation.HORIZONTAL, false, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer renderer = new BarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                return bars.get(column).color();
            }
        };
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        NumberFormat oneDecimal = NumberFormat.getNumberInstance(text.language().locale());
        oneDecimal.setMaximumFractionDigits(1);
        oneDecimal.setMinimumFractionDigits(1);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}%", oneDecimal));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(TICKS);
        renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        renderer.setItemLabelAnchorOffset(4);
        plot.setRenderer(renderer);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        ((NumberAxis) plot.getRangeAxis()).setUpperMargin(0.12);
        style(chart);
        return svg(id, chart, WIDTH, 40 + 26 * Math.max(1, bars.size()));
    }

    private DateAxis dateAxis(LocalDate first, LocalDate last) {
        DateAxis axis = new DateAxis(null, UTC, text.language().locale());
        axis.setRange(new Date(millis(first)), new Date(millis(last.plusDays(1))));
        SimpleDateFormat format = new SimpleDateFormat(text.get("format.month"), text.language().locale());
        format.setTimeZone(UTC);
        axis.setTickUnit(new DateTickUnit(DateTickUnitType.MONTH, 1, format));
        return axis;
    }

    private NumberFormat compact() {
        NumberFormat format = NumberFormat.getCompactNumberInstance(text.language().locale(), NumberFormat.Style.SHORT);
        format.setMaximumFractionDigits(1);
        return format;
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.getPlot().setBackgroundPaint(Color.WHITE);
        chart.getPlot().setOutlineVisible(false);
        if (chart.getPlot() instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(GRID);
            xy.setRangeGridlinePaint(GRID);
            axisFonts(xy.getDomainAxis(), xy.getRangeAxis());
        } else if (chart.getPlot() instanceof CategoryPlot category) {
            category.setRangeGridlinePaint(GRID);
            axisFonts(category.getDomainAxis(), category.getRangeAxis());
        }
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(LABELS);
            chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
            chart.getLegend().setPosition(RectangleEdge.TOP);
        }
    }

    private static void axisFonts(org.jfree.chart.axis.Axis domain, org.jfree.chart.axis.Axis range) {
        for (org.jfree.chart.axis.Axis axis : List.of(domain, range)) {
            axis.setTickLabelFont(TICKS);
            axis.setLabelFont(LABELS);
        }
    }

    /**
     * Draws the chart once to learn where its plot lies, then lays the marks' labels out in
     * pixels: each takes the first place, of those tried in order, that overlaps no label or dot
     * placed before it (top labels: row by row at the top; point labels: ever further above or
     * below their dot, right or left of it).
     */
    private static void placeMarks(JFreeChart chart, XYPlot plot, List<Mark> marks) {
        if (marks.isEmpty()) {
            return;
        }
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage scratch = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT), info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        FontMetrics metrics = g.getFontMetrics(MARKS);
        g.dispose();
        List<Rectangle2D> dots = new ArrayList<>();
        for (Mark mark : marks) {
            double px = plot.getDomainAxis().valueToJava2D(millis(mark.pointDate()), area, RectangleEdge.BOTTOM);
            double py = plot.getRangeAxis().valueToJava2D(mark.pointValue(), area, RectangleEdge.LEFT);
            dots.add(new Rectangle2D.Double(px - 3, py - 3, 6, 6));
        }
        List<Rectangle2D> taken = new ArrayList<>(dots);
        for (int i = 0; i < marks.size(); i++) {
            Mark mark = marks.get(i);
            plot.addDomainMarker(new ValueMarker(millis(mark.date()), mark.color(), new BasicStroke(1f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f)));
            double x = plot.getDomainAxis().valueToJava2D(millis(mark.date()), area, RectangleEdge.BOTTOM);
            double labelWidth = width(metrics, mark.label());
            List<Rectangle2D> rows = new ArrayList<>();
            for (int row = 0; row < MAX_ROWS; row++) {
                rows.addAll(beside(x, area.getMinY() + 2 + row * ROW, labelWidth, area));
            }
            annotate(plot, area, mark.label(), mark.color(), place(taken, rows));
            double px = dots.get(i).getCenterX();
            double py = dots.get(i).getCenterY();
            plot.addAnnotation(point(plot, area, px, py, mark.color()));
            double valueWidth = width(metrics, mark.pointLabel());
            List<Rectangle2D> around = new ArrayList<>();
            for (int step = 0; step < MAX_ROWS; step++) {
                around.addAll(beside(px, py - 3 - ROW - step * ROW, valueWidth, area));
                around.addAll(beside(px, py + 3 + step * ROW, valueWidth, area));
            }
            List<Rectangle2D> inside = around.stream().filter(b -> b.getMinY() >= area.getMinY() && b.getMaxY() <= area.getMaxY()).toList();
            annotate(plot, area, mark.pointLabel(), mark.color(), place(taken, inside.isEmpty() ? around : inside));
        }
    }

    /** A label's width with room to spare: the browser's sans-serif may be wider than Java's. */
    private static double width(FontMetrics metrics, String label) {
        return metrics.stringWidth(label) * 1.2 + 4;
    }

    /** A label's boxes right and left of {@code x}, those that fit in the plot (the left one if neither does). */
    private static List<Rectangle2D> beside(double x, double y, double width, Rectangle2D area) {
        List<Rectangle2D> boxes = new ArrayList<>(2);
        if (x + 3 + width <= area.getMaxX()) {
            boxes.add(new Rectangle2D.Double(x + 3, y, width, ROW));
        }
        if (x - 3 - width >= area.getMinX() || boxes.isEmpty()) {
            boxes.add(new Rectangle2D.Double(x - 3 - width, y, width, ROW));
        }
        return boxes;
    }

    /** The first candidate that overlaps nothing taken (the first of all if every one does), now taken. */
    private static Rectangle2D place(List<Rectangle2D> taken, List<Rectangle2D> candidates) {
        Rectangle2D chosen = candidates.stream().filter(c -> taken.stream().noneMatch(c::intersects)).findFirst()
                .orElse(candidates.get(0));
        taken.add(chosen);
        return chosen;
    }

    private static void annotate(XYPlot plot, Rectangle2D area, String label, Color color, Rectangle2D box) {
        double x = plot.getDomainAxis().java2DToValue(box.getX() + 2, area, RectangleEdge.BOTTOM);
        double y = plot.getRangeAxis().java2DToValue(box.getCenterY(), area, RectangleEdge.LEFT);
        XYTextAnnotation annotation = new XYTextAnnotation(label, x, y);
        annotation.setFont(MARKS);
        annotation.setPaint(color.darker());
        annotation.setTextAnchor(TextAnchor.HALF_ASCENT_LEFT);
        plot.addAnnotation(annotation);
    }

    /** A dot of 6 pixels at a point, sized in data units so that it stays round. */
    private static XYShapeAnnotation point(XYPlot plot, Rectangle2D area, double px, double py, Color color) {
        double x0 = plot.getDomainAxis().java2DToValue(px - 3, area, RectangleEdge.BOTTOM);
        double x1 = plot.getDomainAxis().java2DToValue(px + 3, area, RectangleEdge.BOTTOM);
        double y0 = plot.getRangeAxis().java2DToValue(py + 3, area, RectangleEdge.LEFT);
        double y1 = plot.getRangeAxis().java2DToValue(py - 3, area, RectangleEdge.LEFT);
        return new XYShapeAnnotation(new Ellipse2D.Double(x0, y0, x1 - x0, y1 - y0), new BasicStroke(1f), color, color);
    }

    private static String svg(String id, JFreeChart chart) {
        return svg(id, chart, WIDTH, HEIGHT);
    }

    private static String svg(String id, JFreeChart chart, int width, int height) {
        SVGGraphics2D g = graphics(id);
        chart.draw(g, new Rectangle(0, 0, width, height));
        Element root = g.getRoot();
        root.setAttribute("id", id + "-svg");
        root.setAttribute("viewBox", "0 0 " + width + " " + height);
        root.removeAttribute("width");  // the page's style sheet sizes it
        root.removeAttribute("height");
        NodeList defs = root.getElementsByTagName("defs");
        for (int i = 0; i < defs.getLength(); i++) {
            Element d = (Element) defs.item(i);
            if (!d.getAttribute("id").startsWith(id)) {
                d.setAttribute("id", id + "-" + d.getAttribute("id")); // Batik's "genericDefs", once per chart
            }
        }
        StringWriter out = new StringWriter();
        try {
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes"); // it goes inside the page
            transformer.transform(new DOMSource(root), new StreamResult(out));
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write the SVG of " + id, e);
        }
        return out.toString();
    }

    /** Batik's SVG canvas, its ids prefixed so that several charts can share a page. */
    private static SVGGraphics2D graphics(String id) {
        Document document;
        try {
            document = DocumentBuilderFactory.newInstance().newDocumentBuilder().getDOMImplementation()
                    .createDocument(SVG_NAMESPACE, "svg", null);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        SVGGeneratorContext context = SVGGeneratorContext.createDefault(document);
        context.setComment(null);
        context.setIDGenerator(new SVGIDGenerator() {
            @Override
            public String generateID(String prefix) {
                return id + "-" + super.generateID(prefix);
            }
        });
        return new SVGGraphics2D(context, false);
    }

    private static long millis(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
