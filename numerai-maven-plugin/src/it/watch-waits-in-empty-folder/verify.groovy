import groovy.json.JsonSlurper
import io.github.numeraipipeline.numerai.sandbox.SandboxCalendar
import java.time.Instant

def record = new JsonSlurper().parse(new File(basedir, 'target/numerai/round.json'))
// The sandbox numbers one round a UTC day, fixed when it starts, a moment before watch's check.
def round = record.round
assert round in [SandboxCalendar.NUMERAI_LIKE.roundAt(Instant.parse(record.checkedAt)) - 1,
                 SandboxCalendar.NUMERAI_LIKE.roundAt(Instant.parse(record.checkedAt))]

def log = new File(basedir, 'build.log').text
assert log.contains('Not open yet: between rounds')
assert log =~ /Round ${round} is open: \S+ to \S+ UTC, \S+ left to submit/

assert record.status == 'OPEN'
assert record.round == round
assert record.openTime && record.closeStakingTime
