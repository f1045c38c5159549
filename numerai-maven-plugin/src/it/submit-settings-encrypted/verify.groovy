def sandbox = context.get('sandbox')
try {
    def log = new File(basedir, 'build.log').text
    assert log.contains('Numerai keys from settings.xml server "numerai"')
    assert !log.contains('SANDBOX_SECRET_KEY') : 'the secret is never logged'
    def submissions = sandbox.submissions()
    assert submissions.size() == 2
    ['xgba', 'xgbb'].eachWithIndex { model, i ->
        def file = new File(basedir, "target/numerai/predictions_${model}.csv")
        assert submissions[i].modelId() == sandbox.modelIds()[model]
        assert Arrays.equals(submissions[i].bytes(), file.bytes) : "the bytes uploaded are the file's"
    }
    return true
} finally {
    sandbox.close()
}
