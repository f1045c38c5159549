def sandbox = context.get('sandbox')
try {
    def log = new File(basedir, 'build.log').text
    assert log.contains('Numerai refused the API keys: Your session is invalid or has expired.')
    assert !log.contains('REVOKED-SECRET-0123456789')
    assert sandbox.requests().size() <= 3 : "a handful of calls, not a retry storm: ${sandbox.requests().size()}"
    assert sandbox.requests().count { it.authorization() != null } == 1 : 'the refused key is sent once'
    return true
} finally {
    sandbox.close()
}
