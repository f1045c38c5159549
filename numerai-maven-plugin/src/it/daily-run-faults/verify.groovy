def sandbox = context.get('sandbox')
try {
    def log = new File(basedir, 'build.log').text
    assert log.contains('BUILD SUCCESS')
    assert log =~ /retry \d\/\d in [\d.]+ s/ : 'the API faults were ridden out with back-off'
    assert log =~ /SocketTimeoutException: Read timed out; retry/ : 'the slow answer timed out and was retried'
    assert log.contains('Download of v5.0/live.parquet incomplete') || log.contains('Download of v5.0/features.json incomplete')
    assert log.contains("create_submission's answer was lost, but Numerai has recorded submission")
    def submissions = sandbox.submissions()
    assert submissions*.modelId() == [sandbox.modelIds().xgba, sandbox.modelIds().xgbb] : 'exactly one submission per model'
    ['xgba', 'xgbb'].eachWithIndex { model, i ->
        assert Arrays.equals(submissions[i].bytes(), new File(basedir, "target/numerai/predictions_${model}.csv").bytes)
    }
    return true
} finally {
    sandbox.close()
}
