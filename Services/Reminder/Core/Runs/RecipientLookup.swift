import GRDB

/// The current recipients of a member's reminders (RE-4), read at run time — so a changed CEO
/// mobile, an opt-out or an extra recipient takes effect from the next run.
struct RecipientLookup {
    enum Answer {
        case unknownMember
        case optedOut
        case recipients([(key: String, mobile: String)])
    }

    private var cache: [String: Answer] = [:]

    mutating func recipients(of businessNumber: String, in db: Database) throws -> Answer {
        if let known = cache[businessNumber] { return known }
        let answer: Answer
        if let member = try Row.fetchOne(db.cachedStatement(sql: "SELECT ceo_mobile, opted_out FROM members WHERE business_number = ?"),
                                         arguments: [businessNumber]) {
            if member[1] as Bool {
                answer = .optedOut
            } else {
                var list: [(key: String, mobile: String)] = [(RecipientKey.ceo, member[0])]
                let extras = try Row.fetchAll(db.cachedStatement(sql: """
                    SELECT id, mobile FROM extra_recipients WHERE business_number = ? AND active = 1 ORDER BY id
                    """), arguments: [businessNumber])
                for extra in extras where !list.contains(where: { $0.mobile == extra[1] as String }) {
                    list.append((RecipientKey.extra(extra[0]), extra[1]))
                }
                answer = .recipients(list)
            }
        } else {
            answer = .unknownMember
        }
        cache[businessNumber] = answer
        return answer
    }
}
