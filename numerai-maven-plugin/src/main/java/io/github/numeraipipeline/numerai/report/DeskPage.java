package io.github.numeraipipeline.numerai.report;

import static io.github.numeraipipeline.numerai.report.HtmlPage.escape;

import io.github.numeraipipeline.numerai.io.AtomicFiles;
import io.github.numeraipipeline.numerai.scores.Metric;
import io.github.numeraipipeline.numerai.scores.MetricChoice;
import io.github.numeraipipeline.numerai.scores.ModelScores;
import io.github.numeraipipeline.numerai.scores.ScoreAlert;
import io.github.numeraipipeline.numerai.scores.ScoreEntry;
import io.github.numeraipipeline.numerai.scores.ScoreStats;
import io.github.numeraipipeline.numerai.scores.ScoresHistory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code desk.html}: how the desk's models do, from {@code scores.json}. Per model a chart of each charted metric
 * over rounds (resolved rounds solid, pending ones pale, missed rounds marked), its cumulative sum, the mean and
 * sharpe of the last 20 resolved rounds; a table of all models side by side; the correlation between models.
 * Self-contained: inline SVG and style, no script, nothing fetched, so it opens from a Jenkins build page or a disk.
 */
public final class DeskPage {
    public static final String FILE_NAME = "desk.html";
    private static final int WIDTH = 720;
    private static final int HEIGHT = 200;
    private static final int PAD = 44;

    private DeskPage() {
    }

    /** Writes {@code desk.html} into {@code directory} for {@code models} (every model of the history if empty). */
    public static Path write(ScoresHistory history, MetricChoice choice, List<String> models, Path directory)
            throws IOException {
        Path page = directory.resolve(FILE_NAME);
        AtomicFiles.write(page, html(history, choice, models).getBytes(StandardCharsets.UTF_8));
        return page;
    }

    static String html(ScoresHistory history, MetricChoice choice, List<String> wanted) {
        List<String> models = wanted.isEmpty() ? new ArrayList<>(history.models().keySet()) : wanted;
        StringBuilder body = new StringBuilder();
        body.append("<h1>Numerai desk: scores</h1>\n<p>")
                .append(history.updatedAt() == null ? "Not fetched yet." : "Fetched from Numerai at "
                        + escape(history.updatedAt().truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z", " UTC")) + ".")
                .append(" Solid: resolved rounds; pale: pending (Numerai still scoring); red tick: missed round.</p>\n");
        body.append(alerts(history.alerts()));
        body.append(table(history, choice, models));
        body.append(correlations(history, choice, models));
        for (String name : models) {
            body.append(modelSection(name, history.models().get(name), choice));
        }
        return HtmlPage.start("Numerai desk: scores", "body{font:15px/1.4 system-ui,sans-serif;margin:2em;color:#222}"
                + "table{border-collapse:collapse;margin:1em 0}td,th{padding:.3em .8em;border-bottom:1px solid #ddd;"
                + "text-align:right}th{background:#f4f4f4}td:first-child,th:first-child,td.metric{text-align:left}"
                + ".neg{color:#b00020}.alerts{background:#fff4e5;border-left:4px solid #e08a00;padding:.5em 1em}"
                + "svg{display:block;margin:.5em 0}.stats{color:#444}section{margin-top:2em}")
                + body + HtmlPage.end();
    }

    private static String alerts(List<ScoreAlert> alerts) {
        if (alerts.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<div class=\"alerts\"><strong>Alerts</strong><ul>\n");
        for (ScoreAlert alert : alerts) {
            html.append("<li>").append(escape(alert.message())).append("</li>\n");
        }
        return html.append("</ul></div>\n").toString();
    }

    private static String table(ScoresHistory history, MetricChoice choice, List<String> models) {
        StringBuilder rows = new StringBuilder();
        for (String name : models) {
            ModelScores model = history.models().get(name);
            List<Metric> charted = model == null ? List.of() : choice.chart(model.metrics());
            String missed = model == null || model.missedRounds().isEmpty() ? "none" : join(model.missedRounds());
            if (charted.isEmpty()) {
                rows.append("<tr><td>").append(escape(name)).append("</td><td class=\"metric\">no scores yet</td>")
                        .append("<td></td><td></td><td></td><td></td><td></td><td>").append(escape(missed))
                        .append("</td></tr>\n");
                continue;
            }
            for (Metric metric : charted) {
                ScoreStats stats = ScoreStats.of(model.series(metric));
                rows.append("<tr><td>").append(escape(name)).append("</td><td class=\"metric\">")
                        .append(escape(metric.label())).append("</td><td>").append(number(stats.latestResolved()))
                        .append(stats.latestRound() > 0 ? " (" + stats.latestRound() + ")" : "").append("</td><td>")
                        .append(number(stats.mean())).append("</td><td>").append(number(stats.sharpe()))
                        .append("</td><td>").append(number(stats.percentile())).append("</td><td>")
                        .append(number(stats.cumulative())).append("</td><td>").append(escape(missed))
                        .append("</td></tr>\n");
            }
        }
        return "<h2>Models side by side</h2>\n<table><tr><th>model</th><th>metric</th><th>latest resolved (round)</th>"
                + "<th>mean, last 20 resolved</th><th>sharpe, last 20</th><th>percentile</th><th>cumulative</th>"
                + "<th>missed rounds</th></tr>\n" + rows + "</table>\n";
    }

    /** Pearson's correlation of each pair of models' values of the first charted metric, over rounds both have. */
    private static String correlations(ScoresHistory history, MetricChoice choice, List<String> models) {
        Set<Metric> all = new LinkedHashSet<>();
        for (String name : models) {
            ModelScores model = history.models().get(name);
            if (model != null) {
                all.addAll(model.metrics());
            }
        }
        List<Metric> charted = choice.chart(all);
        if (models.size() < 2 || charted.isEmpty()) {
            return "";
        }
        Metric metric = charted.get(0);
        List<Map<Integer, Double>> values = new ArrayList<>();
        for (String name : models) {
            Map<Integer, Double> byRound = new TreeMap<>();
            ModelScores model = history.models().get(name);
            if (model != null) {
                model.series(metric).stream().filter(e -> e.value() != null)
                        .forEach(e -> byRound.put(e.roundNumber(), e.value()));
            }
            values.add(byRound);
        }
        StringBuilder html = new StringBuilder("<h2>Correlation between models</h2>\n<p>Of their "
                + escape(metric.label()) + " per round, over the rounds both have (blank: fewer than 3).</p>\n"
                + "<table><tr><th></th>");
        models.forEach(m -> html.append("<th>").append(escape(m)).append("</th>"));
        html.append("</tr>\n");
        for (int i = 0; i < models.size(); i++) {
            html.append("<tr><td>").append(escape(models.get(i))).append("</td>");
            for (int j = 0; j < models.size(); j++) {
                html.append("<td>").append(number(correlation(values.get(i), values.get(j)))).append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    static double correlation(Map<Integer, Double> a, Map<Integer, Double> b) {
        List<double[]> pairs = new ArrayList<>();
        a.forEach((round, x) -> {
            Double y = b.get(round);
            if (y != null) {
                pairs.add(new double[] {x, y});
            }
        });
        if (pairs.size() < 3) {
            return Double.NaN;
        }
        double mx = pairs.stream().mapToDouble(p -> p[0]).average().orElseThrow();
        double my = pairs.stream().mapToDouble(p -> p[1]).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (double[] p : pairs) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
            syy += (p[1] - my) * (p[1] - my);
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    private static String modelSection(String name, ModelScores model, MetricChoice choice) {
        StringBuilder html = new StringBuilder("<section><h2>").append(escape(name)).append("</h2>\n");
        if (model == null || model.isEmpty()) {
            html.append("<p>No scores yet: Numerai has no scored submission of this model.</p>\n");
        }
        List<Integer> missed = model == null ? List.of() : model.missedRounds();
        if (model != null) {
            for (Metric metric : choice.chart(model.metrics())) {
                List<ScoreEntry> series = model.series(metric);
                ScoreStats stats = ScoreStats.of(series);
                html.append("<h3>").append(escape(metric.label())).append("</h3>\n")
                        .append(chart(series, missed, metric.label()))
                        .append("<p class=\"stats\">Last 20 resolved rounds (").append(stats.resolvedCount())
                        .append("): mean ").append(number(stats.mean())).append(", sharpe ")
                        .append(number(stats.sharpe())).append("; cumulative ").append(number(stats.cumulative()))
                        .append("; latest resolved ").append(number(stats.latestResolved())).append("</p>\n");
            }
        }
        html.append("<p>Missed rounds: ").append(missed.isEmpty() ? "none" : escape(join(missed))).append("</p>\n");
        return html.append("</section>\n").toString();
    }

    /** Bars per round (solid resolved, pale pending), the cumulative sum as a line on its own scale, missed ticks. */
    static String chart(List<ScoreEntry> series, List<Integer> missed, String label) {
        List<ScoreEntry> points = series.stream().filter(e -> e.value() != null).toList();
        if (points.isEmpty()) {
            return "<p>No values yet.</p>\n";
        }
        int first = points.get(0).roundNumber();
        int last = points.get(points.size() - 1).roundNumber();
        for (int round : missed) {
            if (round >= first - 5 && round < first) {
                first = round;
            }
            last = Math.max(last, round >= first ? round : last);
        }
        double max = 0;
        double min = 0;
        double cumMax = 0;
        double cumMin = 0;
        double sum = 0;
        double[] cumulative = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            double v = points.get(i).value();
            max = Math.max(max, v);
            min = Math.min(min, v);
            sum += v;
            cumulative[i] = sum;
            cumMax = Math.max(cumMax, sum);
            cumMin = Math.min(cumMin, sum);
        }
        if (max == min) {
            max = min + 1e-9;
        }
        if (cumMax == cumMin) {
            cumMax = cumMin + 1e-9;
        }
        int rounds = last - first + 1;
        double slot = (WIDTH - 2.0 * PAD) / rounds;
        double plot = HEIGHT - 2.0 * 20;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\""
                + " width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s per round\">",
                WIDTH, HEIGHT, WIDTH, HEIGHT, escape(label)));
        double zero = 20 + plot * max / (max - min);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#999\"/>",
                PAD, zero, WIDTH - PAD, zero));
        svg.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"24\" font-size=\"11\">%s</text>"
                + "<text x=\"2\" y=\"%d\" font-size=\"11\">%s</text>", number(max), HEIGHT - 16, number(min)));
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            ScoreEntry e = points.get(i);
            double x = PAD + (e.roundNumber() - first) * slot;
            double y = 20 + plot * (max - e.value()) / (max - min);
            double top = Math.min(y, zero);
            double height = Math.max(1, Math.abs(zero - y));
            String fill = e.value() >= 0 ? "#1f6fb2" : "#c0392b";
            svg.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\""
                    + " height=\"%.1f\" fill=\"%s\" fill-opacity=\"%s\"><title>round %d: %s (%s)</title></rect>",
                    e.resolved() ? "resolved" : "pending", x + slot * 0.1, top, Math.max(1, slot * 0.8), height,
                    fill, e.resolved() ? "0.9" : "0.3", e.roundNumber(), number(e.value()),
                    e.resolved() ? "resolved" : "pending"));
            double cy = 20 + plot * (cumMax - cumulative[i]) / (cumMax - cumMin);
            line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x + slot / 2, cy));
        }
        svg.append("<polyline class=\"cumulative\" fill=\"none\" stroke=\"#e08a00\" stroke-width=\"2\" points=\"")
                .append(line.toString().trim()).append("\"><title>cumulative sum, ").append(number(sum))
                .append("</title></polyline>");
        for (int round : missed) {
            if (round >= first && round <= last) {
                double x = PAD + (round - first) * slot + slot / 2;
                svg.append(String.format(Locale.ROOT, "<line class=\"missed\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\""
                        + " y2=\"%d\" stroke=\"#b00020\" stroke-width=\"3\"><title>round %d missed</title></line>",
                        x, HEIGHT - 18, x, HEIGHT - 6, round));
            }
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%d</text>"
                + "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%d</text>"
                + "<text x=\"%d\" y=\"12\" font-size=\"11\" text-anchor=\"end\" fill=\"#e08a00\">cumulative %s</text>",
                PAD, HEIGHT - 2, first, WIDTH - PAD, HEIGHT - 2, last, WIDTH - PAD, number(sum)));
        return svg.append("</svg>\n").toString();
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String join(List<Integer> rounds) {
        return String.join(", ", rounds.stream().map(String::valueOf).toList());
    }
}
