import groovy.json.JsonSlurper

try {
    def log = new File(basedir, 'build.log').text
    assert log.contains('Not open yet: between rounds (Numerai says: Current round not open for submissions)')
    assert log =~ /Round 1294 is open: \S+ to \S+ UTC/
    assert new JsonSlurper().parse(new File(basedir, 'target/numerai/round.json')).status == 'OPEN'
    def requests = context.get('sandbox').requests()
    assert requests.size() >= 2
    assert requests.every { it.authorization() == null } : 'watch sends no keys'
    return true
} finally {
    context.get('sandbox').close()
}
