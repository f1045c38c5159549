package io.github.numeraipipeline.numerai.report;

import static io.github.numeraipipeline.numerai.report.HtmlPage.escape;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.numeraipipeline.numerai.io.AtomicFiles;
import io.github.numeraipipeline.numerai.scoring.ValidationMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A model's validation results for people and for programs: {@code <name>.html}, one self-contained page with the
 * summary numbers, a per-era and a cumulative correlation chart (inline SVG: no script, nothing fetched), and the
 * per-era table (with fnc, mmc and bmc columns when the config asks for them); and {@code <name>.json} with the
 * same numbers.
 */
public final class ValidationReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int WIDTH = 860;
    private static final int HEIGHT = 260;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int BOTTOM = 40;

    /**
     * What the report says about the run besides the metrics.
     *
     * @param eraSelection the eras trained on, in words (e.g. "every 4th era")
     * @param booster the booster file scored, where {@code train} writes it
     */
    public record Facts(String model, String dataVersion, String featureSet, String target, int trainRows,
                        int features, int eraStep, String eraSelection, String validationFile, String booster) {
    }

    private ValidationReport() {
    }

    /** Writes both files into the directory; returns the HTML file. */
    public static Path write(Path directory, Facts facts, ValidationMetrics metrics) throws IOException {
        String name = facts.model();
        AtomicFiles.write(directory.resolve(name + ".json"), JSON.writeValueAsBytes(json(facts, metrics)));
        Path html = directory.resolve(name + ".html");
        AtomicFiles.write(html, html(facts, metrics).getBytes(StandardCharsets.UTF_8));
        return html;
    }

    static ObjectNode json(Facts facts, ValidationMetrics metrics) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", facts.model());
        root.put("dataVersion", facts.dataVersion());
        root.put("featureSet", facts.featureSet());
        root.put("features", facts.features());
        root.put("target", facts.target());
        root.put("trainRows", facts.trainRows());
        root.put("eraStep", facts.eraStep());
        root.put("validationFile", facts.validationFile());
        root.put("booster", facts.booster());
        root.put("validationRows", metrics.rows());
        root.put("validationEras", metrics.eras().size());
        ObjectNode corr = root.putObject("numeraiCorr");
        metrics.summary().forEach((key, value) -> putNumber(corr, key, value));
        ArrayNode eras = root.putArray("eras");
        List<Column> extra = extraColumns(metrics);
        for (ValidationMetrics.EraScore era : metrics.eras()) {
            ObjectNode node = eras.addObject();
            node.put("era", era.era());
            node.put("rows", era.rows());
            putNumber(node, "corr", era.corr());
            putNumber(node, "cumulative", era.cumulative());
            putNumber(node, "maxFeatureExposure", era.maxFeatureExposure());
            // null in an era the metric could not be scored in (no meta model value there)
            extra.forEach(column -> putNumber(node, column.key, column.value.applyAsDouble(era)));
            node.put("feature", era.feature());
        }
        return root;
    }

    /** A per-era metric beyond corr: its JSON key, its heading and its value. */
    private record Column(String key, String heading, ToDoubleFunction<ValidationMetrics.EraScore> value) {
    }

    /** fnc, mmc and bmc, each only when some era has it (the config asked for it). */
    private static List<Column> extraColumns(ValidationMetrics metrics) {
        List<Column> all = List.of(
                new Column("fnc", "feature-neutral corr", ValidationMetrics.EraScore::fnc),
                new Column("mmc", "mmc", ValidationMetrics.EraScore::mmc),
                new Column("bmc", "bmc", ValidationMetrics.EraScore::bmc));
        return all.stream().filter(column -> metrics.eras().stream()
                .anyMatch(era -> !Double.isNaN(column.value.applyAsDouble(era)))).toList();
    }

    static String html(Facts facts, ValidationMetrics metrics) {
        StringBuilder html = new StringBuilder(16_384);
        html.append(HtmlPage.start(facts.model() + " validation",
                "body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:900px}"
                + "h1{font-size:22px;margin:0 0 4px}p.sub{color:#666;margin:0 0 16px}"
                + ".cards{display:flex;gap:12px;flex-wrap:wrap;margin-bottom:16px}"
                + ".card{border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:110px}"
                + ".card b{display:block;font-size:20px}.card span{color:#666;font-size:12px}"
                + "h2{font-size:16px;margin:18px 0 6px}table{border-collapse:collapse;font-size:12px}"
                + "td,th{padding:2px 10px;text-align:right;border-bottom:1px solid #eee}"));
        html.append("<h1>").append(escape(facts.model())).append(": validation</h1>\n<p class=\"sub\">")
                .append(escape(facts.dataVersion())).append(", feature set ").append(escape(facts.featureSet()))
                .append(" (").append(facts.features()).append(" features), target ").append(escape(facts.target()))
                .append("; trained on ").append(facts.trainRows()).append(" rows")
                .append(" (").append(facts.eraSelection()).append(")")
                .append("; validated on ").append(metrics.rows()).append(" rows in ").append(metrics.eras().size())
                .append(" eras</p>\n<p class=\"sub\">booster <code>").append(escape(facts.booster()))
                .append("</code></p>\n<div class=\"cards\">");
        card(html, "mean corr", metrics.mean());
        card(html, "std", metrics.std());
        card(html, "sharpe", metrics.sharpe());
        card(html, "max drawdown", metrics.maxDrawdown());
        card(html, "max feature exposure", metrics.maxFeatureExposure());
        Map<String, Double> summary = metrics.summary();
        if (summary.containsKey("fncMean")) {
            card(html, "mean feature-neutral corr", summary.get("fncMean"));
        }
        if (summary.containsKey("mmcMean")) {
            card(html, "mean mmc (vs meta model)", summary.get("mmcMean"));
            card(html, "mmc sharpe", summary.get("mmcSharpe"));
        }
        if (summary.containsKey("bmcMean")) {
            card(html, "mean bmc (vs benchmark)", summary.get("bmcMean"));
            card(html, "bmc sharpe", summary.get("bmcSharpe"));
        }
        html.append("</div>\n<h2>numerai_corr per era</h2>\n");
        List<ValidationMetrics.EraScore> eras = metrics.eras();
        html.append(barChart(eras));
        html.append("<h2>Cumulative numerai_corr</h2>\n").append(lineChart(eras));
        List<Column> extra = extraColumns(metrics);
        html.append("<h2>Per era</h2>\n<table><tr><th>era</th><th>rows</th><th>corr</th><th>cumulative</th>");
        extra.forEach(column -> html.append("<th>").append(column.heading).append("</th>"));
        html.append("<th>max feature exposure</th><th>feature</th></tr>\n");
        for (ValidationMetrics.EraScore era : eras) {
            html.append("<tr><td>").append(escape(era.era())).append("</td><td>").append(era.rows())
                    .append("</td><td>").append(format(era.corr())).append("</td><td>").append(format(era.cumulative()))
                    .append("</td>");
            extra.forEach(column -> html.append("<td>").append(format(column.value.applyAsDouble(era))).append("</td>"));
            html.append("<td>").append(format(era.maxFeatureExposure())).append("</td><td>")
                    .append(escape(String.valueOf(era.feature()))).append("</td></tr>\n");
        }
        return html.append("</table>\n<p class=\"sub\">How alike the desk's models are, era by era: <a href=\"")
                .append(ModelCorrelationReport.NAME).append(".html\">").append(ModelCorrelationReport.NAME)
                .append(".html</a> (written by train for a desk of two models or more)</p>\n")
                .append(HtmlPage.end()).toString();
    }

    private static String barChart(List<ValidationMetrics.EraScore> eras) {
        double max = eras.stream().mapToDouble(e -> Math.abs(e.corr())).filter(v -> !Double.isNaN(v)).max()
                .orElse(0);
        max = max > 0 ? max : 1;
        StringBuilder svg = open(-max, max, eras);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double slot = plotWidth / Math.max(1, eras.size());
        for (int i = 0; i < eras.size(); i++) {
            double corr = eras.get(i).corr();
            if (Double.isNaN(corr)) {
                continue;
            }
            double zero = y(0, -max, max);
            double top = y(corr, -max, max);
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s: %s</title></rect>",
                    LEFT + i * slot + slot * 0.1, Math.min(zero, top), Math.max(0.5, slot * 0.8),
                    Math.max(0.5, Math.abs(zero - top)), corr >= 0 ? "#2e7d32" : "#c62828",
                    escape(eras.get(i).era()), format(corr)));
        }
        return svg.append("</svg>\n").toString();
    }

    private static String lineChart(List<ValidationMetrics.EraScore> eras) {
        double min = 0;
        double max = 0;
        for (ValidationMetrics.EraScore era : eras) {
            min = Math.min(min, era.cumulative());
            max = Math.max(max, era.cumulative());
        }
        if (max - min == 0) {
            max = 1;
        }
        StringBuilder svg = open(min, max, eras);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double slot = plotWidth / Math.max(1, eras.size());
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < eras.size(); i++) {
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", LEFT + (i + 0.5) * slot,
                    y(eras.get(i).cumulative(), min, max)));
        }
        svg.append("<polyline fill=\"none\" stroke=\"#1565c0\" stroke-width=\"2\" points=\"")
                .append(points.toString().trim()).append("\"/>");
        return svg.append("</svg>\n").toString();
    }

    /** The frame, the zero line and the axis labels of a chart from {@code min} to {@code max}. */
    private static StringBuilder open(double min, double max, List<ValidationMetrics.EraScore> eras) {
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\""
                + " width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-size=\"11\" font-family=\"sans-serif\">",
                WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fafafa\""
                + " stroke=\"#ddd\"/>", LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM));
        for (double tick : new double[] {min, (min + max) / 2, max}) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
                    LEFT - 6, y(tick, min, max) + 4, format(tick)));
        }
        if (min < 0 && max > 0) {
            double zero = y(0, min, max);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#888\"/>",
                    LEFT, zero, WIDTH - RIGHT, zero));
        }
        if (!eras.isEmpty()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">era %s</text>", LEFT, HEIGHT - BOTTOM + 16,
                    escape(eras.get(0).era())));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">era %s</text>",
                    WIDTH - RIGHT, HEIGHT - BOTTOM + 16, escape(eras.get(eras.size() - 1).era())));
        }
        return svg;
    }

    private static double y(double value, double min, double max) {
        double plotHeight = HEIGHT - TOP - BOTTOM;
        return TOP + (max - value) / (max - min) * plotHeight;
    }

    private static void card(StringBuilder html, String label, double value) {
        html.append("<div class=\"card\"><b>").append(format(value)).append("</b><span>").append(label)
                .append("</span></div>");
    }

    /** A metric as the reports show it: four decimals, n/a where there is none. */
    static String format(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
    }

    /** A metric in a report's JSON: null where there is none (JSON has no NaN). */
    static void putNumber(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }
}
