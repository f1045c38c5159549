import io.github.numeraipipeline.numerai.it.ItSandbox

def sandbox = ItSandbox.start(basedir, sandboxPort)
ItSandbox.writePredictions(basedir, 'xgba')
def csv = new File(basedir, 'target/numerai/predictions_xgba.csv').bytes
int today = sandbox.roundNumber()
[today - 3, today - 1].each { sandbox.submitPast('xgba', it, csv) }
context.put('sandbox', sandbox)
return true
