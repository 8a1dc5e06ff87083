/// Counts of one run (or one batch of it).
struct RunTally: Sendable {
    var selected = 0
    var sent = 0
    var optedOut = 0
    var noRecipient = 0
    var expired = 0
    var alreadySent = 0

    static func + (lhs: RunTally, rhs: RunTally) -> RunTally {
        RunTally(selected: lhs.selected + rhs.selected, sent: lhs.sent + rhs.sent, optedOut: lhs.optedOut + rhs.optedOut,
                 noRecipient: lhs.noRecipient + rhs.noRecipient, expired: lhs.expired + rhs.expired,
                 alreadySent: lhs.alreadySent + rhs.alreadySent)
    }

    /// Skip reasons with a non-zero count.
    var skipped: [String: Int] {
        var reasons: [String: Int] = [:]
        if optedOut > 0 { reasons["opted_out"] = optedOut }
        if noRecipient > 0 { reasons["no_recipient"] = noRecipient }
        if expired > 0 { reasons["expired"] = expired }
        if alreadySent > 0 { reasons["already_sent"] = alreadySent }
        return reasons
    }
}
