package io.github.numeraipipeline.numerai.report;

import static io.github.numeraipipeline.numerai.report.HtmlPage.escape;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.numeraipipeline.numerai.io.AtomicFiles;
import io.github.numeraipipeline.numerai.watch.RoundWatcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
        lines.add("Round " + json.path("round").asText("?") + sandbox(json) + ": " + stepsLine(json));
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < row.length; i++) {
                line.append(String.format(Locale.ROOT, "%-" + widths[i] + "s", row[i])).append(i + 1 < row.length ? "  " : "");
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    /**
     * Writes {@code report.html}; a run that submitted also keeps its page as {@code report-round-<n>.html}, which
     * the reports of later quiet days link to.
     */
    public static void writeHtml(RunRecord record, Path directory) throws IOException {
        byte[] page = html(record, directory).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(directory.resolve(FILE_NAME), page);
        if (record.submitted() && record.round() != null) {
            AtomicFiles.write(directory.resolve(archiveName(record.round())), page);
        }
    }

    /** The name under which the report of a run that submitted for {@code round} is kept. */
    static String archiveName(int round) {
        return "report-round-" + round + ".html";
    }

    /** A model's name, linked to its validation report when {@code train} wrote one beside this page. */
    private static String modelCell(String name, Path directory) {
        String report = "reports/" + name + ".html";
        return Files.isRegularFile(directory.resolve(report))
                ? "<a href=\"" + escape(report) + "\">" + escape(name) + "</a>" : escape(name);
    }

    static String html(RunRecord record, Path directory) {
        JsonNode json = record.json();
        String status = json.path("watch").path("status").asText("OPEN");
        String headline;
        String body;
        if (status.equals("NO_ROUND")) {
            headline = "No round open" + sandbox(json);
            body = noRound(json.get("watch")) + lastSubmitted(json.path("lastSubmitted"), directory);
        } else if (status.equals("ALREADY_SUBMITTED")) {
            headline = "Round " + json.path("watch").path("round").asText("?") + sandbox(json) + ": already submitted";
            body = alreadySubmitted(json.get("watch"));
        } else {
            headline = "Numerai round " + json.path("round").asText("?") + sandbox(json) + ": " + verdict(json);
            body = modelsTable(json, directory) + boostersTable(json);
        }
        StringBuilder steps = new StringBuilder();
        for (JsonNode step : json.path("steps")) {
            steps.append("<tr><td>").append(escape(step.path("goal").asText())).append("</td><td>")
                    .append(escape(step.path("status").asText())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f s", step.path("seconds").asDouble()))
                    .append("</td></tr>\n");
        }
        return HtmlPage.start(headline, "body{font:15px/1.4 system-ui,sans-serif;margin:2em;color:#222}"
                + "table{border-collapse:collapse;margin:1em 0}td,th{padding:.3em .8em;border-bottom:1px solid #ddd;"
                + "text-align:left}th{background:#f4f4f4}.submitted td:nth-child(2){color:#0a7d28;font-weight:600}"
                + ".failed td:nth-child(2){color:#b00020;font-weight:600}.skipped td:nth-child(2),.dry_run td:nth-child(2)"
                + "{color:#8a6d00}code{font-size:13px}dt{font-weight:600;margin-top:.5em}dd{margin-left:1.5em}")
                + "<h1>" + escape(headline) + "</h1>\n<p>Started " + escape(time(json.path("startedAt")))
                + "</p>\n" + deskLink(directory) + body
                + "<h2>Steps</h2>\n<table><tr><th>goal</th><th>status</th><th>time</th></tr>\n" + steps
                + "</table>\n" + HtmlPage.end();
    }

    /** A link to the scores page when {@code numerai:scores} wrote one beside this report. */
    private static String deskLink(Path directory) {
        return Files.isRegularFile(directory.resolve(DeskPage.FILE_NAME)) ? "<p>How the models do: <a href=\""
                + DeskPage.FILE_NAME + "\">scores desk</a> (" + DeskPage.FILE_NAME + ")</p>\n" : "";
    }

    private static String verdict(JsonNode json) {
        long submitted = 0;
        long failed = 0;
        for (JsonNode model : json.path("models")) {
            submitted += model.path("status").asText().equals("SUBMITTED") ? 1 : 0;
            failed += model.path("status").asText().equals("FAILED") ? 1 : 0;
        }
        return failed > 0 ? failed + " failed" : submitted + " submitted";
    }

    private static String modelsTable(JsonNode json, Path directory) {
        StringBuilder models = new StringBuilder();
        for (JsonNode model : json.path("models")) {
            String status = model.path("status").asText();
            models.append("<tr class=\"").append(status.toLowerCase(Locale.ROOT)).append("\"><td>")
                    .append(modelCell(model.path("name").asText(), directory)).append("</td><td>").append(escape(status))
                    .append("</td><td><code>").append(escape(model.path("submissionId").asText("-")))
                    .append("</code></td><td>").append(model.path("rows").asText()).append("</td><td><code title=\"")
                    .append(escape(model.path("sha256").asText(""))).append("\">")
                    .append(escape(abbreviate(model.path("sha256").asText("")))).append("</code></td><td>")
                    .append(escape(model.path("detail").asText(""))).append("</td></tr>\n");
        }
        return "<h2>Models</h2>\n<table><tr><th>model</th><th>status</th><th>submission</th><th>rows</th>"
                + "<th>sha256</th><th>detail</th></tr>\n" + models + "</table>\n";
    }

    /** Which booster file each model predicted with, and where it came from (committed or trained by the desk). */
    private static String boostersTable(JsonNode json) {
        StringBuilder boosters = new StringBuilder();
        json.path("boosters").properties().forEach(entry -> boosters.append("<tr><td>")
                .append(escape(entry.getKey())).append("</td><td><code>")
                .append(escape(entry.getValue().path("file").asText())).append("</code></td><td>")
                .append(escape(entry.getValue().path("origin").asText())).append("</td><td><code title=\"")
                .append(escape(entry.getValue().path("sha256").asText(""))).append("\">")
                .append(escape(abbreviate(entry.getValue().path("sha256").asText("")))).append("</code></td></tr>\n"));
        return boosters.length() == 0 ? "" : "<h2>Boosters</h2>\n<table><tr><th>model</th><th>booster</th>"
                + "<th>origin</th><th>sha256</th></tr>\n" + boosters + "</table>\n";
    }

    /** A day without an open round: when it checked, how long it waited, what it saw last, what comes next. */
    private static String noRound(JsonNode watch) {
        StringBuilder facts = new StringBuilder("<dl>\n");
        fact(facts, "Checked", time(watch.path("checkedAt")) + (watch.hasNonNull("waited")
                ? " after waiting " + RoundWatcher.human(Duration.parse(watch.get("waited").asText())) : ""));
        fact(facts, "Last round seen", watch.hasNonNull("round")
                ? "round " + watch.get("round").asText() + window(watch) : "none (Numerai was between rounds)");
        if (watch.hasNonNull("nextExpected")) {
            fact(facts, "Next round expected", time(watch.get("nextExpected"))
                    + (watch.path("nextExpectedFrom").asText().equals("numerai") ? " (announced by Numerai)"
                    : " (Numerai's timetable: a round a day, Tuesday to Saturday, about 12:00 UTC)"));
        }
        fact(facts, "Why nothing ran", watch.path("reason").asText(""));
        return facts.append("</dl>\n").toString();
    }

    private static String alreadySubmitted(JsonNode watch) {
        StringBuilder rows = new StringBuilder();
        for (Map.Entry<String, JsonNode> entry : watch.path("submissions").properties()) {
            rows.append("<tr class=\"skipped\"><td>").append(escape(entry.getKey())).append("</td><td><code>")
                    .append(escape(entry.getValue().asText("-"))).append("</code></td></tr>\n");
        }
        return "<p>" + escape(watch.path("reason").asText("")) + "; checked " + escape(time(watch.path("checkedAt")))
                + ".</p>\n<h2>Submissions</h2>\n<table><tr><th>model</th><th>submission</th></tr>\n" + rows
                + "</table>\n";
    }

    /** The most recent run that submitted, linked to its build or its kept report when there is one. */
    private static String lastSubmitted(JsonNode last, Path directory) {
        if (last.isMissingNode() || last.isNull()) {
            return "<p>No earlier run of this desk submitted anything (as far as this output folder remembers).</p>\n";
        }
        String what = "round " + last.path("round").asText() + ", run started " + time(last.path("startedAt"));
        String link = last.hasNonNull("buildUrl") ? last.get("buildUrl").asText()
                : Files.isRegularFile(directory.resolve(last.path("report").asText("-"))) ? last.path("report").asText()
                : null;
        List<String> ids = new ArrayList<>();
        last.path("submissions").properties().forEach(e -> ids.add(e.getKey() + " " + e.getValue().asText()));
        return "<h2>Last submission</h2>\n<p>" + (link == null ? escape(what)
                : "<a href=\"" + escape(link) + "\">" + escape(what) + "</a>") + ": <code>"
                + escape(String.join(", ", ids)) + "</code></p>\n";
    }

    private static void fact(StringBuilder facts, String term, String value) {
        facts.append("<dt>").append(escape(term)).append("</dt><dd>").append(escape(value)).append("</dd>\n");
    }

    private static String window(JsonNode watch) {
        return watch.hasNonNull("openTime") && watch.hasNonNull("closeStakingTime")
                ? " (open " + time(watch.get("openTime")) + " to " + time(watch.get("closeStakingTime")) + ")" : "";
    }

    /** An instant as a person reads it: to the second, in UTC. */
    private static String time(JsonNode instant) {
        return instant.asText("?").replaceAll("\\.\\d+Z$", "Z").replace('T', ' ').replace("Z", " UTC");
    }

    private static String sandbox(JsonNode json) {
        return json.path("sandbox").asBoolean() ? " (sandbox)" : "";
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
}
