package io.github.numeraipipeline.numerai.report;

import static io.github.numeraipipeline.numerai.report.HtmlPage.escape;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.numeraipipeline.numerai.io.AtomicFiles;
import io.github.numeraipipeline.numerai.scoring.ModelCorrelation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * How alike the desk's models are on validation: {@value #NAME}{@code .html}, the mean per-era correlation of each
 * pair as a matrix and every pair's per-era values in a table, and {@value #NAME}{@code .json} with the same
 * numbers. Beside the models' own validation reports, which link to it.
 */
public final class ModelCorrelationReport {
    public static final String NAME = "model-correlations";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelCorrelationReport() {
    }

    /** Writes both files into the directory; returns the HTML file. */
    public static Path write(Path directory, List<String> models, List<ModelCorrelation> pairs) throws IOException {
        AtomicFiles.write(directory.resolve(NAME + ".json"), JSON.writeValueAsBytes(json(models, pairs)));
        Path html = directory.resolve(NAME + ".html");
        AtomicFiles.write(html, html(models, pairs).getBytes(StandardCharsets.UTF_8));
        return html;
    }

    static ObjectNode json(List<String> models, List<ModelCorrelation> pairs) {
        ObjectNode root = JSON.createObjectNode();
        root.put("measure", "per era, Pearson correlation of the two models' tie-kept ranks on the validation rows"
                + " both predict");
        ArrayNode names = root.putArray("models");
        models.forEach(names::add);
        ArrayNode list = root.putArray("pairs");
        for (ModelCorrelation pair : pairs) {
            ObjectNode node = list.addObject();
            node.put("a", pair.a());
            node.put("b", pair.b());
            ValidationReport.putNumber(node, "mean", pair.mean());
            ValidationReport.putNumber(node, "std", pair.std());
            ValidationReport.putNumber(node, "min", pair.min());
            ValidationReport.putNumber(node, "max", pair.max());
            ArrayNode eras = node.putArray("eras");
            for (ModelCorrelation.EraCorrelation era : pair.eras()) {
                ObjectNode e = eras.addObject();
                e.put("era", era.era());
                e.put("rows", era.rows());
                ValidationReport.putNumber(e, "corr", era.corr());
            }
        }
        return root;
    }

    static String html(List<String> models, List<ModelCorrelation> pairs) {
        StringBuilder html = new StringBuilder(8192);
        html.append(HtmlPage.start("Model correlations",
                "body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}"
                + "h1{font-size:22px;margin:0 0 4px}p.sub{color:#666;margin:0 0 16px}"
                + "h2{font-size:16px;margin:18px 0 6px}table{border-collapse:collapse;font-size:12px}"
                + "td,th{padding:2px 10px;text-align:right;border-bottom:1px solid #eee}"));
        html.append("<h1>How alike the models are</h1>\n<p class=\"sub\">Per validation era, the correlation of two"
                + " models' ranked predictions over the rows both predict; the mean over eras below. Near 1: an"
                + " ensemble of the two gains little.</p>\n<h2>Mean per-era correlation</h2>\n<table><tr><th></th>");
        models.forEach(m -> html.append("<th>").append(escape(m)).append("</th>"));
        html.append("</tr>\n");
        for (String row : models) {
            html.append("<tr><th>").append(escape(row)).append("</th>");
            for (String column : models) {
                html.append("<td>").append(row.equals(column) ? "1" : ValidationReport.format(find(pairs, row, column)))
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n<h2>Per era</h2>\n<table><tr><th>era</th>");
        pairs.forEach(p -> html.append("<th>").append(escape(p.a())).append(" / ").append(escape(p.b()))
                .append("</th>"));
        html.append("</tr>\n");
        Set<String> eras = new TreeSet<>();
        pairs.forEach(p -> p.eras().forEach(e -> eras.add(e.era())));
        for (String era : eras) {
            html.append("<tr><td>").append(escape(era)).append("</td>");
            for (ModelCorrelation pair : pairs) {
                double corr = pair.eras().stream().filter(e -> e.era().equals(era)).mapToDouble(
                        ModelCorrelation.EraCorrelation::corr).findFirst().orElse(Double.NaN);
                html.append("<td>").append(ValidationReport.format(corr)).append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</table>\n").append(HtmlPage.end()).toString();
    }

    private static double find(List<ModelCorrelation> pairs, String a, String b) {
        return pairs.stream().filter(p -> p.a().equals(a) && p.b().equals(b) || p.a().equals(b) && p.b().equals(a))
                .mapToDouble(ModelCorrelation::mean).findFirst().orElse(Double.NaN);
    }
}
