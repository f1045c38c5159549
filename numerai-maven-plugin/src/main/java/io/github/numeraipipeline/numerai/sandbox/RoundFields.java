package io.github.numeraipipeline.numerai.sandbox;

import io.github.numeraipipeline.numerai.sandbox.GraphQlDocument.Field;
import io.github.numeraipipeline.numerai.sandbox.SandboxTournament.GraphQlFailure;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The public root fields about rounds and their data: {@code rounds}, {@code pipelineStatus}, the datasets. */
final class RoundFields {
    private RoundFields() {
    }

    /** {@code rounds}: the current round ({@code number: 0}), a given one, or the latest ones by status. */
    static final class Rounds implements RootField.Public {
        private final SandboxTournament tournament;

        Rounds(SandboxTournament tournament) {
            this.tournament = tournament;
        }

        @Override
        public Object answer(Field field, Call call) throws GraphQlFailure {
            Integer number = RootField.integer(field.arguments().get("number"));
            Integer limit = RootField.integer(field.arguments().get("limit"));
            Object status = field.arguments().get("status");
            if (number != null && number != 0) {
                Map<String, Object> round = tournament.round(number);
                return round == null ? List.of() : List.of(round);
            }
            if (number == null && (limit != null || status != null)) {
                return tournament.roundList(limit == null ? 20 : limit, status == null ? null : status.toString());
            }
            if (number == null) {
                return tournament.roundList(20, null);
            }
            return List.of(tournament.currentRound());
        }
    }

    /**
     * {@code pipelineStatus}: the sandbox's data is ready when its round opens, and it scores on the spot; days with
     * no round (Sunday, Monday on Numerai) are answered like any other, the sandbox plays every day.
     */
    static final class PipelineStatus implements RootField.Public {
        private final SandboxTournament tournament;

        PipelineStatus(SandboxTournament tournament) {
            this.tournament = tournament;
        }

        @Override
        public Object answer(Field field, Call call) throws GraphQlFailure {
            Object name = field.arguments().get("tournament");
            if (!"classic".equals(name)) {
                throw new GraphQlFailure("Tournament not found: " + name + " (the sandbox plays \"classic\")");
            }
            LocalDate date;
            try {
                Object asked = field.arguments().get("date");
                date = asked == null ? LocalDate.ofInstant(tournament.now(), ZoneOffset.UTC) : LocalDate.parse(asked.toString());
            } catch (DateTimeParseException e) {
                throw new GraphQlFailure("Invalid date: " + field.arguments().get("date") + " (expected YYYY-MM-DD)");
            }
            Instant open = tournament.openTimeOfDay(date);
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("tournament", "classic");
            status.put("isScoringDay", true);
            boolean ready = open != null && !tournament.now().isBefore(open);
            status.put("dataReadyAt", ready ? open.toString() : null);
            status.put("startedAt", ready ? open.toString() : null);
            status.put("scoredAt", ready ? open.plus(1, ChronoUnit.MINUTES).toString() : null);
            status.put("resolvedAt", ready ? open.plus(1, ChronoUnit.MINUTES).toString() : null);
            return status;
        }
    }

    /**
     * {@code listDatasets}: the files of the current round, or of a round played before it, which adds that round's
     * {@code live_<round>.parquet}.
     */
    static final class ListDatasets implements RootField.Public {
        private final SandboxTournament tournament;

        ListDatasets(SandboxTournament tournament) {
            this.tournament = tournament;
        }

        @Override
        public Object answer(Field field, Call call) throws GraphQlFailure {
            Integer round = RootField.integer(field.arguments().get("round"));
            List<String> files = new ArrayList<>(tournament.datasets().files());
            if (round != null && round != tournament.roundNumber()) {
                tournament.requirePlayedRound(round);
                for (String file : tournament.datasets().files()) {
                    if (file.endsWith("/live.parquet")) {
                        files.add(file.substring(0, file.indexOf('/')) + "/live_" + round + ".parquet");
                    }
                }
            }
            return files;
        }
    }

    /**
     * {@code dataset}: a signed URL of a file; {@code live.parquet} with a round is that round's
     * {@code live_<round>.parquet}.
     */
    static final class Dataset implements RootField.Public {
        private final SandboxTournament tournament;

        Dataset(SandboxTournament tournament) {
            this.tournament = tournament;
        }

        @Override
        public Object answer(Field field, Call call) throws GraphQlFailure {
            String filename = (String) field.arguments().get("filename");
            Integer round = RootField.integer(field.arguments().get("round"));
            if (round != null) {
                tournament.requirePlayedRound(round);
                if (filename != null && filename.endsWith("/live.parquet") && round != tournament.roundNumber()) {
                    filename = filename.substring(0, filename.indexOf('/')) + "/live_" + round + ".parquet";
                }
            }
            if (filename == null || !tournament.serves(filename)) {
                throw new GraphQlFailure("Dataset not found: " + filename);
            }
            return tournament.signer().sign(call.base() + "/datasets/" + filename);
        }
    }
}
