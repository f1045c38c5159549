import groovy.json.JsonSlurper
import io.github.numeraipipeline.numerai.sandbox.SandboxCalendar
import java.time.LocalDate
import java.time.ZoneOffset

def round = SandboxCalendar.NUMERAI_LIKE.roundOn(LocalDate.now(ZoneOffset.UTC))

def log = new File(basedir, 'build.log').text
assert log.contains('Not open yet: between rounds')
assert log =~ /Round ${round} is open: \S+ to \S+ UTC, \S+ left to submit/

def record = new JsonSlurper().parse(new File(basedir, 'target/numerai/round.json'))
assert record.status == 'OPEN'
assert record.round == round
assert record.openTime && record.closeStakingTime
