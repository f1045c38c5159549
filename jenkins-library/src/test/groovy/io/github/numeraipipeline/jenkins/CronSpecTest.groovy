package io.github.numeraipipeline.jenkins

import org.junit.jupiter.api.Test
import org.junit.jupiter.params.ParameterizedTest
import org.junit.jupiter.params.provider.Arguments
import org.junit.jupiter.params.provider.MethodSource
import org.junit.jupiter.params.provider.ValueSource

/**
 * Jenkins' cron syntax as its "Build periodically" help documents it (TimerTrigger/help-spec.jelly) and its crontab
 * grammar parses it: what it accepts passes, what would stop every build is a problem naming the line and field.
 */
class CronSpecTest {

    /** The examples of Jenkins' help, the time zone example, and the aliases. */
    static final List<String> DOCUMENTED = [
        'H/15 * * * *',
        'H(0-29)/10 * * * *',
        '45 9-16/2 * * 1-5',
        'H H(8-15)/2 * * 1-5',
        'H H 1,15 1-11 *',
        'H H * * *',
        'H H(0-7) * * *',
        'TZ=Europe/London\n# This job needs to be run in the morning, London time\nH 8 * * *\n' +
            '# Butlers do not have a five o\'clock, so we run the job again\nH(0-30) 17 * * *',
        '@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'
    ].asImmutable()

    @Test
    void 'the default spec of numeraiPipeline is valid: H takes the range 0-29'() {
        assert CronSpec.problems('TZ=UTC\nH(0-29) 11 * * 2-6').empty
        assert CronSpec.problems(NumeraiPipelineConfig.DEFAULTS.cron as String).empty
    }

    @Test
    void 'the spec the library used to default to is refused, with the fix'() {
        assert CronSpec.problems('H(0,29) 11 * * 2-6') ==
            ["line 1 'H(0,29) 11 * * 2-6': minute 'H(0,29)': H( ) takes a range, not a list: write H(0-29)"]
        assert CronSpec.problems('TZ=UTC\nH(0,29) 11 * * 2-6') ==
            ["line 2 'H(0,29) 11 * * 2-6': minute 'H(0,29)': H( ) takes a range, not a list: write H(0-29)"]
    }

    static List<String> documented() {
        DOCUMENTED
    }

    @ParameterizedTest(name = '{0}')
    @MethodSource('documented')
    void 'every example of the Jenkins help is accepted'(String spec) {
        assert CronSpec.problems(spec).empty
    }

    @ParameterizedTest(name = '{0}')
    @ValueSource(strings = [
        '0,30 * * * *', '0 0 1 * 7', '0 0 1 * 0', '0 0 * 1-10/3 *', '*/5 * * * *', '* * * * *',
        'H(0-59) H(0-23) H(1-31) H(1-12) H(0-7)', 'H(0-3)/4 * * * *', 'H/1 * * * *', 'H H(5-8) H/3 H(1-10)/4 *',
        '0\t12\t*\t*\t2-6', '  H 12 * * 2-6  ', 'H * * * *\r\nH 12 * * *', '\n\n# only a comment first\nH 1 * * *'
    ])
    void 'what the crontab grammar parses is accepted'(String spec) {
        assert CronSpec.problems(spec).empty
    }

    static List<Arguments> refused() {
        [
            ['H 11 * *', "line 1 'H 11 * *': 4 fields; a schedule has 5"],
            ['H 11 * * * 2026', "line 1 'H 11 * * * 2026': 6 fields"],
            ['60 11 * * *', "minute '60': 60 is outside 0-59"],
            ['H 24 * * *', "hour '24': 24 is outside 0-23"],
            ['H H 0 * *', "day of month '0': 0 is outside 1-31"],
            ['H H * 13 *', "month '13': 13 is outside 1-12"],
            ['H H * * 8', "day of week '8': 8 is outside 0-7"],
            ['H H(12-24) * * *', "hour 'H(12-24)': 24 is outside 0-23"],
            ['H(33-66) * * * *', "minute 'H(33-66)': 66 is outside 0-59"],
            ['H(29-0) 11 * * *', "minute 'H(29-0)': the range 29-0 runs backwards"],
            ['H 11 * * 6-2', "day of week '6-2': the range 6-2 runs backwards"],
            ['H(0-3)/15 * * * *', "minute 'H(0-3)/15': the step /15 is wider than the 4 values H picks from"],
            ['H/61 * * * *', "minute 'H/61': the step /61 is wider than the 60 values H picks from"],
            ['H H H/30 * *', "day of month 'H/30': the step /30 is wider than the 28 values H picks from"],
            ['*/0 * * * *', "minute '*/0': the step /0 must be positive"],
            ['H/0 * * * *', "minute 'H/0': the step /0 must be positive"],
            ['5/10 * * * *', "minute '5/10': a step needs a range, e.g. 5-59/10 or */10"],
            ['H 11 * * MON-FRI', "day of week 'MON-FRI': not a value, a-b, a-b/n, *, */n, H, H/n, H(a-b) or H(a-b)/n"],
            ['H 11 * JAN *', "month 'JAN': not a value"],
            ['H 11 * * 1,,5', "day of week '1,,5': a comma separates two terms; one is missing"],
            ['H (0-29) 11 * * *', '6 fields'],
            ['h 11 * * *', "minute 'h': not a value"],
            ['H(0,10,29)/5 * * * *', "minute 'H(0,10,29)/5': H( ) takes a range, not a list: write H(0-29)/5"],
            ['@every5m', "line 1 '@every5m': the aliases are @yearly, @annually, @monthly, @weekly, @daily," +
                ' @midnight, @hourly, alone on their line'],
            ['@daily 5', 'alone on their line'],
            ['TZ=Mars/Olympus\nH 11 * * *', "line 1 'TZ=Mars/Olympus': 'Mars/Olympus' is not a time zone ID of Java"],
            ['H 11 * * *\nTZ=UTC', "line 2 'TZ=UTC': TZ= is only allowed on the first line"]
        ].collect { Arguments.of(*it) }
    }

    @ParameterizedTest(name = '{0}')
    @MethodSource('refused')
    void 'what Jenkins would refuse is a problem naming the line, the field and why'(String spec, String problem) {
        List<String> problems = CronSpec.problems(spec)

        assert problems.size() == 1
        assert problems[0].contains(problem)
    }

    @ParameterizedTest(name = '[{index}] {0}')
    @ValueSource(strings = ['', 'TZ=UTC', 'TZ=UTC\n# nothing yet\n'])
    void 'a spec without a schedule line is a problem too, though Jenkins takes it: the timer would never fire'(
            String spec) {
        assert CronSpec.problems(spec) ==
            ['it has no schedule line (only TZ=, comments or empty lines), so the timer would never fire']
    }

    @Test
    void 'every wrong line and field is reported'() {
        assert CronSpec.problems('TZ=UTC\n61 11 * * *\nH 25 * * 9').size() == 3
    }
}
