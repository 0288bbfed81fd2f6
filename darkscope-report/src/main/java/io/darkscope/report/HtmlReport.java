package io.darkscope.report;

import io.darkscope.analysis.backscatter.DosQueries;
import io.darkscope.analysis.fingerprint.Fingerprint;
import io.darkscope.analysis.fingerprint.FingerprintQueries;
import io.darkscope.analysis.traffic.TrafficRows;
import io.darkscope.geo.GeoRows;
import io.darkscope.query.Event;
import io.darkscope.query.ScannerRows;

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The report as one self-contained HTML file: the seed's sections, tables and figures, its
 * sentences generated from the data. Sections, tables and figures are numbered in order, the
 * seed's first (Table 2 is the countries at the peaks), so that they carry the seed's numbers
 * when the data has what the seed shows. Every number printed carries its exact value in a
 * {@code data-value} attribute, and every figure its data in a table beside it.
 */
public final class HtmlReport {
    /** Where a heading's message allows a line break (ZERO WIDTH SPACE): there the heading gets a wbr. */
    private static final String BREAK = "\u200b";

    private final ReportData data;
    private final Text text;
    private final Names names;
    private final EventProse prose;
    private final Charts charts;
    private final Palette palette;
    private final Map<LocalDate, TrafficRows.Day> days;
    private final Html html = new Html();
    private int sections;
    private int figures;
    private int tables;

    private HtmlReport(ReportData data, Language language) {
        this.data = data;
        this.text = new Text(language);
        this.names = new Names(text);
        this.prose = new EventProse(text, names);
        this.charts = new Charts(text);
        this.palette = new Palette(data.ports().stream().map(ReportData::portKey).toList());
        this.days = data.daysByDate();
    }

    /** The report of {@code data} in a language. */
    public static String render(ReportData data, Language language) {
        return new HtmlReport(data, language).document();
    }

    private String document() {
        html.raw("<!DOCTYPE html>\n").open("html", "lang", text.language().code(), "xmlns", "http://www.w3.org/1999/xhtml");
        html.open("head").raw("<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .element("title", text.get("title", Integer.toString(data.year())))
                .open("style").raw(resource("report.css")).close("style").close("head");
        html.open("body").open("header").element("h1", text.get("title", Integer.toString(data.year())))
                .element("p", text.get("subtitle", text.date(LocalDate.now())), "class", "subtitle").close("header");
        darknet();
        if (days.isEmpty()) {
            html.element("p", text.get("empty", Integer.toString(data.year())), "class", "empty", "id", "empty");
        } else {
            overview();
            increases();
            countryView();
            survey();
            attacks();
        }
        credits();
        return html.close("body").close("html").toString();
    }

    private void section(String id, String title) {
        html.open("section", "id", id).element("h2", text.get("section.title", Integer.toString(++sections), title));
    }

    private void paragraph(String sentence) {
        html.element("p", sentence);
    }

    private void darknet() {
        section("darknet", text.get("darknet.title"));
        paragraph(text.get("darknet.what"));
        TrafficRows.Year year = data.thisYear();
        if (year != null) {
            paragraph(text.get("darknet.size", Integer.toString(data.year()), text.approx(year.addresses()), text.count(year.addresses()),
                    text.count(days.size()), text.count(data.firstDay().lengthOfYear())));
        }
        for (ReportData.SensorYear sensor : data.sensors()) {
            html.element("p", text.get("darknet.observed", sensor.sensor(), Integer.toString(data.year()), text.percent(sensor.observed()),
                    text.percent(sensor.silent()), text.count(sensor.received()), text.count(sensor.dropped()),
                    text.percent(sensor.received() == 0 ? 0 : (double) sensor.dropped() / sensor.received())), "class", "observed");
        }
        paragraph(text.get("darknet.caveat.devices"));
        paragraph(text.get("darknet.caveat.normalise"));
        table1();
        html.close("section");
    }

    private void table1() {
        openTable("id", "table1");
        html.element("caption", text.get("table1.caption", tableNumber()));
        List<String> columns = new ArrayList<>(List.of(text.get("table1.year"), text.get("table1.packets"), text.get("table1.addresses"),
                text.get("table1.perAddress")));
        Map<Integer, Long> withoutSurvey = new HashMap<>();
        if (data.withoutSurvey() != null) {
            columns.add(text.get("table1.survey"));
            data.withoutSurvey().years().forEach(y -> withoutSurvey.put(y.year(), y.packets()));
        }
        header(columns.toArray(String[]::new));
        for (TrafficRows.Year y : data.years()) {
            html.open("tr", "class", y.year() == data.year() ? "current" : null);
            cell(Integer.toString(y.year()), null);
            cell(text.approx(y.packets()), Long.toString(y.packets()));
            cell(text.approx(y.addresses()), Long.toString(y.addresses()));
            cell(y.packetsPerAddress() == null ? "-" : text.count(Math.round(y.packetsPerAddress())),
                    y.packetsPerAddress() == null ? null : Double.toString(y.packetsPerAddress()));
            if (data.withoutSurvey() != null) {
                double survey = share(y.packets() - withoutSurvey.getOrDefault(y.year(), 0L), y.packets());
                cell(text.percent(survey), Double.toString(survey));
            }
            html.close("tr");
        }
        closeTable();
    }

    private void overview() {
        section("overview", text.get("overview.title"));
        TrafficRows.Year year = data.thisYear();
        paragraph(text.get("overview.total", Integer.toString(data.year()), text.approx(year.packets()), text.count(year.packets()),
                year.packetsPerAddress() == null ? "-" : text.count(Math.round(year.packetsPerAddress()))));
        figure1();
        figure2();
        figure3();
        html.close("section");
    }

    private void figure1() {
        long tcp = sum(d -> d.packets().tcp());
        long udp = sum(d -> d.packets().udp());
        long all = sum(d -> d.packets().total());
        TrafficRows.Day busiest = data.days().stream().max(Comparator.comparingLong(d -> d.packets().total())).orElseThrow();
        paragraph(text.get("figure1.text", text.percent(share(tcp, all)), text.percent(share(udp, all)),
                text.date(busiest.date()), text.count(busiest.packets().total())));
        List<Charts.Line> lines = new ArrayList<>(List.of(
                line(text.get("protocol.tcp"), Palette.TCP, d -> d.packets().tcp()),
                line(text.get("protocol.udp"), Palette.UDP, d -> d.packets().udp()),
                line(text.get("protocol.icmp"), Palette.ICMP, d -> d.packets().icmp()),
                line(text.get("protocol.other"), Palette.OTHER, d -> d.packets().other())));
        surveyLine(lines, d -> d.packets().total());
        dailyFigure("figure1", text.get("figure1.caption"), charts.daily("fig1", data.firstDay(), data.lastDay(), text.get("axis.packets"), lines, List.of()),
                lines);
    }

    private void figure2() {
        TrafficRows.Day most = data.days().stream().max(Comparator.comparingLong(d -> d.sources().tcp())).orElseThrow();
        paragraph(text.get("figure2.text", text.count(most.sources().tcp()), text.date(most.date())));
        List<Charts.Line> lines = new ArrayList<>(List.of(line(text.get("protocol.tcp"), Palette.TCP, d -> d.sources().tcp())));
        surveyLine(lines, d -> d.sources().tcp());
        dailyFigure("figure2", text.get("figure2.caption"), charts.daily("fig2", data.firstDay(), data.lastDay(), text.get("axis.sources"), lines, List.of()),
                lines);
    }

    private void figure3() {
        List<TrafficRows.Port> ports = data.ports();
        if (ports.isEmpty()) {
            return;
        }
        List<String> ranking = new ArrayList<>();
        for (int i = 0; i < Math.min(3, ports.size()); i++) {
            ranking.add(text.get("figure3.rank", Names.port(ReportData.portKey(ports.get(i))), text.percent(ports.get(i).share())));
        }
        paragraph(text.get("figure3.text", text.list(ranking)));
        List<Charts.Bar> bars = new ArrayList<>();
        ports.forEach(p -> bars.add(new Charts.Bar(Names.port(ReportData.portKey(p)), palette.port(ReportData.portKey(p)), p.share())));
        bars.add(new Charts.Bar(text.get("figure3.other"), Palette.OTHER, otherShare()));
        List<String> columns = new ArrayList<>(List.of(text.get("column.port"), text.get("column.packets"), text.get("column.share"),
                text.get("column.sources")));
        if (data.withoutSurvey() != null) {
            columns.add(text.get("figure3.survey"));
        }
        figure("figure3", text.get("figure3.caption"), charts.shares("fig3", text.get("axis.share"), bars), columns, () -> {
            for (TrafficRows.Port p : ports) {
                html.open("tr");
                cell(Names.port(ReportData.portKey(p)), null);
                cell(text.count(p.packets()), Long.toString(p.packets()));
                cell(text.percent(p.share()), Double.toString(p.share()));
                cell(text.count(p.sources()), Long.toString(p.sources()));
                if (data.withoutSurvey() != null) {
                    double survey = share(p.packets() - data.withoutSurvey().portPackets().getOrDefault(ReportData.portKey(p), 0L), p.packets());
                    cell(text.percent(survey), Double.toString(survey));
                }
                html.close("tr");
            }
        });
    }

    private double otherShare() {
        return Math.max(0, 1 - data.ports().stream().mapToDouble(TrafficRows.Port::share).sum());
    }

    private void increases() {
        section("increases", text.get("increases.title"));
        paragraph(text.get("increases.method", text.count(data.eventMinSources())));
        List<Event> outbreaks = data.events().stream().filter(e -> !e.kind().equals(Event.COUNTRY_SPIKE)).toList();
        List<Event> spikes = data.events().stream().filter(e -> e.kind().equals(Event.COUNTRY_SPIKE)).toList();
        if (data.events().isEmpty()) {
            html.element("p", text.get("increases.none", Integer.toString(data.year())), "id", "no-events");
        }
        events("events", outbreaks);
        figure4();
        table2();
        if (!spikes.isEmpty()) {
            html.element("h3", text.get("increases.spikes"));
            events("spikes", spikes);
        }
        fingerprints();
        html.close("section");
    }

    private void events(String id, List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        html.open("ul", "id", id, "class", "events");
        events.forEach(e -> html.element("li", prose.statement(e), "data-key", e.key(), "data-kind", e.kind()));
        html.close("ul");
    }

    private void figure4() {
        if (data.portSeries().isEmpty()) {
            return;
        }
        List<Charts.Line> lines = new ArrayList<>();
        for (ReportData.PortSeries s : data.portSeries()) {
            Map<LocalDate, Long> values = dailyOrZero(s.days());
            lines.add(new Charts.Line(Names.port(s.port()), palette.port(s.port()), values));
        }
        List<Charts.Mark> marks = new ArrayList<>();
        for (Event e : data.events()) {
            if (data.portSeries().stream().anyMatch(s -> s.port().equals(e.key()))) {
                Color color = palette.port(e.key());
                marks.add(new Charts.Mark(e.onset(), color, Names.port(e.key()) + " " + text.shortDate(e.onset()),
                        e.peakDate(), e.peakSources(), text.count(e.peakSources())));
            }
        }
        marks.sort(Comparator.comparing(Charts.Mark::date));
        dailyFigure("figure4", text.get("figure4.caption"), charts.daily("fig4", data.firstDay(), data.lastDay(), text.get("axis.sources"), lines, marks),
                lines);
    }

    private void fingerprints() {
        List<FingerprintQueries.Row> rows = data.fingerprints();
        if (rows.isEmpty()) {
            return;
        }
        openTable("id", "fingerprints");
        html.element("caption", text.get("fingerprints.caption", tableNumber()));
        header(text.get("fingerprints.name"), text.get("fingerprints.first"), text.get("fingerprints.last"),
                text.get("fingerprints.peak"), text.get("fingerprints.peakSources"), text.get("column.packets"));
        for (FingerprintQueries.Row f : rows) {
            FingerprintQueries.FingerprintDay peak = f.days().stream().max(Comparator.comparingLong(FingerprintQueries.FingerprintDay::sources)).orElseThrow();
            long packets = f.days().stream().mapToLong(FingerprintQueries.FingerprintDay::packets).sum();
            html.open("tr", "data-fingerprint", f.fingerprint());
            html.open("td").element("span", names.key(f.fingerprint()), "class", "name")
                    .element("span", describe(f.fingerprint()), "class", "rule").element("code", f.fingerprint()).close("td");
            cell(text.date(f.firstSeen()), f.firstSeen().toString());
            cell(text.date(f.lastSeen()), f.lastSeen().toString());
            cell(text.date(peak.date()), peak.date().toString());
            cell(text.count(peak.sources()), Long.toString(peak.sources()));
            cell(text.count(packets), Long.toString(packets));
            html.close("tr");
        }
        closeTable();
    }

    private String describe(String fingerprint) {
        String key = "rule." + fingerprint.replace('/', '.');
        Fingerprint f = fingerprint.startsWith("class/") ? null : Fingerprint.byLabel(fingerprint);
        return text.has(key) ? text.get(key) : f == null ? "" : f.description();
    }

    /** Table 2, the countries of the sources at each peak: 2a, 2b ... when the year has several. */
    private void table2() {
        List<ReportData.CountryTable> peaks = data.countryTables();
        if (peaks.isEmpty()) {
            return;
        }
        String number = tableNumber();
        html.open("div", "class", "side-by-side");
        for (int i = 0; i < peaks.size(); i++) {
            countryTable(peaks.size() == 1 ? number : number + (char) ('a' + i), peaks.get(i));
        }
        html.close("div");
    }

    private void countryTable(String number, ReportData.CountryTable t) {
        List<String> ports = t.ports().stream().map(Names::port).toList();
        openTable("class", "countries", "data-day", t.day().toString(), "data-ports", String.join(",", t.ports()));
        html.element("caption", text.get("table2.caption", number, String.join(text.get("ports.or"), ports), text.date(t.day())));
        header(text.get("column.country"), text.get("column.sources"), text.get("column.share"));
        for (GeoRows.Country c : t.rows()) {
            html.open("tr", "data-country", c.country());
            cell(names.countryWithCode(c.country()), null);
            cell(text.count(c.sources()), Long.toString(c.sources()));
            cell(text.percent(c.share()), Double.toString(c.share()));
            html.close("tr");
        }
        closeTable();
    }

    private void countryView() {
        ReportData.CountryView view = data.countryView();
        if (view == null) {
            return;
        }
        String country = names.countryWithCode(view.country());
        section("country", text.get("country.title", country));
        if (view.port() == null) {
            paragraph(text.get("country.nodata", country));
            html.close("section");
            return;
        }
        String port = Names.port(view.port());
        TrafficRows.DaySources most = view.days().stream().max(Comparator.comparingLong(TrafficRows.DaySources::sources)).orElse(null);
        if (most != null) {
            paragraph(text.get("country.text", country, port, text.count(most.sources()), text.date(most.date())));
        }
        view.spikes().forEach(e -> paragraph(prose.statement(e)));
        List<Charts.Line> lines = List.of(new Charts.Line(text.get("figure5.series", country, port), Palette.COUNTRY, dailyOrZero(view.days())));
        List<Charts.Mark> marks = view.spikes().stream().map(e -> new Charts.Mark(e.onset(), Palette.COUNTRY, text.shortDate(e.onset()),
                e.peakDate(), e.peakSources(), text.count(e.peakSources()))).toList();
        dailyFigure("figure5", text.get("figure5.caption", country, port),
                charts.daily("fig5", data.firstDay(), data.lastDay(), text.get("axis.sources"), lines, marks), lines);
        html.close("section");
    }

    /** The survey scanners' organisations (on the imported lists) and their share of the year's packets, or how to import a list. */
    private void survey() {
        section("survey", text.get("survey.title"));
        paragraph(text.get("survey.method"));
        if (data.survey().isEmpty()) {
            html.element("p", text.get("survey.none"), "id", "no-survey");
        } else {
            double share = data.survey().stream().mapToDouble(ScannerRows.Organisation::share).sum();
            openTable("id", "survey-scanners");
            html.element("caption", text.get("survey.caption", tableNumber(), text.percent(share)));
            header(text.get("survey.organisation"), text.get("survey.type"), text.get("column.sources"), text.get("column.packets"),
                    text.get("survey.share"));
            for (ScannerRows.Organisation o : data.survey()) {
                html.open("tr", "data-organisation", o.organisation());
                cell(o.organisation(), null);
                cell(o.type() == null ? "-" : o.type(), null);
                cell(text.count(o.sources()), Long.toString(o.sources()));
                cell(text.count(o.packets()), Long.toString(o.packets()));
                cell(text.percent(o.share()), Double.toString(o.share()));
                html.close("tr");
            }
            closeTable();
        }
        html.close("section");
    }

    private void attacks() {
        section("dos", text.get("dos.title"));
        paragraph(text.get("dos.method"));
        if (data.attacks().isEmpty()) {
            html.element("p", text.get("dos.none"), "id", "no-attacks");
        } else {
            openTable("id", "dos-attacks");
            html.element("caption", text.get("dos.caption", tableNumber(), text.count(data.attacks().size())));
            header(text.get("dos.victim"), text.get("dos.start"), text.get("dos.duration"), text.get("column.packets"),
                    text.get("dos.peak"), text.get("dos.estimated"), text.get("dos.ports"));
            for (DosQueries.DosAttack a : data.attacks()) {
                html.open("tr", "data-victim", a.victim());
                cell(a.victim(), null);
                cell(a.firstSeen().replace('T', ' ').replace("Z", ""), a.firstSeen());
                cell(text.count(Math.round(a.durationSeconds())), Double.toString(a.durationSeconds()));
                cell(text.count(a.packets()), Long.toString(a.packets()));
                cell(text.decimal(a.peakPacketsPerSecond()), Double.toString(a.peakPacketsPerSecond()));
                cell(text.count(Math.round(a.estimatedAttackPacketsPerSecond())), Double.toString(a.estimatedAttackPacketsPerSecond()));
                cell(a.ports(), null);
                html.close("tr");
            }
            closeTable();
        }
        html.close("section");
    }

    private void credits() {
        section("credits", text.get("credits.title"));
        html.open("ul", "id", "credit-list");
        data.credits().forEach(c -> html.element("li", text.geoCredit(c)));
        html.element("li", text.get("credits.methods"));
        html.element("li", text.get("credits.seed"));
        html.element("li", text.get("credits.darkscope"));
        html.close("ul").close("section");
    }

    /** A figure, its caption, and its data in a table that {@code rows} fills. */
    private void figure(String id, String caption, String svg, List<String> columns, Runnable rows) {
        html.open("figure", "id", id).raw(svg);
        html.element("figcaption", text.get("figure.caption", figureNumber(), caption));
        html.open("details").element("summary", text.get("figure.data"));
        openTable("class", "data", "id", id + "-data");
        header(columns.toArray(String[]::new));
        rows.run();
        closeTable();
        html.close("details").close("figure");
    }

    /** A figure of daily lines, its data a row per day with data. */
    private void dailyFigure(String id, String caption, String svg, List<Charts.Line> lines) {
        List<String> columns = new ArrayList<>();
        columns.add(text.get("column.date"));
        lines.forEach(l -> columns.add(l.label()));
        figure(id, caption, svg, columns, () -> {
            for (LocalDate d : days.keySet()) {
                html.open("tr", "data-date", d.toString());
                cell(d.toString(), null);
                for (Charts.Line l : lines) {
                    long v = l.values().getOrDefault(d, 0L);
                    cell(text.count(v), Long.toString(v));
                }
                html.close("tr");
            }
        });
    }

    private Charts.Line line(String label, Color color, ToLongFunction<TrafficRows.Day> value) {
        Map<LocalDate, Long> values = new LinkedHashMap<>();
        days.forEach((d, row) -> values.put(d, value.applyAsLong(row)));
        return new Charts.Line(label, color, values);
    }

    /** Adds the survey scanners' part of a daily value (the value less its value without them), when a list named some. */
    private void surveyLine(List<Charts.Line> lines, ToLongFunction<TrafficRows.Day> value) {
        if (data.withoutSurvey() != null) {
            Map<LocalDate, TrafficRows.Day> without = new HashMap<>();
            data.withoutSurvey().days().forEach(d -> without.put(d.date(), d));
            lines.add(line(text.get("survey.line"), Palette.SURVEY,
                    d -> value.applyAsLong(d) - (without.containsKey(d.date()) ? value.applyAsLong(without.get(d.date())) : 0)));
        }
    }

    /** A series over the days with data: 0 where the series has no row, absent (a gap) where the store has no data. */
    private Map<LocalDate, Long> dailyOrZero(List<TrafficRows.DaySources> series) {
        Map<LocalDate, Long> values = new LinkedHashMap<>();
        days.keySet().forEach(d -> values.put(d, 0L));
        series.forEach(s -> values.computeIfPresent(s.date(), (d, v) -> s.sources()));
        return values;
    }

    /** A table in a box of its own that scrolls sideways when the screen is narrower than the table. */
    private void openTable(String... attributes) {
        html.open("div", "class", "table-box").open("table", attributes);
    }

    private void closeTable() {
        html.close("table").close("div");
    }

    /** A header row; a heading breaks only where its message allows: at spaces, and at {@link #BREAK} in Japanese. */
    private void header(String... columns) {
        html.open("tr");
        for (String c : columns) {
            String[] parts = c.split(BREAK);
            html.open("th").text(parts[0]);
            for (int i = 1; i < parts.length; i++) {
                html.raw("<wbr/>").text(parts[i]);
            }
            html.close("th");
        }
        html.close("tr");
    }

    private void cell(String shown, String value) {
        html.element("td", shown, "data-value", value);
    }

    private long sum(ToLongFunction<TrafficRows.Day> value) {
        return data.days().stream().mapToLong(value).sum();
    }

    private static double share(long part, long all) {
        return all == 0 ? 0 : part / (double) all;
    }

    private String figureNumber() {
        return Integer.toString(++figures);
    }

    private String tableNumber() {
        return Integer.toString(++tables);
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
