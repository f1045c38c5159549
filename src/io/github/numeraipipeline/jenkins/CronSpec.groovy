package io.github.numeraipipeline.jenkins

import com.cloudbees.groovy.cps.NonCPS

import java.util.regex.Matcher

/**
 * Owns: Jenkins' cron syntax, as a check of a spec that says what is wrong, line by line and field by field.
 * Must not: know a step's keys or word the problem for the user (the step's configuration check does).
 * <p>
 * Checks a {@code cron} trigger spec against Jenkins' documented syntax (the TimerTrigger help; Jenkins core's
 * {@code CronTabList} and crontab grammar), so that {@code numeraiPipeline} refuses a spec with a clear message before
 * Declarative builds the trigger: a spec Jenkins cannot parse fails every build before any stage or {@code post}.
 * <ul>
 * <li>Lines: an optional {@code TZ=<zone id>} first line; empty lines and lines starting with {@code #} are ignored;
 * every other line is one schedule.</li>
 * <li>A schedule is an alias ({@code @yearly @annually @monthly @weekly @daily @midnight @hourly}) or five fields
 * MINUTE (0-59) HOUR (0-23) DOM (1-31) MONTH (1-12) DOW (0-7, 0 and 7 are Sunday), separated by spaces or tabs.</li>
 * <li>A field is a comma list of terms: {@code *}, {@code * /n}, {@code a}, {@code a-b}, {@code a-b/n}, {@code H},
 * {@code H/n}, {@code H(a-b)}, {@code H(a-b)/n}. Only a range goes inside {@code H( )}. Steps are positive, ranges
 * run upwards, and an {@code H} step is at most the width of its range (for H alone, DOM hashes over 1-28 and DOW
 * over 0-6).</li>
 * </ul>
 * Month and day names ({@code JAN}, {@code MON}) are not part of Jenkins' syntax. One difference on purpose: Jenkins
 * ignores whatever follows an alias on its line; this check refuses it.
 */
class CronSpec implements Serializable {

    private static final long serialVersionUID = 1L

    static final List<String> FIELDS = ['minute', 'hour', 'day of month', 'month', 'day of week'].asImmutable()
    static final List<String> ALIASES =
        ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'].asImmutable()

    private static final List<Integer> LOWEST = [0, 0, 1, 1, 0].asImmutable()
    private static final List<Integer> HIGHEST = [59, 23, 31, 12, 7].asImmutable()
    /** The range a bare {@code H} (or {@code H/n}) hashes over: DOM stops at 28, DOW at 6 (7 is Sunday again). */
    private static final List<Integer> HASH_HIGHEST = [59, 23, 28, 12, 6].asImmutable()
    private static final String FORMS = 'a value, a-b, a-b/n, *, */n, H, H/n, H(a-b) or H(a-b)/n'

    /** What is wrong with the spec, one sentence per problem; empty when Jenkins would accept it. */
    @NonCPS
    static List<String> problems(String spec) {
        List<String> found = []
        List<String> lines = (spec ?: '').split(/\r?\n/, -1) as List<String>
        int schedules = 0
        lines.eachWithIndex { String raw, int index ->
            String line = raw.trim()
            String where = "line ${index + 1} '${line}'"
            if (line.startsWith('TZ=')) {
                found.addAll(index == 0 ? zoneProblems(line.substring(3), where)
                    : ["${where}: TZ= is only allowed on the first line".toString()])
            } else if (line && !line.startsWith('#')) {
                schedules++
                found.addAll(scheduleProblems(line, where))
            }
        }
        if (schedules == 0 && found.empty) {
            found << 'it has no schedule line (only TZ=, comments or empty lines), so the timer would never fire'
        }
        found
    }

    @NonCPS
    private static List<String> zoneProblems(String zone, String where) {
        TimeZone.availableIDs.contains(zone) ? []
            : ["${where}: '${zone}' is not a time zone ID of Java (e.g. UTC, Europe/London)".toString()]
    }

    @NonCPS
    private static List<String> scheduleProblems(String line, String where) {
        if (line.startsWith('@')) {
            return line in ALIASES ? []
                : ["${where}: the aliases are ${ALIASES.join(', ')}, alone on their line".toString()]
        }
        List<String> fields = line.split(/[ \t]+/) as List<String>
        if (fields.size() != FIELDS.size()) {
            return [("${where}: ${fields.size()} fields; a schedule has 5, MINUTE HOUR DOM MONTH DOW," +
                    ' separated by spaces').toString()]
        }
        List<String> found = []
        fields.eachWithIndex { String field, int index ->
            String problem = fieldProblem(field, index)
            if (problem) {
                found << "${where}: ${FIELDS[index]} '${field}': ${problem}".toString()
            }
        }
        found
    }

    @NonCPS
    private static String fieldProblem(String field, int index) {
        Matcher hashList = field =~ /H\((\d+(?:,\d+)+)\)(\/\d+)?/
        if (hashList.find()) {
            List<String> values = hashList.group(1).split(',') as List<String>
            String step = hashList.group(2) ?: ''
            return "H( ) takes a range, not a list: write H(${values.first()}-${values.last()})${step}"
        }
        List<String> terms = field.split(',', -1) as List<String>
        if (terms.any { it.empty }) {
            return 'a comma separates two terms; one is missing'
        }
        terms.collect { termProblem(it, index) }.find { it != null }
    }

    @NonCPS
    private static String termProblem(String term, int index) {
        Matcher matcher = term =~ /^(?:(\*)|(H)(?:\((\d{1,9})-(\d{1,9})\))?|(\d{1,9})(?:-(\d{1,9}))?)(?:\/(\d{1,9}))?$/
        if (!matcher.matches()) {
            return "not ${FORMS}"
        }
        String star = matcher.group(1)
        String hash = matcher.group(2)
        String step = matcher.group(7)
        if (star) {
            return stepProblem(step, null)
        }
        if (hash) {
            boolean ranged = matcher.group(3) != null
            int low = ranged ? matcher.group(3).toInteger() : LOWEST[index]
            int high = ranged ? matcher.group(4).toInteger() : HASH_HIGHEST[index]
            return [rangeProblem(low, high, index), stepProblem(step, high - low + 1)].find { it != null }
        }
        int low = matcher.group(5).toInteger()
        if (matcher.group(6) == null) {
            return step ? "a step needs a range, e.g. ${low}-${HIGHEST[index]}/${step} or */${step}"
                : valueProblem(low, index)
        }
        [rangeProblem(low, matcher.group(6).toInteger(), index), stepProblem(step, null)].find { it != null }
    }

    @NonCPS
    private static String rangeProblem(int low, int high, int index) {
        String problem = valueProblem(low, index) ?: valueProblem(high, index)
        if (problem == null && low > high) {
            problem = "the range ${low}-${high} runs backwards"
        }
        problem
    }

    @NonCPS
    private static String valueProblem(int value, int index) {
        value < LOWEST[index] || value > HIGHEST[index]
            ? "${value} is outside ${LOWEST[index]}-${HIGHEST[index]}".toString() : null
    }

    /** A step is positive; after H it is at most the width of the hashed range. */
    @NonCPS
    private static String stepProblem(String step, Integer width) {
        if (step == null) {
            return null
        }
        int value = step.toInteger()
        if (value <= 0) {
            return "the step /${step} must be positive"
        }
        width != null && value > width ? "the step /${step} is wider than the ${width} values H picks from" : null
    }
}
