package io.github.numeraipipeline.numerai.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.numeraipipeline.numerai.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a run record for people: {@code report.html}, a short self-contained page (no script, no network) that
 * Jenkins archives, and the summary table printed at the end of the build.
 */
public final class RunReport {
    public static final String FILE_NAME = "report.html";

    private RunReport() {
    }

    /** The summary table: one line per model, aligned for a console. */
    public static List<String> summary(RunRecord record) {
        JsonNode json = record.json();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"model", "status", "submission", "rows", "sha256"});
        for (JsonNode model : json.path("models")) {
            rows.add(new String[] {model.path("name").asText(), model.path("status").asText(),
                model.path("submissionId").asText("-"), model.path("rows").asText(),
                abbreviate(model.path("sha256").asText(""))});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("Round " + json.path("round").asText("?") + (json.path("sandbox").asBoolean() ? " (sandbox)" : "")
                + ": " + stepsLine(json));
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < row.length; i++) {
                line.append(String.format(Locale.ROOT, "%-" + widths[i] + "s", row[i])).append(i + 1 < row.length ? "  " : "");
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    public static void writeHtml(RunRecord record, Path directory) throws IOException {
        AtomicFiles.write(directory.resolve(FILE_NAME), html(record, directory).getBytes(StandardCharsets.UTF_8));
    }

    /** A model's name, linked to its validation report when {@code train} wrote one beside this page. */
    private static String modelCell(String name, Path directory) {
        String report = "reports/" + name + ".html";
        return Files.isRegularFile(directory.resolve(report))
                ? "<a href=\"" + escape(report) + "\">" + escape(name) + "</a>" : escape(name);
    }

    static String html(RunRecord record, Path directory) {
        JsonNode json = record.json();
        long submitted = 0;
        long failed = 0;
        StringBuilder models = new StringBuilder();
        for (JsonNode model : json.path("models")) {
            String status = model.path("status").asText();
            submitted += status.equals("SUBMITTED") ? 1 : 0;
            failed += status.equals("FAILED") ? 1 : 0;
            models.append("<tr class=\"").append(status.toLowerCase(Locale.ROOT)).append("\"><td>")
                    .append(modelCell(model.path("name").asText(), directory)).append("</td><td>").append(escape(status))
                    .append("</td><td><code>").append(escape(model.path("submissionId").asText("-")))
                    .append("</code></td><td>").append(model.path("rows").asText()).append("</td><td><code title=\"")
                    .append(escape(model.path("sha256").asText(""))).append("\">")
                    .append(escape(abbreviate(model.path("sha256").asText("")))).append("</code></td><td>")
                    .append(escape(model.path("detail").asText(""))).append("</td></tr>\n");
        }
        StringBuilder steps = new StringBuilder();
        for (JsonNode step : json.path("steps")) {
            steps.append("<tr><td>").append(escape(step.path("goal").asText())).append("</td><td>")
                    .append(escape(step.path("status").asText())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f s", step.path("seconds").asDouble()))
                    .append("</td></tr>\n");
        }
        StringBuilder boosters = new StringBuilder();
        json.path("boosters").fields().forEachRemaining(entry -> boosters.append("<tr><td>")
                .append(escape(entry.getKey())).append("</td><td><code>")
                .append(escape(entry.getValue().path("file").asText())).append("</code></td><td>")
                .append(escape(entry.getValue().path("origin").asText())).append("</td><td><code title=\"")
                .append(escape(entry.getValue().path("sha256").asText(""))).append("\">")
                .append(escape(abbreviate(entry.getValue().path("sha256").asText("")))).append("</code></td></tr>\n"));
        String round = json.path("round").asText("?");
        String verdict = failed > 0 ? failed + " failed" : submitted + " submitted";
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Numerai round " + escape(round) + ": " + verdict + "</title><style>"
                + "body{font:15px/1.4 system-ui,sans-serif;margin:2em;color:#222}"
                + "table{border-collapse:collapse;margin:1em 0}td,th{padding:.3em .8em;border-bottom:1px solid #ddd;"
                + "text-align:left}th{background:#f4f4f4}.submitted td:nth-child(2){color:#0a7d28;font-weight:600}"
                + ".failed td:nth-child(2){color:#b00020;font-weight:600}.skipped td:nth-child(2),.dry_run td:nth-child(2)"
                + "{color:#8a6d00}code{font-size:13px}</style></head><body>\n"
                + "<h1>Numerai round " + escape(round) + (json.path("sandbox").asBoolean() ? " (sandbox)" : "")
                + ": " + verdict + "</h1>\n<p>Started " + escape(json.path("startedAt").asText().replaceAll("\\.\\d+Z$", "Z"))
                + "</p>\n"
                + "<h2>Models</h2>\n<table><tr><th>model</th><th>status</th><th>submission</th><th>rows</th>"
                + "<th>sha256</th><th>detail</th></tr>\n" + models + "</table>\n"
                + (boosters.length() == 0 ? "" : "<h2>Boosters</h2>\n<table><tr><th>model</th><th>booster</th>"
                + "<th>origin</th><th>sha256</th></tr>\n" + boosters + "</table>\n")
                + "<h2>Steps</h2>\n<table><tr><th>goal</th><th>status</th><th>time</th></tr>\n" + steps
                + "</table>\n</body></html>\n";
    }

    private static String stepsLine(JsonNode json) {
        List<String> parts = new ArrayList<>();
        for (JsonNode step : json.path("steps")) {
            parts.add(step.path("goal").asText() + " " + String.format(Locale.ROOT, "%.1fs", step.path("seconds").asDouble())
                    + (step.path("status").asText().equals("done") ? "" : " (" + step.path("status").asText() + ")"));
        }
        return String.join(", ", parts);
    }

    private static String abbreviate(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) + "…" : sha;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
