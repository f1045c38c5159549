import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('No round opened within numerai.maxWait=PT4S')
assert log.contains('Skipping numerai:download: numerai:watch found no open round in this build')
assert log.contains('Skipping numerai:predict: numerai:watch found no open round in this build')
assert log.contains('BUILD SUCCESS')

def record = new JsonSlurper().parse(new File(basedir, 'target/numerai/round.json'))
assert record.status == 'NO_ROUND'
assert !new File(basedir, 'target/data/sandbox').exists() : 'download did not run'
assert record.waited && record.nextExpected && record.nextExpectedFrom == 'timetable'

// The run's report reads as a quiet day, not as a round with nothing in it.
def report = new File(basedir, 'target/numerai/report.html').text
assert report.contains('<h1>No round open (sandbox)</h1>')
assert report.contains('<dt>Next round expected</dt>')
assert !report.contains('round ?')
