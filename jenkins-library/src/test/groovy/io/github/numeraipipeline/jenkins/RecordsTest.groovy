package io.github.numeraipipeline.jenkins

import org.junit.jupiter.api.Test

/** What the goals' records say in the build description: a day without an open round, the score alerts. */
class RecordsTest {

    @Test
    void 'a NO_ROUND record with every field'() {
        assert Records.notOpenDescription([status      : 'NO_ROUND', round: 1297, checkedAt: '2026-12-02T11:00:04Z',
                                           waited      : 'PT5H', nextExpected: '2026-12-03T12:00:00Z']) ==
            'No round open: checked 2026-12-02T11:00:04Z after waiting PT5H; last round 1297; ' +
            'next expected 2026-12-03T12:00:00Z'
    }

    @Test
    void 'a NO_ROUND record says what it has'() {
        assert Records.notOpenDescription([status: 'NO_ROUND', round: null, checkedAt: '2026-12-02T11:00:04Z']) ==
            'No round open: checked 2026-12-02T11:00:04Z'
        assert Records.notOpenDescription([status: 'NO_ROUND', waited: 'PT2H', nextExpected: '2026-12-03T12:00:00Z']) ==
            'No round open: waited PT2H; next expected 2026-12-03T12:00:00Z'
        assert Records.notOpenDescription([status: 'NO_ROUND', round: 1297]) == 'No round open: last round 1297'
        assert Records.notOpenDescription([status: 'NO_ROUND']) == 'No round open'
    }

    @Test
    void 'an ALREADY_SUBMITTED record names each model with its submission id, or alone when it is unknown'() {
        assert Records.notOpenDescription([status: 'ALREADY_SUBMITTED', round: 1298,
                                           submissions: [xgba: '3f2a-1', xgbb: null, lgbm: '9c1d-2']]) ==
            'Round 1298: already submitted (xgba 3f2a-1, xgbb, lgbm 9c1d-2)'
        assert Records.notOpenDescription([status: 'ALREADY_SUBMITTED', round: 1298, submissions: [:]]) ==
            'Round 1298: already submitted'
        assert Records.notOpenDescription([status: 'ALREADY_SUBMITTED', submissions: [xgba: 'a']]) ==
            'Already submitted (xgba a)'
    }

    @Test
    void 'another status, or none, is named'() {
        assert Records.notOpenDescription([status: 'PAUSED', checkedAt: '2026-12-02T11:00:04Z']) ==
            'No round open (PAUSED): checked 2026-12-02T11:00:04Z'
        assert Records.notOpenDescription([:]) == 'No round open (unknown)'
        assert Records.notOpenDescription(null) == 'No round open (unknown)'
    }

    @Test
    void 'the records are parsed from JSON, the new fields included'() {
        Map round = Records.parse('{"status":"ALREADY_SUBMITTED","round":1298,"checkedAt":"2026-12-03T12:01:00Z",' +
            '"submissions":{"xgba":"3f2a","xgbb":null}}')

        assert !Records.isOpen(round)
        assert Records.notOpenDescription(round) == 'Round 1298: already submitted (xgba 3f2a, xgbb)'
    }

    @Test
    void 'the alerts of scores json are their messages, and none is an empty list'() {
        List<Map> alerts = [[model: 'xgba', kind: 'missed', message: 'xgba missed round 1293'],
                            [model: 'xgbb', kind: 'below']]
        assert Records.scoreAlerts([models: [:], alerts: alerts]) == ['xgba missed round 1293', 'xgbb: below']
        assert Records.scoreAlerts([models: [:], alerts: []]) == []
        assert Records.scoreAlerts([models: [:]]) == []
    }

    @Test
    void 'alerts follow the description'() {
        assert Records.withAlerts('Round 1294: xgba SUBMITTED s-1', ['xgba missed round 1293', 'xgbb: below']) ==
            'Round 1294: xgba SUBMITTED s-1; alerts: xgba missed round 1293; xgbb: below'
        assert Records.withAlerts(null, ['a']) == 'Scores; alerts: a'
        assert Records.withAlerts('Round 1294', []) == 'Round 1294'
    }
}
