def sandbox = context.get('sandbox')
try {
    def log = new File(basedir, 'build.log').text
    assert log.contains('No Numerai API keys found. Either set the environment variables NUMERAI_PUBLIC_ID and NUMERAI_SECRET_KEY')
    assert log.contains('<server><id>numerai</id>')
    assert sandbox.requests().isEmpty() : 'nothing is asked of Numerai without keys'
    assert !new File(basedir, 'target/data/scores.json').exists()
    return true
} finally {
    sandbox.close()
}
