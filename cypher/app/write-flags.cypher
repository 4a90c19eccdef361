// Stores the engine's flags and figures on entities, with the rule, date and time of computation, so saved
// queries can filter on them. $rows: [{key, flags, sanctionedPercent, maxStatePercent, stateControlledBy}]
UNWIND $rows AS row
MATCH (n:Entity {id: row.key})
SET n.flags = row.flags,
    n.sanctionedPercent = row.sanctionedPercent,
    n.maxStatePercent = row.maxStatePercent,
    n.stateControlledBy = row.stateControlledBy,
    n.flagRule = $rule,
    n.flagAsOf = date($asOf),
    n.flagsComputedAt = datetime($computedAt)
RETURN count(n) AS written
