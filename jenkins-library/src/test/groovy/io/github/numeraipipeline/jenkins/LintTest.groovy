package io.github.numeraipipeline.jenkins

import org.codenarc.CodeNarcRunner
import org.codenarc.analyzer.FilesystemSourceAnalyzer
import org.codenarc.report.HtmlReportWriter
import org.codenarc.results.Results
import org.junit.jupiter.api.Test

/** CodeNarc over the library's Groovy (vars/ and src/), with jenkins-library/codenarc.groovy as the rule set. */
class LintTest {

    static final File ROOT = new File(System.getProperty('library.root', '..')).canonicalFile
    /** Priority 1 and 2 violations fail the build; a few priority 3 (style) ones are tolerated. */
    static final Map<Integer, Integer> MAX_VIOLATIONS = [1: 0, 2: 0, 3: 5]

    @Test
    void 'the library passes CodeNarc'() {
        CodeNarcRunner runner = new CodeNarcRunner(
            ruleSetFiles: new File(ROOT, 'jenkins-library/codenarc.groovy').toURI().toString(),
            sourceAnalyzer: new FilesystemSourceAnalyzer(baseDirectory: ROOT.path, includes: '**/vars/*.groovy,**/src/io/**/*.groovy', excludes: '**/jenkins-library/**,**/target/**', failOnError: true),
            reportWriters: [new HtmlReportWriter(outputFile: new File(ROOT, 'jenkins-library/target/codenarc.html').path)])

        Results results = runner.execute()

        List<String> violations = []
        collect(results, violations)
        assert results.totalNumberOfFiles >= 6
        MAX_VIOLATIONS.each { priority, max ->
            assert results.getNumberOfViolationsWithPriority(priority, true) <= max:
                "CodeNarc, priority ${priority} (report: jenkins-library/target/codenarc.html):\n${violations.join('\n')}\n"
        }
    }

    private static void collect(Results results, List<String> into) {
        if (results.file) {
            results.violations.each { into << "P${it.rule.priority} ${results.path}:${it.lineNumber} ${it.rule.name}: ${it.message}" }
        }
        results.children.each { collect(it, into) }
    }
}
