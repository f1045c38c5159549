import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('No round opened within numerai.maxWait=PT4S')
assert log.contains('Skipping numerai:download: numerai:watch found no open round in this build')
assert log.contains('Skipping numerai:predict: numerai:watch found no open round in this build')
assert log.contains('BUILD SUCCESS')

def record = new JsonSlurper().parse(new File(basedir, 'target/numerai/round.json'))
assert record.status == 'NO_ROUND'
assert !new File(basedir, 'target/data/sandbox').exists() : 'download did not run'
