import groovy.json.JsonSlurper

def sandbox = context.get('sandbox')
try {
    def log = new File(basedir, 'build.log').text
    def out = new File(basedir, 'target/numerai')
    // First run: trained the missing boosters, predicted, submitted both models.
    assert log =~ /Trained xgba: booster .*models.xgba\.model\.json/
    assert log =~ /xgba\s+SUBMITTED/ && log =~ /xgbb\s+SUBMITTED/
    def submissions = sandbox.submissions()
    assert submissions.size() == 2 : 'one submission per model, the second run added none'
    ['xgba', 'xgbb'].eachWithIndex { model, i ->
        assert submissions[i].modelId() == sandbox.modelIds()[model]
        assert Arrays.equals(submissions[i].bytes(), new File(out, "predictions_${model}.csv").bytes)
    }
    // Second run: the watch saw every model submitted for the round; the rest skipped.
    assert log.contains('Every model (xgba, xgbb) already has a submission for round 1294')
    assert new JsonSlurper().parse(new File(out, 'round.json')).status == 'ALREADY_SUBMITTED'
    // No secret in any log, record, report or other file the run left; no signed URL shown whole.
    def leaks = [new File(basedir, 'build.log')]
    new File(basedir, 'target').eachFileRecurse(groovy.io.FileType.FILES) { leaks << it }
    leaks.each { file ->
        def bytes = new String(file.bytes, 'ISO-8859-1')
        assert !bytes.contains('SANDBOX_SECRET_KEY') : "the secret is in ${file}"
        assert !bytes.contains('X-Amz-Signature=') : "a signed URL is in ${file}"
    }
    assert leaks.size() > 10
    return true
} finally {
    sandbox.close()
}
