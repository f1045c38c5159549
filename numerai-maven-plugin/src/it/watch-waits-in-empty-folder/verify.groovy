import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('Not open yet: between rounds')
assert log =~ /Round 1294 is open: \S+ to \S+ UTC, \S+ left to submit/

def record = new JsonSlurper().parse(new File(basedir, 'target/numerai/round.json'))
assert record.status == 'OPEN'
assert record.round == 1294
assert record.openTime && record.closeStakingTime
